namespace CitizenBot.Channels.WeChat.Api;

/// <summary>Fetches temporary media by <c>media_id</c> (<c>/cgi-bin/media/get</c>); it lives only 3 days.</summary>
internal interface IWeChatMediaDownloader
{
    Task<WeChatMedia> DownloadAsync(string mediaId, CancellationToken cancellationToken);
}

internal sealed record WeChatMedia(byte[] Content, string ContentType);
