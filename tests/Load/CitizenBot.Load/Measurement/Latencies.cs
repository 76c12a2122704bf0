namespace CitizenBot.Load.Measurement;

/// <summary>Turn latencies of the measured window; percentiles by nearest rank over every sample (no histogram error).</summary>
internal sealed class Latencies
{
    private readonly List<double> _milliseconds = new(capacity: 1 << 16);
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _milliseconds.Count;
            }
        }
    }

    public void Add(double milliseconds)
    {
        lock (_gate)
        {
            _milliseconds.Add(milliseconds);
        }
    }

    public LatencySummary Summarise()
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = [.. _milliseconds];
        }

        Array.Sort(sorted);
        return sorted.Length == 0
            ? new LatencySummary(0, 0, 0, 0)
            : new LatencySummary(Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}

internal sealed record LatencySummary(double P50, double P95, double P99, double Max);
