namespace CitizenBot.Dialogs.Runtime;

/// <summary>One step of a waterfall. It is called once to ask, and again with its own answer when the question was answered.</summary>
internal delegate Task<DialogTurnResult> WaterfallStep<TState>(WaterfallStepContext<TState> step, CancellationToken cancellationToken)
    where TState : class, new();
