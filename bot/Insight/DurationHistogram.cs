using System.Globalization;
using System.Text;

namespace CitizenBot.Bot.Insight;

/// <summary>
/// Times to 办结 kept as counts in log-spaced buckets of minutes, eight to a doubling: bucket 0 is under a minute,
/// bucket b ≥ 1 holds [2^((b−1)/8), 2^(b/8)) minutes, each about 9 % wider than the one before. A day's histogram is
/// stored in the rollup as text (<c>bucket:count;…</c>, buckets ascending), so a year reads one row per day and kind
/// of ticket, whatever the number of 办结. The median is interpolated within its bucket: it is off by at most one
/// bucket's width, about 9 % of the value (1.5 h at a median of 16 h).
/// </summary>
internal static class DurationHistogram
{
    private const double PerDoubling = 8;

    public static int BucketOf(TimeSpan duration)
    {
        var minutes = duration.TotalMinutes;
        return minutes < 1 ? 0 : 1 + (int)Math.Floor(Math.Log2(minutes) * PerDoubling);
    }

    /// <summary>The bucket's lower bound in minutes (inclusive).</summary>
    public static double LowerMinutes(int bucket) => bucket <= 0 ? 0 : Math.Pow(2, (bucket - 1) / PerDoubling);

    /// <summary>The bucket's upper bound in minutes (exclusive).</summary>
    public static double UpperMinutes(int bucket) => bucket < 0 ? 0 : Math.Pow(2, bucket / PerDoubling);

    public static string Format(IEnumerable<(int Bucket, int Count)> counts)
    {
        var text = new StringBuilder();
        foreach (var (bucket, count) in counts.GroupBy(c => c.Bucket).Select(g => (g.Key, g.Sum(c => c.Count))).OrderBy(c => c.Key))
        {
            if (text.Length > 0)
            {
                text.Append(';');
            }

            text.Append(CultureInfo.InvariantCulture, $"{bucket}:{count}");
        }

        return text.ToString();
    }

    /// <summary>Adds a stored histogram's counts to <paramref name="into"/> (by bucket), without splitting strings.</summary>
    public static void AddTo(ReadOnlySpan<char> text, IDictionary<int, int> into)
    {
        foreach (var range in text.Split(';'))
        {
            var part = text[range];
            var colon = part.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var bucket = int.Parse(part[..colon], NumberStyles.None, CultureInfo.InvariantCulture);
            var count = int.Parse(part[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
            into[bucket] = into.TryGetValue(bucket, out var sum) ? sum + count : count;
        }
    }

    /// <summary>The median in hours (one decimal): the bucket holding the middle of the counts, interpolated linearly within it.</summary>
    public static double MedianHours(IEnumerable<(int Bucket, int Count)> counts)
    {
        var sorted = counts.Where(c => c.Count > 0).GroupBy(c => c.Bucket).Select(g => (Bucket: g.Key, Count: g.Sum(c => c.Count))).OrderBy(c => c.Bucket).ToList();
        var total = sorted.Sum(c => c.Count);
        if (total == 0)
        {
            return 0;
        }

        var half = total / 2.0;
        var before = 0;
        foreach (var (bucket, count) in sorted)
        {
            if (before + count >= half)
            {
                var lower = LowerMinutes(bucket);
                var minutes = lower + ((UpperMinutes(bucket) - lower) * (half - before) / count);
                return Math.Round(minutes / 60, 1);
            }

            before += count;
        }

        return Math.Round(UpperMinutes(sorted[^1].Bucket) / 60, 1);
    }
}
