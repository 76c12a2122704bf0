namespace CitizenBot.Bot.Hosting;

/// <summary>
/// The backoff of the jobs that retry on their own schedule (the center's pushes, staff alerts): the first delay after
/// the first failed attempt, doubled after each further one, never more than the longest.
/// </summary>
internal static class RetryBackoff
{
    // Past this many doublings any first delay is beyond any longest; the cap keeps the arithmetic finite.
    private const int MaxDoublings = 20;

    /// <param name="attempts">Attempts made so far, the one that just failed included (1 after the first failure).</param>
    /// <param name="first">The delay after the first failure.</param>
    /// <param name="longest">The cap.</param>
    public static TimeSpan Delay(int attempts, TimeSpan first, TimeSpan longest)
    {
        var doublings = Math.Clamp(attempts - 1, 0, MaxDoublings);
        return TimeSpan.FromTicks((long)Math.Min(longest.Ticks, first.Ticks * Math.Pow(2, doublings)));
    }
}
