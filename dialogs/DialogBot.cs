using System.Text.Json;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Interruptions;
using CitizenBot.Dialogs.Main;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Safety;
using CitizenBot.Dialogs.Understanding;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Flows;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Dialogs;

/// <summary>
/// The dialogs as the turn pipeline sees them: one inbound activity and the conversation's state in,
/// the replies out. The state is changed in place; the caller saves it before it delivers the replies.
/// </summary>
public interface IDialogBot
{
    Task<IReadOnlyList<Activity>> OnTurnAsync(Activity activity, ConversationState state, CancellationToken cancellationToken);
}

/// <summary>
/// Runs one turn: greets new conversations, answers emergencies first (see <see cref="SafetyGate"/>), serves interruptions (取消/返回/帮助/人工) at any step, continues the active
/// flow, or lets Main route the message; returns the buffered replies (plain-text messages, buttons where there are options).
/// </summary>
public sealed partial class DialogBot : IDialogBot
{
    /// <summary>
    /// The event a proactive message (center update, reminder, acceptance) is followed by: the open question, if any,
    /// is asked again with its buttons.
    /// </summary>
    public const string RepromptEventName = "citizenbot/reprompt";

    /// <summary>Other names of a flow at least this long are taken as that flow's name typed at any question.</summary>
    private const int MinFlowNameLength = 4;

    /// <summary>
    /// The event a proactive message that lists options is followed by, on channels that list options by number
    /// (<see cref="ListsOptionsByNumber"/>): its value is what each number sends back (an array of strings, from 1),
    /// kept with the conversation so that the citizen's "1" answers them.
    /// </summary>
    public const string OptionsListedEventName = "citizenbot/optionsListed";

    private readonly DialogSet _dialogs;
    private readonly MainFlow _main;
    private readonly InterruptionHandler _interruptions;
    private readonly SafetyGate _safety;
    private readonly Understander _understander;
    private readonly MainMenu _menu;
    private readonly TimeProvider _time;
    private readonly ILogger<DialogBot> _logger;

    internal DialogBot(
        DialogSet dialogs, MainFlow main, InterruptionHandler interruptions, SafetyGate safety, Understander understander, MainMenu menu, TimeProvider time,
        ILogger<DialogBot> logger)
    {
        _dialogs = dialogs;
        _main = main;
        _interruptions = interruptions;
        _safety = safety;
        _understander = understander;
        _menu = menu;
        _time = time;
        _logger = logger;
    }

    public async Task<IReadOnlyList<Activity>> OnTurnAsync(Activity activity, ConversationState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(state);

        var listsOptions = ListsOptionsByNumber(activity.ChannelId);
        var now = _time.GetUtcNow();
        if (listsOptions && activity.IsMessage && NumberedChoices.Resolve(state, activity.Text, now) is { } chosen)
        {
            activity.Text = chosen;
        }

        var dc = new DialogContext(activity, state, _dialogs, _understander);
        try
        {
            if (string.Equals(activity.Type, ActivityTypes.ConversationUpdate, StringComparison.Ordinal))
            {
                await _safety.OnMembersChangedAsync(activity, cancellationToken).ConfigureAwait(false);
                if (activity.MembersAdded?.Exists(m => m.Id != activity.Recipient?.Id) == true && !MainFlow.MarkGreeted(state))
                {
                    _main.Greet(dc);
                }
            }
            else if (activity.IsMessage)
            {
                await RunMessageAsync(dc, cancellationToken).ConfigureAwait(false);
            }
            else if (string.Equals(activity.Type, ActivityTypes.Event, StringComparison.Ordinal)
                && string.Equals(activity.Name, RepromptEventName, StringComparison.Ordinal) && dc.ActiveInstance is not null)
            {
                EnsureCurrent(state);
                await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (listsOptions && string.Equals(activity.Type, ActivityTypes.Event, StringComparison.Ordinal)
                && string.Equals(activity.Name, OptionsListedEventName, StringComparison.Ordinal))
            {
                NumberedChoices.Remember(state, ListedOptions(activity.Value), now);
            }
        }
        catch (Exception ex) when (ex is StaleDialogException or JsonException)
        {
            LogStaleState(_logger, state.Stack.FirstOrDefault()?.Id, ex);
            await RestartFlowAsync(dc, cancellationToken).ConfigureAwait(false);
        }

        if (listsOptions)
        {
            NumberedChoices.Remember(state, dc.Replies, now);
        }

        return dc.Replies;
    }

    /// <summary>Whether a channel lists options as numbered lines (WeChat) rather than showing buttons, so that a number answers them.</summary>
    public static bool ListsOptionsByNumber(string? channelId) => NumberedChoices.ListsOptions(channelId);

    private static List<string> ListedOptions(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Array } array
            ? [.. array.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!)]
            : [];

    private async Task RunMessageAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var firstContact = !MainFlow.MarkGreeted(dc.State);
        await dc.ConsultAsync(cancellationToken).ConfigureAwait(false);

