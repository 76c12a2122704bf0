namespace CitizenBot.Channels.Housekeeping;

/// <summary>
/// For in-memory stores that sweep out expired entries while they serve requests: lets one caller through at most once
/// per interval. Sweeping on every request would cost time in proportion to the store's size on each request (at
/// 1 000 WeChat messages a second the replay guard holds some 660 000 entries).
/// </summary>
internal sealed class PruneSchedule(TimeProvider time, TimeSpan every)
{
    private long _lastTicks;

    /// <summary>True for the one caller whose turn it is to sweep.</summary>
    public bool IsDue()
    {
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastTicks);
        return now - last >= every.Ticks && Interlocked.CompareExchange(ref _lastTicks, now, last) == last;
    }
}
