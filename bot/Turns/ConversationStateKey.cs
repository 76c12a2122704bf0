namespace CitizenBot.Bot.Turns;

/// <summary>
/// The one key under which a conversation's state, ledger and lock are kept. The turn pipeline writes under it and
/// erasure deletes under it, so both must build it here: a key built twice could drift and erasure would miss state.
/// </summary>
internal static class ConversationStateKey
{
    public static string Of(string channelId, string conversationId) => $"{channelId}:{conversationId}";
}
