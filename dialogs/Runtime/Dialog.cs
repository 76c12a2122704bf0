namespace CitizenBot.Dialogs.Runtime;

/// <summary>
/// A unit of conversation on the stack. Lifecycle: Begin (pushed), Continue (a new message while on top),
/// Resume (a child ended with a result), Reprompt (say the question again), End (popped).
/// </summary>
internal abstract class Dialog
{
    private readonly List<Dialog> _dependencies = [];

    protected Dialog(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    public string Id { get; }

    /// <summary>Written into each stack entry; a saved entry with another version is not continued (the flow changed).</summary>
    public virtual string Version => Id;

    /// <summary>Dialogs this one begins (its prompts), found by <see cref="DialogSet"/> without separate registration.</summary>
    public IReadOnlyList<Dialog> Dependencies => _dependencies;

    public abstract Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options, CancellationToken cancellationToken);

    public virtual Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken) =>
        dc.EndDialogAsync(null, cancellationToken);

    public virtual Task<DialogTurnResult> ResumeAsync(DialogContext dc, object? result, CancellationToken cancellationToken) =>
        dc.EndDialogAsync(result, cancellationToken);

    public virtual Task RepromptAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task EndAsync(DialogContext dc, DialogInstance instance, DialogEndReason reason, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Help for where the user is in this dialog, or null to let an outer dialog answer.</summary>
    public virtual string? GetHelp(DialogInstance instance) => null;

    /// <summary>The answers this dialog offers as buttons at its open question (the bot's own words), if any.</summary>
    public virtual IReadOnlyList<string> OfferedAnswers(DialogInstance instance) => [];

    /// <summary>
    /// Whether the open question asks for a bare answer (an address, a name, a phone number, an option, yes or no), or for
    /// more of a matter the citizen is telling (a legal consultation's follow-up): words that name a place or a person
    /// there ("电厂生活区4号楼", "王焱"), or retell the matter, are an answer far more often than an alarm.
    /// </summary>
    public virtual bool AsksForBareAnswer(DialogInstance instance) => false;

    /// <summary>Whether "返回" can be served inside this dialog (it has an earlier question to go back to).</summary>
    public virtual bool CanGoBack(DialogInstance instance) => false;

    /// <summary>Goes back one question; only called when <see cref="CanGoBack"/> said yes and this dialog is on top.</summary>
    public virtual Task<DialogTurnResult> GoBackAsync(DialogContext dc, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"Dialog '{Id}' cannot go back; check CanGoBack first.");

    protected T AddDialog<T>(T dialog)
        where T : Dialog
    {
        _dependencies.Add(dialog);
        return dialog;
    }
}
