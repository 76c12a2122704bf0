namespace CitizenBot.Dialogs.Runtime;

/// <summary>A waterfall's saved place: the current step, the steps that asked something (for "返回"), and the flow's typed state.</summary>
internal sealed class WaterfallProgress<TState>
    where TState : class, new()
{
    public int Step { get; set; }

    public List<int> Asked { get; set; } = [];

    public TState State { get; set; } = new();

    /// <summary>While a part is changed from the summary: the last step of that part; moving on from it goes to <see cref="AmendReturn"/>.</summary>
    public int? AmendThrough { get; set; }

    /// <summary>The step an amendment returns to (the summary, or a check the changed part affects).</summary>
    public int? AmendReturn { get; set; }
}
