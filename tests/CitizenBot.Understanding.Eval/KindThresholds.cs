using CitizenBot.Dialogs.Understanding;

namespace CitizenBot.Understanding.Eval;

/// <summary>
/// Experiment (not shipped, docs/understanding.md): one geometric-mean threshold per group of messages instead of one for
/// all — by the safety model's likeliest kind, by the message's length, or by both. Kinds whose near-misses crowd their
/// emergencies (a figurative 气炸, a past fire) could then stand higher and kinds whose emergencies are rarely mistaken
/// lower, for the same recall. The thresholds are chosen by a Lagrangian search: for a price of one alarm, each group
/// takes the threshold that catches the most emergencies for what its alarms cost (a near-miss alarm counts 1, any other alarm <see cref="OtherAlarmCost"/>, so a point of either rate
/// costs about the same), and the price is the highest at which the recall is still reached. Read out of fold and
/// nested (chosen on all folds but one, read on that one) beside the one threshold chosen the same way.
/// </summary>
internal static class KindThresholdsExperiment
{
    /// <summary>There are about four times as many other messages as near-misses: an other alarm counts a quarter.</summary>
    private const double OtherAlarmCost = 0.25;

    internal sealed record Row(float Gm, string Kind, int Length, bool Emergency, bool NearMiss, int Fold);

    /// <param name="foldSizes">How many of the readings, in order, each fold gave.</param>
    public static void Run(TextWriter o, IReadOnlyList<(CorpusMessage Message, MessageUnderstanding Model)> outOfFold, IReadOnlyList<int> foldSizes)
    {
        var folds = foldSizes.Count;
        var foldOf = foldSizes.SelectMany((size, fold) => Enumerable.Repeat(fold, size)).ToList();
        var rows = outOfFold.Select((p, i) => new Row(
            p.Model.EmergencyAgreement,
            p.Model.EmergencyKind ?? SafetyLabels.None,
            MessageFeatures.From(p.Message.Text).Text.Length,
            p.Message.Safety != SafetyLabels.None,
            p.Message.NearMiss,
            foldOf[i])).ToList();
        o.WriteLine($"{rows.Count(r => r.Emergency)} emergencies, {rows.Count(r => r.NearMiss)} near-misses, {rows.Count(r => !r.Emergency)} messages that are not emergencies, {folds} folds");
        o.WriteLine("by the safety model's likeliest kind: emergencies / near-misses / other messages");
        foreach (var kind in rows.GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            o.WriteLine($"  {kind.Key,-18} {kind.Count(r => r.Emergency),5} {kind.Count(r => r.NearMiss),5} {kind.Count(r => !r.Emergency && !r.NearMiss),6}");
        }

        foreach (var (partition, groupOf) in Partitions)
        {
            o.WriteLine($"# thresholds by {partition}");
            Compare(o, rows, folds, groupOf);
        }
    }

    /// <summary>The ways of splitting the messages tried: the safety model's likeliest kind, the message's length, both.</summary>
    private static readonly (string Name, Func<Row, string> GroupOf)[] Partitions =
    [
        ("kind", r => r.Kind),
        ("length", r => LengthBucket(r.Length)),
        ("kind and length", r => r.Kind + "/" + LengthBucket(r.Length)),
    ];

    private static string LengthBucket(int length) => length switch { <= 8 => "≤8", <= 20 => "9-20", <= 50 => "21-50", _ => ">50" };

