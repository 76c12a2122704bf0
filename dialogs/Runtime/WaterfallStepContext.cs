namespace CitizenBot.Dialogs.Runtime;

/// <summary>
/// What a step sees: the flow's typed <see cref="State"/>, and, when it is called back, its own <see cref="Answer"/>.
/// A step either asks (<see cref="AskAsync{T}"/>), moves on (<see cref="NextAsync"/>) or ends the flow (<see cref="EndAsync"/>).
/// </summary>
internal sealed class WaterfallStepContext<TState>
    where TState : class, new()
{
    private readonly WaterfallDialog<TState> _dialog;
    private readonly DialogInstance _instance;
    private readonly WaterfallProgress<TState> _progress;

    internal WaterfallStepContext(
        WaterfallDialog<TState> dialog, DialogContext context, DialogInstance instance, WaterfallProgress<TState> progress,
        int index, string name, bool hasAnswer, object? answer)
    {
        _dialog = dialog;
        _instance = instance;
        _progress = progress;
        Context = context;
        Index = index;
        Name = name;
        HasAnswer = hasAnswer;
        Answer = answer;
    }

    public DialogContext Context { get; }

    /// <summary>The flow's state; replace it (records: <c>State = State with { ... }</c>) and it is saved.</summary>
    public TState State
    {
        get => _progress.State;
        set => _progress.State = value;
    }

    public int Index { get; }

    /// <summary>The step method's name, for logs.</summary>
    public string Name { get; }

    /// <summary>True when this call brings the answer to what this step asked.</summary>
    public bool HasAnswer { get; }

    public object? Answer { get; }

    /// <summary>
    /// Asks with a prompt (or any child dialog) and, when called back with the answer, stores it with
    /// <paramref name="store"/> and moves to the next step. A step written as one call to this both asks and consumes its answer.
    /// </summary>
    public async Task<DialogTurnResult> AskAsync<T>(string dialogId, object? options, Func<TState, T, TState> store, CancellationToken cancellationToken)
    {
        if (!HasAnswer)
        {
            return await BeginDialogAsync(dialogId, options, cancellationToken).ConfigureAwait(false);
        }

        if (Answer is not T value)
        {
            // The question was asked by an earlier build whose prompt answered with another type (a conversation saved
            // across a deployment): the flow restarts politely, as for any state this build cannot continue.
            throw new StaleDialogException(
                $"Step {Name} of '{_dialog.Id}' expected a {typeof(T).Name} from '{dialogId}' but got {Answer?.GetType().Name ?? "null"}.");
        }

        State = store(State, value);
        return await NextAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Begins a child dialog; its result comes back to this same step as <see cref="Answer"/>.</summary>
    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options, CancellationToken cancellationToken)
    {
        if (!_progress.Asked.Contains(Index))
        {
            _progress.Asked.Add(Index);
        }

        WaterfallDialog<TState>.Save(_instance, _progress);
        return Context.BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>
    /// Counts this step as asked although it filled itself in (from the starting message), so "返回" comes back to it
    /// and the citizen can change what was understood.
    /// </summary>
    public void MarkAsked()
    {
        if (!_progress.Asked.Contains(Index))
        {
            _progress.Asked.Add(Index);
        }
    }

    /// <summary>Moves to the next step; at the end of a part being changed (<see cref="AmendAsync"/>), back to where that was asked.</summary>
    public Task<DialogTurnResult> NextAsync(CancellationToken cancellationToken)
    {
        var next = Index + 1;
        if (_progress is { AmendThrough: { } through, AmendReturn: { } back } && Index >= through)
        {
            _progress.AmendThrough = null;
            _progress.AmendReturn = null;
            next = back;
        }

        return _dialog.RunStepAsync(Context, _instance, _progress, next, hasAnswer: false, answer: null, cancellationToken);
    }

    /// <summary>Runs this step afresh, as when the flow first reached it (the summary shown again after a change made in place).</summary>
    public Task<DialogTurnResult> RepeatAsync(CancellationToken cancellationToken) =>
        _dialog.RunStepAsync(Context, _instance, _progress, Index, hasAnswer: false, answer: null, cancellationToken);

    /// <summary>
    /// Changes one part of what was answered (from the summary: "地址写错了"): asks the steps from <paramref name="first"/>
    /// through <paramref name="through"/> again, then goes on at <paramref name="then"/> rather than through the steps in
    /// between, whose answers stand.
    /// </summary>
    public Task<DialogTurnResult> AmendAsync(WaterfallStep<TState> first, WaterfallStep<TState> through, WaterfallStep<TState> then, CancellationToken cancellationToken)
    {
        var start = _dialog.IndexOf(first);
        _progress.AmendThrough = _dialog.IndexOf(through);
        _progress.AmendReturn = _dialog.IndexOf(then);
        return _dialog.RunStepAsync(Context, _instance, _progress, start, hasAnswer: false, answer: null, cancellationToken);
    }

    /// <summary>Ends the flow; its state is the result handed to whoever began it.</summary>
    public Task<DialogTurnResult> EndAsync(CancellationToken cancellationToken)
    {
        WaterfallDialog<TState>.Save(_instance, _progress);
        return Context.EndDialogAsync(State, cancellationToken);
    }
}
