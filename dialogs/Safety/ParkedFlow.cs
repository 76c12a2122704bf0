using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Safety;

/// <summary>
/// The flow an emergency interrupted, set aside whole (its stack, as saved) so "继续刚才的上报" can take it up again
/// where it stopped. Kept in <c>ConversationState.Values["parkedFlow"]</c> with the time it was set aside.
/// </summary>
internal static class ParkedFlow
{
    private const string StateKey = "parkedFlow";
    private const int MaxResumeCommandLength = 12;
    private static readonly string[] ResumeWords = ["继续", "接着"];

    // A short yes or "then" before the resume word ("好 继续约调解").
    private static readonly string[] Fillers = ["好的", "好", "行", "嗯", "那就", "那", "ok"];

    /// <summary>Moves the stack aside without ending its dialogs (nothing of theirs runs); replaces an earlier parked flow, but for the urgent ticket's offer.</summary>
    public static void Park(ConversationState state, DateTimeOffset now)
    {
        if (state.Stack.Count == 0)
        {
            return;
        }

        if (state.Values[StateKey] is JsonObject && string.Equals(state.Stack[0].Id, EmergencyReportDialog.DialogId, StringComparison.Ordinal))
        {
            // The urgent ticket's offer, left for another matter, gives way: the flow the emergency set aside stays the one
            // "继续" takes up (a report half done was lost for the offer).
            state.Stack.Clear();
            return;
        }

        state.Values[StateKey] = DialogJson.ToObject(new Parked(now.ToUnixTimeMilliseconds(), [.. state.Stack]));
        state.Stack.Clear();
    }

    /// <summary>取消: the parked flow is given up with the current one.</summary>
    public static void Forget(ConversationState state) => state.Values.Remove(StateKey);

    /// <summary>
    /// Records that the offer to resume was made. The offer is made once, when the flow that interrupted ends; the
    /// next flow that ends instead forgets the parked one (the citizen went on with other things).
    /// </summary>
    /// <returns>False when the offer had been made before: the parked flow is forgotten now, unless <paramref name="keep"/>.</returns>
    public static bool MarkOffered(ConversationState state, bool keep = false)
    {
        if (state.Values[StateKey] is not JsonObject saved)
        {
            return false;
        }

        if (saved["offered"]?.GetValue<bool>() == true && !keep)
        {
            Forget(state);
            return false;
        }

        saved["offered"] = true;
        return true;
    }

    /// <summary>The root dialog id of the parked flow, if one is parked and not older than <paramref name="window"/>.</summary>
    public static string? RootDialogId(ConversationState state, DateTimeOffset now, TimeSpan window) =>
        Read(state, now, window)?.Stack.FirstOrDefault()?.Id;

    /// <summary>"继续", "继续刚才的上报", "接着办": a short message that starts with a resume word.</summary>
    public static bool IsResumeCommand(string matchKey)
    {
        var key = Fillers.FirstOrDefault(f => matchKey.StartsWith(f, StringComparison.Ordinal)) is { } filler ? matchKey[filler.Length..] : matchKey;
        return key.Length <= MaxResumeCommandLength && ResumeWords.Any(w => key.StartsWith(w, StringComparison.Ordinal));
    }

    /// <summary>Puts the parked stack back in place of the current one; false when nothing (recent) was parked.</summary>
    public static bool Restore(ConversationState state, DateTimeOffset now, TimeSpan window)
    {
        var parked = Read(state, now, window);
        state.Values.Remove(StateKey);
        if (parked is null || parked.Stack.Count == 0)
        {
            return false;
        }

        state.Stack.Clear();
        state.Stack.AddRange(parked.Stack);
        return true;
    }

    private static Parked? Read(ConversationState state, DateTimeOffset now, TimeSpan window)
    {
        if (state.Values[StateKey] is not JsonObject saved)
        {
            return null;
        }

        try
        {
            var parked = DialogJson.FromObject<Parked>(saved);
            return now.ToUnixTimeMilliseconds() - parked.ParkedAt <= window.TotalMilliseconds ? parked : null;
        }
        catch (JsonException)
        {
            // A parked flow of an older shape is forgotten, not fatal: the citizen starts again from the menu.
            return null;
        }
    }

    private sealed record Parked(long ParkedAt, List<DialogInstance> Stack, bool Offered = false);
}
