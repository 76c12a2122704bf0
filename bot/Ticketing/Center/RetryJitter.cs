namespace CitizenBot.Bot.Ticketing.Center;

/// <summary>
/// The ±20 % spread of a push retry's delay, so a center coming back is not hit by every ticket at the same instant.
/// </summary>
/// <param name="sample">A number in [0, 1), given by the composition (<c>Random.Shared</c>) or by a test that fixes it.</param>
internal sealed class RetryJitter(Func<double> sample)
{
    /// <summary>A factor between 0.8 and 1.2.</summary>
    public double Factor() => 0.8 + (0.4 * sample());
}
