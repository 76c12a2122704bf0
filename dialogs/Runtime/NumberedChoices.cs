using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.WeChat;

namespace CitizenBot.Dialogs.Runtime;

/// <summary>
/// WeChat shows buttons as numbered lines ("1. 事件上报"), so a citizen there answers with a bare number. The options
/// last listed are kept with the conversation's state (<c>ConversationState.Values["numbered"]</c>), and the next
/// message that is just one of their numbers becomes the option itself, before any dialog sees it: the same on one
/// instance or several, and after a restart. They are forgotten once answered, or after an hour.
/// </summary>
internal static class NumberedChoices
{
    private const string StateKey = "numbered";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>Channels that list options by number instead of showing buttons.</summary>
    public static bool ListsOptions(string? channelId) => string.Equals(channelId, WeChatDefaults.ChannelId, StringComparison.Ordinal);

    /// <summary>
    /// Keeps the options of the last message among <paramref name="replies"/> that lists any; replies without options
    /// leave the ones listed before.
    /// </summary>
    public static void Remember(ConversationState state, IReadOnlyList<Activity> replies, DateTimeOffset now) =>
        Remember(state, SuggestedActions.ListedOptions(replies), now);

    /// <summary>Keeps <paramref name="options"/> (what each number sends back, in order from 1), when there are any.</summary>
    public static void Remember(ConversationState state, IReadOnlyList<string> options, DateTimeOffset now)
    {
        if (options.Count > 0)
        {
            state.Values[StateKey] = DialogJson.ToObject(new Offer((now + Lifetime).ToUnixTimeMilliseconds(), [.. options]));
        }
    }

    /// <summary>
    /// The option <paramref name="text"/> picks when it is nothing but the number of one still kept (which is then
    /// forgotten); otherwise null, and the message goes on as written.
    /// </summary>
    public static string? Resolve(ConversationState state, string? text, DateTimeOffset now)
    {
        if (!int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || state.Values[StateKey] is not JsonObject saved
            || Read(saved) is not { } offer
            || offer.Expires <= now.ToUnixTimeMilliseconds()
            || number < 1 || number > offer.Options.Count)
        {
            return null;
        }

        state.Values.Remove(StateKey);
        return offer.Options[number - 1];
    }

    /// <summary>A kept offer that cannot be read (written by another version) is no offer: the number goes on as typed.</summary>
    private static Offer? Read(JsonObject saved)
    {
        try
        {
            return saved.Deserialize<Offer>(DialogJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <param name="Expires">Unix milliseconds.</param>
    private sealed record Offer(long Expires, List<string> Options);
}
