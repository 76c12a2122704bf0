namespace CitizenBot.Dialogs.Runtime;

/// <summary>A waterfall's saved place: the current step, the steps that asked something (for "返回"), and the flow's typed state.</summary>
internal sealed class WaterfallProgress<TState>
    where TState : class, new()
{
    public int Step { get; set; }

    public List<int> Asked { get; set; } = [];

    public TState State { get; set; } = new();
}