    private static void Compare(TextWriter o, List<Row> rows, int folds, Func<Row, string> groupOf)
    {
        // Nested curves: for each recall asked of the choosing folds, what the held-out folds got; compared where their recall is the same.
        o.WriteLine("  nested curve: asked recall → one threshold (recall, near-miss alarms, all non-emergency alarms) | per group (the same)");
        for (var asked = 0.975; asked <= 0.9995; asked += 0.0025)
        {
            var g = Nested(rows, folds, asked, groupOf, perGroup: false);
            var k = Nested(rows, folds, asked, groupOf, perGroup: true);
            o.WriteLine($"    {asked:P2} → {g} | {k}");
        }

        foreach (var target in new[] { 0.98, 0.985, 0.99 })
        {
            o.WriteLine($"## recall ≥ {target:P1}");
            var global = Global(rows, target);
            var perKind = PerGroup(rows, target, groupOf);
            Print(o, "one threshold, chosen and read on all folds", rows, _ => global);
            Print(o, "per group, chosen and read on all folds", rows, r => perKind.GetValueOrDefault(groupOf(r), global));
            o.WriteLine("  per-group thresholds: " + string.Join(", ", perKind.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value:F3}")));

            // Nested: each fold read at thresholds chosen on the others.
            var nestedGlobal = new Dictionary<Row, float>();
            var nestedKind = new Dictionary<Row, float>();
            for (var fold = 0; fold < folds; fold++)
            {
                var choose = rows.Where(r => r.Fold != fold).ToList();
                var g = Global(choose, target);
                var k = PerGroup(choose, target, groupOf);
                foreach (var r in rows.Where(r => r.Fold == fold))
                {
                    nestedGlobal[r] = g;
                    nestedKind[r] = k.GetValueOrDefault(groupOf(r), g);
                }
            }

            Print(o, "one threshold, nested", rows, r => nestedGlobal[r]);
            Print(o, "per group, nested", rows, r => nestedKind[r]);
        }
    }

    private static string Nested(List<Row> rows, int folds, double target, Func<Row, string> groupOf, bool perGroup)
    {
        int caught = 0, nearMiss = 0, other = 0;
        for (var fold = 0; fold < folds; fold++)
        {
            var choose = rows.Where(r => r.Fold != fold).ToList();
            var g = Global(choose, target);
            var k = perGroup ? PerGroup(choose, target, groupOf) : [];
            foreach (var r in rows.Where(r => r.Fold == fold && r.Gm >= k.GetValueOrDefault(groupOf(r), g)))
            {
                caught += r.Emergency ? 1 : 0;
                nearMiss += r.NearMiss ? 1 : 0;
                other += r.Emergency ? 0 : 1;
            }
        }

        return $"{caught / (double)rows.Count(r => r.Emergency):P1} {nearMiss / (double)rows.Count(r => r.NearMiss):P1} {other / (double)rows.Count(r => !r.Emergency):P1}";
    }

    private static void Print(TextWriter o, string name, List<Row> rows, Func<Row, float> threshold)
    {
        var alarmed = rows.Where(r => r.Gm >= threshold(r)).ToList();
        var emergencies = rows.Count(r => r.Emergency);
        var nearMisses = rows.Count(r => r.NearMiss);
        var others = rows.Count(r => !r.Emergency);
        o.WriteLine($"  {name,-45} recall {alarmed.Count(r => r.Emergency)}/{emergencies} ({alarmed.Count(r => r.Emergency) / (double)emergencies:P1}), "
            + $"near-miss alarms {alarmed.Count(r => r.NearMiss)}/{nearMisses} ({alarmed.Count(r => r.NearMiss) / (double)nearMisses:P1}), "
            + $"all non-emergency alarms {alarmed.Count(r => !r.Emergency)}/{others} ({alarmed.Count(r => !r.Emergency) / (double)others:P1})");
    }

    /// <summary>The highest single threshold that reaches the recall.</summary>
    private static float Global(List<Row> rows, double target)
    {
        var ordered = rows.Where(r => r.Emergency).Select(r => r.Gm).OrderDescending().ToList();
        return ordered[Math.Clamp((int)Math.Ceiling(target * ordered.Count) - 1, 0, ordered.Count - 1)];
    }

    /// <summary>Per group, at the highest price of an alarm at which the groups' choices together still reach the recall.</summary>
    private static Dictionary<string, float> PerGroup(List<Row> rows, double target, Func<Row, string> groupOf)
    {
        var needed = (int)Math.Ceiling(target * rows.Count(r => r.Emergency));
        var groups = rows.GroupBy(groupOf).ToDictionary(g => g.Key, g => Candidates(g.ToList()));
        Dictionary<string, (float Threshold, int Caught)> At(double price) => groups.ToDictionary(g => g.Key, g =>
        {
            var best = g.Value.MaxBy(c => c.Caught - price * c.Cost);
            return (best.Threshold, best.Caught);
        });

        double low = 0, high = 1_000;
        for (var step = 0; step < 60; step++)
        {
            var mid = (low + high) / 2;
            if (At(mid).Values.Sum(v => v.Caught) >= needed)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return At(low).ToDictionary(p => p.Key, p => p.Value.Threshold);
    }

    /// <summary>A group's candidate thresholds: each of its emergencies' readings (and none caught), with what each catches and costs.</summary>
    private static List<(float Threshold, int Caught, double Cost)> Candidates(List<Row> group)
    {
        var candidates = new List<(float Threshold, int Caught, double Cost)> { (UnderstandingThresholds.Unused, 0, 0) };
        foreach (var t in group.Where(r => r.Emergency).Select(r => r.Gm).Distinct())
        {
            var alarmed = group.Where(r => r.Gm >= t).ToList();
            candidates.Add((t, alarmed.Count(r => r.Emergency), alarmed.Count(r => r.NearMiss) + OtherAlarmCost * alarmed.Count(r => !r.Emergency && !r.NearMiss)));
        }

        return candidates;
    }
}
