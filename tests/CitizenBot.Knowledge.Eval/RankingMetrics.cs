namespace CitizenBot.Knowledge.Eval;

/// <summary>Recall@k and reciprocal rank for one question; a hit is the same law id and article number.</summary>
internal static class RankingMetrics
{
    public static double RecallAt(int k, IReadOnlyList<(string LawId, int Number)> ranked, IReadOnlySet<(string LawId, int Number)> relevant) =>
        relevant.Count == 0 ? 0 : (double)ranked.Take(k).Count(relevant.Contains) / relevant.Count;

    public static double ReciprocalRank(IReadOnlyList<(string LawId, int Number)> ranked, IReadOnlySet<(string LawId, int Number)> relevant)
    {
        for (var i = 0; i < ranked.Count; i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
