using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Cards;
using CitizenBot.Dialogs.Text;
using CitizenBot.Dialogs.Understanding;

namespace CitizenBot.Dialogs.Runtime;

/// <summary>
/// One turn as the dialogs see it: the inbound activity (with its text normalised once), the conversation's
/// dialog stack, and the replies buffered until the bot has saved the state.
/// </summary>
internal sealed class DialogContext
{
    private readonly List<Activity> _replies = [];
    private readonly Understander? _understander;
    private Understood? _understood;

    public DialogContext(Activity activity, ConversationState state, DialogSet dialogs, Understander? understander = null)
    {
        Activity = activity;
        State = state;
        Dialogs = dialogs;
        Text = ChineseText.Normalize(activity.Text);
        MatchKey = ChineseText.MatchKeyOfNormalized(Text);
        _understander = understander;
    }

    /// <summary>What the understanding models (and the emergency rules) made of the text; computed once, when first asked.</summary>
    public Understood Understanding => _understood ??=
        _understander is null || MatchKey.Length == 0 ? Understood.Nothing : _understander.Understand(Text, MatchKey);

    /// <summary>What the understanding models make of other words than the message (a clause of it); empty without models.</summary>
    public MessageUnderstanding Read(string text)
    {
        var key = ChineseText.ToMatchKey(text);
        return _understander is null || key.Length == 0 ? MessageUnderstanding.Empty : _understander.Understand(text, key).Model;
    }

    /// <summary>Asks the second judge about the message when the models were unsure (see <see cref="Understander.ConsultAsync"/>).</summary>
    public async Task ConsultAsync(CancellationToken cancellationToken)
    {
        if (_understander is not null && MatchKey.Length > 0)
        {
            _understood = await _understander.ConsultAsync(Understanding, Text, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Set by a prompt that met a message about something else entirely (a legal question at a yes/no, "找人工" at a
    /// category): the intent the message is about. The bot sets the flow aside and serves that instead.
    /// </summary>
    public string? ChangeOfSubject { get; set; }

    /// <summary>
    /// The menu intent of the flow the citizen is in (set by the bot): the menu flow nearest the top of the stack, e.g.
    /// "mediation" for a booking begun from a consultation; null outside a flow.
    /// </summary>
    public string? RootIntent { get; set; }

    public Activity Activity { get; }

    public ConversationState State { get; }

    public DialogSet Dialogs { get; }

    /// <summary>The user's text: NFKC, trimmed, Simplified. Empty when the message had no text.</summary>
    public string Text { get; }

    /// <summary><see cref="Text"/> lower-cased without spaces, punctuation or emoji: what keywords are compared with.</summary>
    public string MatchKey { get; }

    public List<DialogInstance> Stack => State.Stack;

    public DialogInstance? ActiveInstance => Stack.Count > 0 ? Stack[^1] : null;

    public IReadOnlyList<Activity> Replies => _replies;

    public void SendText(string text) => _replies.Add(CreateReply(text, null));

    /// <summary>Text with buttons; the buttons send their own title back.</summary>
    public void SendText(string text, IReadOnlyList<string> buttons) => _replies.Add(CreateReply(text, buttons));

    /// <summary>
    /// A question with options as suggested actions. Each channel renders them its own way: Web Chat as
    /// buttons, WeChat as numbered lines; a number or the title picks an option either way.
    /// </summary>
    public void SendChoices(string text, IReadOnlyList<string> options) => SendText(text, options);

    /// <summary>A card with its text fallback; <paramref name="buttons"/> as with <see cref="SendText(string, IReadOnlyList{string})"/>.</summary>
    public void SendCard(CardReply card, IReadOnlyList<string>? buttons = null)
    {
        var reply = card.ToActivity(Activity);
        AddButtons(reply, buttons);
        _replies.Add(reply);
    }

    /// <summary>An event among the replies (e.g. <c>handoff.initiate</c>); channels that know it act on it, the others skip it.</summary>
    public void SendEvent(string name) => _replies.Add(new Activity { Type = ActivityTypes.Event, Name = name });

    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options, CancellationToken cancellationToken)
    {
        var dialog = Dialogs.Find(dialogId)
            ?? throw new InvalidOperationException($"No dialog with id '{dialogId}' is registered. Register it (or add it with AddDialog) before beginning it.");
        Stack.Add(new DialogInstance { Id = dialog.Id, Version = dialog.Version });
        return await dialog.BeginAsync(this, options, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken)
    {
        if (ActiveInstance is not { } active)
        {
            return DialogTurnResult.Empty;
        }

        return await FindActive(active).ContinueAsync(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pops the active dialog and hands its result to the dialog below, which resumes.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result, CancellationToken cancellationToken)
    {
        if (ActiveInstance is { } ending)
        {
            Stack.RemoveAt(Stack.Count - 1);
            await FindActive(ending).EndAsync(this, ending, DialogEndReason.Completed, cancellationToken).ConfigureAwait(false);
        }

        if (ActiveInstance is { } parent)
        {
            return await FindActive(parent).ResumeAsync(this, result, cancellationToken).ConfigureAwait(false);
        }

        return new DialogTurnResult(DialogTurnStatus.Complete, result);
    }

    /// <summary>Pops dialogs above <paramref name="keep"/> entries, innermost first, without resuming anyone.</summary>
    public async Task CancelDialogsAboveAsync(int keep, CancellationToken cancellationToken)
    {
        while (Stack.Count > keep)
        {
            var instance = Stack[^1];
            Stack.RemoveAt(Stack.Count - 1);
            if (Dialogs.Find(instance.Id) is { } dialog)
            {
                await dialog.EndAsync(this, instance, DialogEndReason.Cancelled, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task CancelAllDialogsAsync(CancellationToken cancellationToken) => CancelDialogsAboveAsync(0, cancellationToken);

    /// <summary>The message is exactly one of the answers the open question offers as buttons (a tap, or the same words typed).</summary>
    public bool IsOfferedAnswer =>
        ActiveInstance is { } active && Dialogs.Find(active.Id) is { } dialog
        && dialog.OfferedAnswers(active).Contains(Activity.Text?.Trim() ?? string.Empty, StringComparer.Ordinal);

    /// <summary>The open question asks for an address, a name or a phone number (<see cref="Dialog.AsksForBareAnswer"/>).</summary>
    public bool AsksForBareAnswer =>
        ActiveInstance is { } active && Dialogs.Find(active.Id) is { } dialog && dialog.AsksForBareAnswer(active);

    public async Task RepromptAsync(CancellationToken cancellationToken)
    {
        if (ActiveInstance is { } active)
        {
            await FindActive(active).RepromptAsync(this, active, cancellationToken).ConfigureAwait(false);
        }
    }

    private Dialog FindActive(DialogInstance instance) =>
        Dialogs.Find(instance.Id)
            ?? throw new StaleDialogException($"The saved dialog '{instance.Id}' no longer exists.");

    private Activity CreateReply(string text, IReadOnlyList<string>? buttons)
    {
        // Hotline numbers and web addresses become links (markdown); a text without any stays plain.
        var markdown = Markdown.FromPlain(text);
        var reply = Activity.CreateReply(markdown ?? text);
        reply.TextFormat = markdown is null ? TextFormats.Plain : TextFormats.Markdown;
        AddButtons(reply, buttons);
        return reply;
    }

    private static void AddButtons(Activity reply, IReadOnlyList<string>? buttons)
    {
        if (buttons is { Count: > 0 })
        {
            reply.SuggestedActions = new SuggestedActions { Actions = [.. buttons.Select(b => CardAction.ImBack(b))] };
        }
    }
}
