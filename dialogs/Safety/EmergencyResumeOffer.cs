using System.Globalization;
using CitizenBot.Dialogs.Main;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;
using Microsoft.Extensions.Options;

namespace CitizenBot.Dialogs.Safety;

/// <summary>The way back into the flow an emergency interrupted: offered after the emergency, taken with "继续".</summary>
internal sealed class EmergencyResumeOffer(MainMenu menu, TimeProvider time, IOptions<SafetyOptions> options)
{
    /// <summary>Sets the flow in progress aside, whole, to be taken up again with "继续".</summary>
    public void Park(DialogContext dc) => ParkedFlow.Park(dc.State, time.GetUtcNow());

    /// <summary>
    /// Offers to go on with the parked flow, if there is one; true when offered. Offered once when a flow ends (the next
    /// flow that ends forgets it); <paramref name="again"/> offers it after every emergency answer, keeping it.
    /// </summary>
    public bool TryOffer(DialogContext dc, bool again = false)
    {
        if (ParkedTitle(dc.State) is not { } title || !ParkedFlow.MarkOffered(dc.State, keep: again))
        {
            return false;
        }

        dc.SendChoices(
            string.Format(CultureInfo.CurrentCulture, Texts.EmergencyResumeHint, title),
            [string.Format(CultureInfo.CurrentCulture, Texts.EmergencyResumeButton, title)]);
        return true;
    }

    /// <summary>The message is "继续" or one of the resume buttons this offer sends ("继续刚才的事件上报"): the bot's own words.</summary>
    public bool IsOwnButton(string matchKey) =>
        matchKey == ChineseText.ToMatchKey(Texts.EmergencyResumeWord)
        || menu.Entries.Select(e => e.Title).Append(Texts.EmergencyResumeSomeFlow)
            .Any(title => matchKey == ChineseText.ToMatchKey(string.Format(CultureInfo.CurrentCulture, Texts.EmergencyResumeButton, title)));

    /// <summary>"继续…" with a flow parked: the flow is back on the stack and asks its question again.</summary>
    public async Task<bool> TryResumeAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (!ParkedFlow.IsResumeCommand(dc.MatchKey) || ParkedTitle(dc.State) is not { } title)
        {
            return false;
        }

        // Whatever the emergency began (the urgent-ticket offer) is left behind.
        await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        ParkedFlow.Restore(dc.State, time.GetUtcNow(), options.Value.ResumeWindow);
        dc.SendText(string.Format(CultureInfo.CurrentCulture, Texts.EmergencyResumed, title));
        await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private string? ParkedTitle(ConversationState state)
    {
        var rootId = ParkedFlow.RootDialogId(state, time.GetUtcNow(), options.Value.ResumeWindow);
        if (rootId is null)
        {
            return null;
        }

        return menu.Entries.FirstOrDefault(e => string.Equals(e.DialogId, rootId, StringComparison.Ordinal))?.Title ?? Texts.EmergencyResumeSomeFlow;
    }
}
