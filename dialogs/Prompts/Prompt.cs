using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>
/// Asks one question and ends with a typed answer. A wrong answer gets a retry that says what was wrong;
/// from the <see cref="MaxAttempts"/>th failure on, the user is offered a way out instead of the same question.
/// </summary>
internal abstract class Prompt<T> : Dialog
{
    /// <summary>Failures after which the way out (返回主菜单 / 人工 / 取消) is offered.</summary>
    public const int MaxAttempts = 3;

    private readonly PromptValidator<T>? _validator;

    protected Prompt(string id, PromptValidator<T>? validator)
        : base(id)
    {
        _validator = validator;
    }

    public override Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var promptOptions = options as PromptOptions
            ?? throw new ArgumentException($"Prompt '{Id}' needs {nameof(PromptOptions)} to begin.", nameof(options));
        Save(dc.ActiveInstance!, new PromptState(promptOptions, 0));
        SendPrompt(dc, promptOptions, problem: null);
        return Task.FromResult(DialogTurnResult.Waiting);
    }

    public override async Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (!dc.Activity.IsMessage)
        {
            return DialogTurnResult.Waiting;
        }

        var instance = dc.ActiveInstance!;
        var state = Read(instance);
        var recognition = Recognize(dc, state.Options);
        var problem = recognition.Problem;
        if (recognition.Succeeded && _validator is not null)
        {
            problem = await _validator(recognition.Value!, cancellationToken).ConfigureAwait(false);
        }

        if (recognition.Succeeded && problem is null)
        {
            return await dc.EndDialogAsync(recognition.Value, cancellationToken).ConfigureAwait(false);
        }

        if (!recognition.Succeeded && ListensForOtherSubjects && ChangeOfSubject.In(dc) is { } subject)
        {
            // A sentence about something else (a legal question at a yes/no, 人工 in other words): the bot serves that.
            dc.ChangeOfSubject = subject;
            return DialogTurnResult.Waiting;
        }

        state = state with { Attempts = state.Attempts + 1 };
        Save(instance, state);
        if (state.Attempts >= MaxAttempts)
        {
            dc.SendText(Join(problem, Texts.PromptWayOut), [Texts.WayOutMainMenu, Texts.WayOutHuman, Texts.WayOutCancel]);
        }
        else
        {
            SendPrompt(dc, state.Options, problem);
        }

        return DialogTurnResult.Waiting;
    }

    public override Task RepromptAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken)
    {
        SendPrompt(dc, Read(instance).Options, problem: null);
        return Task.CompletedTask;
    }

    public override IReadOnlyList<string> OfferedAnswers(DialogInstance instance)
    {
        var options = Read(instance).Options;
        return [.. (options.Choices ?? []).Select(c => c.Value), .. options.Buttons ?? []];
    }

    public override string? GetHelp(DialogInstance instance)
    {
        var options = Read(instance).Options;
        return options.Help ?? DefaultHelp(options);
    }

    protected abstract PromptRecognition<T> Recognize(DialogContext dc, PromptOptions options);

    /// <summary>
    /// Prompts that offer choices (an option, yes/no) take a sentence about another matter for a change of subject;
    /// prompts for free text (a description, an address, a name) take whatever is written as their answer.
    /// </summary>
    protected virtual bool ListensForOtherSubjects => false;

    protected abstract string DefaultHelp(PromptOptions options);

    /// <summary>Says the question (after what was wrong, if anything). Prompts with options add their buttons.</summary>
    protected virtual void SendPrompt(DialogContext dc, PromptOptions options, string? problem) =>
        dc.SendText(Question(options, problem), options.Buttons ?? []);

    protected static string Question(PromptOptions options, string? problem) =>
        problem is null ? options.Prompt : Join(problem, options.RetryPrompt ?? options.Prompt);

    protected static string Join(string? first, string second) => string.IsNullOrEmpty(first) ? second : first + "\n" + second;

    private static void Save(DialogInstance instance, PromptState state) => DialogJson.Keep(instance, state);

    private static PromptState Read(DialogInstance instance) => DialogJson.Read<PromptState>(instance);
}
