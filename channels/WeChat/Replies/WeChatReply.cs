using CitizenBot.Channels.WeChat.Xml;

namespace CitizenBot.Channels.WeChat.Replies;

/// <summary>One turn's replies as WeChat can show them: text chunks that each fit a message, and a hand-over to agents.</summary>
/// <param name="Chunks">Merged text split at <see cref="WeChatDefaults.MaxTextBytes"/>; empty when there is nothing to say.</param>
/// <param name="HandOff">The bot asked for a human agent (人工).</param>
internal sealed record WeChatReply(IReadOnlyList<string> Chunks, bool HandOff)
{
    /// <summary>图文消息 (news), one article each: a card that has a link to open (a booking, a receipt with its photo).</summary>
    public IReadOnlyList<WeChatArticle> Articles { get; init; } = [];

    public bool IsEmpty => Chunks.Count == 0 && Articles.Count == 0 && !HandOff;
}
