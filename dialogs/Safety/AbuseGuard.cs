using System.Text.Json.Nodes;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using Microsoft.Extensions.Options;

namespace CitizenBot.Dialogs.Safety;

/// <summary>
/// Insults, spam and flooding: a calm reply, then silence; never an escalation, a ticket or a block. It runs
/// after the emergency check, so nobody is ever kept from the emergency answer.
/// </summary>
internal sealed class AbuseGuard(AbuseWords words, TimeProvider time, IOptions<SafetyOptions> options)
{
    private const string StateKey = "safety";
    private static readonly TimeSpan FloodWindow = TimeSpan.FromMinutes(1);

    // Inside a flow a description may quote an insult ("他骂我傻逼"); only a message that is little more than one counts.
    private const int InsultSlackInFlow = 4;

    /// <summary>True when the message was answered (or deliberately not answered) here; the turn then ends.</summary>
    public async Task<bool> HandleAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var state = Read(dc.State);
        var messages = state.Messages.Where(t => now - t < FloodWindow.TotalMilliseconds).Append(now).ToList();
        var flooding = messages.Count > settings.FloodLimitPerMinute;
        state = state with { Messages = messages, FloodNoticed = flooding && state.FloodNoticed };
        if (flooding)
        {
            if (!state.FloodNoticed)
            {
                dc.SendText(Texts.SafetyFlood);
                state = state with { FloodNoticed = true };
            }

            Write(dc.State, state);
            return true;
        }

        var insults = state.Insults.Where(t => now - t < settings.InsultWindow.TotalMilliseconds).ToList();
        state = state with { Insults = insults, InsultsQuieted = insults.Count > 0 && state.InsultsQuieted };
        var handled = false;
        if (IsInsult(dc))
        {
            insults.Add(now);
            handled = true;
            if (insults.Count > settings.InsultsBeforeQuiet)
            {
                if (!state.InsultsQuieted)
                {
                    dc.SendText(Texts.SafetyInsultQuiet);
                    state = state with { InsultsQuieted = true };
                }
            }
            else
            {
                dc.SendText(Texts.SafetyInsult);
                await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        else if (dc.ActiveInstance is null && words.IsSpam(dc.MatchKey))
        {
            dc.SendText(Texts.SafetySpam);
            handled = true;
        }

        Write(dc.State, state);
        return handled;
    }

    private bool IsInsult(DialogContext dc)
    {
        if (!words.IsInsult(dc.MatchKey))
        {
            return false;
        }

        return dc.ActiveInstance is null || words.IsWholeInsult(dc.MatchKey, InsultSlackInFlow);
    }

    private static SafetyState Read(ConversationState state) =>
        state.Values[StateKey] is JsonObject saved ? DialogJson.FromObject<SafetyState>(saved) : new SafetyState();

    private static void Write(ConversationState state, SafetyState value) => state.Values[StateKey] = DialogJson.ToObject(value);
}