        // Safety first: an emergency is answered before anything else, at any step; then the abuse limits,
        // "继续" back into a flow an emergency interrupted, and "我的信息" / "删除我的信息".
        if (await _safety.TryHandleMessageAsync(dc, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var interruption = InterruptionRecognizer.Recognize(dc.MatchKey, dc.Text);
        if (interruption != Interruption.None)
        {
            if (firstContact)
            {
                dc.SendText(Texts.Greeting);
            }

            // Cancelling needs nothing from the saved flows, so it works even when they are stale.
            if (interruption is not (Interruption.Cancel or Interruption.Menu))
            {
                EnsureCurrent(dc.State);
            }

            await _interruptions.HandleAsync(dc, interruption, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (dc.ActiveInstance is null)
        {
            await RouteAsync(dc, firstContact, cancellationToken).ConfigureAwait(false);
            return;
        }

        EnsureCurrent(dc.State);
        // The flow the citizen is in now: a booking begun from a consultation is the booking, not the consultation.
        dc.RootIntent = dc.Stack.AsEnumerable().Reverse()
            .Select(i => _menu.Entries.FirstOrDefault(e => e.DialogId == i.Id)?.Intent)
            .FirstOrDefault(intent => intent is not null);
        if (OtherFlowNamed(dc) is { } named && !dc.IsOfferedAnswer)
        {
            // Another flow's menu name typed at a question ("我的上报" in a consultation, "法律咨询" at a name question) is
            // a wish to go there, never an answer to be stored.
            await ChangeSubjectAsync(dc, named.Intent, cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        if (dc.ChangeOfSubject is { } subject)
        {
            await ChangeSubjectAsync(dc, subject, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (result.Status == DialogTurnStatus.Complete && !_safety.TryOfferResume(dc))
        {
            _main.OfferMore(dc);
        }
    }

    /// <summary>
    /// The menu entry of another flow than the running one whose name the message is: its title ("法律咨询") or one of its
    /// other names ("我的工单"), at least four letters long; the short ones ("上报", "调解") may be words of an answer.
    /// </summary>
    private MenuEntry? OtherFlowNamed(DialogContext dc) =>
        dc.MatchKey.Length < MinFlowNameLength
            ? null
            : _menu.Entries.FirstOrDefault(e => !string.Equals(e.Intent, dc.RootIntent, StringComparison.Ordinal)
                && e.NameKeys.Any(n => n.Length >= MinFlowNameLength && string.Equals(n, dc.MatchKey, StringComparison.Ordinal)));

    /// <summary>No flow is active: "人工" in any words is served like the word itself; the rest Main routes.</summary>
    private async Task RouteAsync(DialogContext dc, bool firstContact, CancellationToken cancellationToken)
    {
        var model = dc.Understanding.Model;
        if (model.IsSure && model.Intent == Intents.Human)
        {
            if (firstContact)
            {
                dc.SendText(Texts.Greeting);
            }

            await _interruptions.HandleAsync(dc, Interruption.Human, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _main.RouteAsync(dc, firstContact, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A question met a message about another matter (or a choice sent it back to Main): serve that matter.</summary>
    private async Task ChangeSubjectAsync(DialogContext dc, string subject, CancellationToken cancellationToken)
    {
        switch (subject)
        {
            case ChangeOfSubject.ShowMenu:
                _main.ShowMenu(dc, Texts.ClarifyNoneLead);
                return;
            case ChangeOfSubject.RouteAfresh:
                await RouteAsync(dc, firstContact: false, cancellationToken).ConfigureAwait(false);
                return;
            case Intents.Human:
                // The flow stays where it is, as with the word 人工.
                await _interruptions.HandleAsync(dc, Interruption.Human, cancellationToken).ConfigureAwait(false);
                return;
            default:
                // The flow is set aside whole, to be taken up again with "继续", and the new matter is served: the one
                // the models read, not whatever flow the message's words name ("会不会告诉他是我举报的" is about my data,
                // not a new report).
                _safety.SetAside(dc);
                dc.ChangeOfSubject = null;
                await _main.ServeAsync(dc, subject, cancellationToken).ConfigureAwait(false);
                if (dc.ActiveInstance is null)
                {
                    _safety.TryOfferResume(dc);
                }

                return;
        }
    }

    /// <summary>A stack written by another version of a flow is not continued (DialogInstance.Version).</summary>
    private void EnsureCurrent(ConversationState state)
    {
        foreach (var instance in state.Stack)
        {
            var dialog = _dialogs.Find(instance.Id)
                ?? throw new StaleDialogException($"The saved dialog '{instance.Id}' no longer exists.");
            if (!string.Equals(dialog.Version, instance.Version, StringComparison.Ordinal))
            {
                throw new StaleDialogException($"The saved dialog '{instance.Id}' has version '{instance.Version}', now '{dialog.Version}'.");
            }
        }
    }

    /// <summary>Starts the flow the user was in again from its first step, or shows the menu when that flow is gone.</summary>
    private async Task RestartFlowAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var root = dc.State.Stack.Count > 0 ? _dialogs.Find(dc.State.Stack[0].Id) : null;
        dc.State.Stack.Clear();
        if (root is null)
        {
            _main.ShowMenu(dc, Texts.FlowRestarted);
            return;
        }

        dc.SendText(Texts.FlowRestarted);
        await dc.BeginDialogAsync(root.Id, null, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saved dialog state could not be continued (root dialog {RootDialogId}); the flow restarts.")]
    private static partial void LogStaleState(ILogger logger, string? rootDialogId, Exception exception);
}
