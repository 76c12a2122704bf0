namespace CitizenBot.Channels.WeChat.Api;

/// <summary>
/// After 45009 (daily quota reached) every call would fail until the quota resets; stop calling for a while instead
/// of spending the day's remaining requests on errors.
/// </summary>
internal sealed class WeChatApiBackoff(TimeProvider time)
{
    public static readonly TimeSpan BlockFor = TimeSpan.FromMinutes(10);

    private long _blockedUntilTicks;

    public void Block() => Interlocked.Exchange(ref _blockedUntilTicks, (time.GetUtcNow() + BlockFor).UtcTicks);

    public void ThrowIfBlocked(string operation)
    {
        if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref _blockedUntilTicks))
        {
            throw new WeChatApiException(45009, "daily API quota reached; calls paused", operation);
        }
    }
}
