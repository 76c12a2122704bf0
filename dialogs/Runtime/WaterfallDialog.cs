namespace CitizenBot.Dialogs.Runtime;

/// <summary>
/// A flow as an ordered list of steps over one typed state record. Derived flows list their
/// <c>&lt;Noun&gt;StepAsync</c> methods with <see cref="AddSteps"/> in the constructor, so that list is the flow's
/// table of contents. The state is saved as JSON in the stack entry after every step, so a flow survives a restart.
/// </summary>
internal abstract class WaterfallDialog<TState> : Dialog
    where TState : class, new()
{
    private readonly List<WaterfallStep<TState>> _steps = [];

    protected WaterfallDialog(string id)
        : base(id)
    {
    }

    /// <summary><c>"{id}:{stepCount}"</c>: a saved flow whose step count differs is restarted, not continued.</summary>
    public override string Version => $"{Id}:{_steps.Count}";

    public override Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var progress = new WaterfallProgress<TState> { State = options as TState ?? new TState() };
        return RunStepAsync(dc, Active(dc), progress, 0, hasAnswer: false, answer: null, cancellationToken);
    }

    /// <summary>A message while the waterfall itself is on top (a step sent text and waited): the text is that step's answer.</summary>
    public override Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var instance = Active(dc);
        var progress = Read(instance);
        return RunStepAsync(dc, instance, progress, progress.Step, hasAnswer: true, answer: dc.Text, cancellationToken);
    }

    /// <summary>A prompt or child flow ended: its result goes back to the step that began it.</summary>
    public override Task<DialogTurnResult> ResumeAsync(DialogContext dc, object? result, CancellationToken cancellationToken)
    {
        var instance = Active(dc);
        var progress = Read(instance);
        return RunStepAsync(dc, instance, progress, progress.Step, hasAnswer: true, answer: result, cancellationToken);
    }

    public override bool CanGoBack(DialogInstance instance)
    {
        var progress = Read(instance);
        return progress.Asked.Exists(step => step < progress.Step);
    }

    /// <summary>Re-asks the last step before the current one that asked something.</summary>
    public override Task<DialogTurnResult> GoBackAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var instance = Active(dc);
        var progress = Read(instance);
        progress.Asked.RemoveAll(step => step >= progress.Step);
        var previous = progress.Asked[^1];
        progress.Asked.RemoveAt(progress.Asked.Count - 1);
        return RunStepAsync(dc, instance, progress, previous, hasAnswer: false, answer: null, cancellationToken);
    }

    protected void AddSteps(params ReadOnlySpan<WaterfallStep<TState>> steps)
    {
        foreach (var step in steps)
        {
            _steps.Add(step);
        }
    }

    /// <summary>Where <paramref name="step"/> stands in the flow (a step method of this flow's own).</summary>
    internal int IndexOf(WaterfallStep<TState> step)
    {
        var index = _steps.IndexOf(step);
        return index >= 0 ? index : throw new ArgumentException($"'{step.Method.Name}' is not a step of '{Id}'.", nameof(step));
    }

    internal async Task<DialogTurnResult> RunStepAsync(
        DialogContext dc, DialogInstance instance, WaterfallProgress<TState> progress, int index, bool hasAnswer, object? answer,
        CancellationToken cancellationToken)
    {
        if (index >= _steps.Count)
        {
            Save(instance, progress);
            return await dc.EndDialogAsync(progress.State, cancellationToken).ConfigureAwait(false);
        }

        progress.Step = index;
        Save(instance, progress);
        var context = new WaterfallStepContext<TState>(this, dc, instance, progress, index, _steps[index].Method.Name, hasAnswer, answer);
        var result = await _steps[index](context, cancellationToken).ConfigureAwait(false);
        if (dc.Stack.Contains(instance))
        {
            Save(instance, progress);
        }

        return result;
    }

    internal static void Save(DialogInstance instance, WaterfallProgress<TState> progress) => DialogJson.Keep(instance, progress);

    private static WaterfallProgress<TState> Read(DialogInstance instance) => DialogJson.Read<WaterfallProgress<TState>>(instance);

    private DialogInstance Active(DialogContext dc) =>
        dc.ActiveInstance is { } instance && instance.Id == Id
            ? instance
            : throw new InvalidOperationException($"Waterfall '{Id}' was called while it is not the active dialog.");
}
