namespace CitizenBot.Channels.WeChat.Security;

/// <summary>
/// Remembers the signed (timestamp, nonce, signature) triples seen within the timestamp window.
/// A triple may come again only with the very same body: that is WeChat retrying, and dedup answers it; the same
/// triple with another body is a captured signature replayed with forged content.
/// </summary>
public interface IWeChatReplayGuard
{
    ValueTask<bool> TryAcceptAsync(string signedTriple, string bodyFingerprint, CancellationToken cancellationToken);
}
