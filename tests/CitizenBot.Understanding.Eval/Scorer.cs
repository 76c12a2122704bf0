using CitizenBot.Dialogs.Understanding;

namespace CitizenBot.Understanding.Eval;

/// <summary>One scored message.</summary>
internal sealed record Scored(
    CorpusMessage Message,
    string? Intent,
    bool Sure,
    string? Category,
    string? Topic,
    bool ModelAlarm,
    bool RuleAlarm,
    string? Kind,
    IReadOnlyList<string> Numbers);

internal static class Scorer
{
    internal static readonly Dialogs.Understanding.EmergencyDetector Rules = new();

    public static ScoreReport Score(IEnumerable<CorpusMessage> messages, Judge judge) =>
        new([.. messages.Select(m =>
        {
            var understood = judge.Understand(m.Text);
            var model = understood.Model;
            var ruleOnly = Rules.DetectCertain(Dialogs.Text.ChineseText.ToMatchKey(m.Text));
            return new Scored(
                m,
                model.Intent,
                model.IsSure,
                model.DetailsOf(Intents.Report).FirstOrDefault().Label,
                model.DetailsOf(Intents.Legal).FirstOrDefault().Label,
                model.IsEmergency,
                ruleOnly is not null,
                understood.Emergency is { } e ? string.Join(',', e.Kinds) : null,
                understood.Emergency?.Numbers ?? []);
        })]);
}

internal sealed class ScoreReport(IReadOnlyList<Scored> items)
{
    public static ScoreReport Merge(IEnumerable<ScoreReport> reports) => new([.. reports.SelectMany(r => r.Items)]);

    public IReadOnlyList<Scored> Items { get; } = items;

    public void Print(TextWriter o, bool details)
    {
        var n = Items.Count;
        o.WriteLine($"messages: {n}");
        o.WriteLine($"intent accuracy: {Pct(Items.Count(i => i.Intent == i.Message.RouteIntent), n)}");
        var reports = Items.Where(i => i.Message.Intent == Intents.Report).ToList();
        o.WriteLine($"category accuracy (report messages, likeliest category): {Pct(reports.Count(i => i.Category == i.Message.Category), reports.Count)}");
        var legal = Items.Where(i => i.Message.Intent == Intents.Legal).ToList();
        o.WriteLine($"topic accuracy (legal questions, likeliest topic): {Pct(legal.Count(i => i.Topic == i.Message.Topic), legal.Count)}");

        var actRight = Items.Count(i => i.Sure && i.Intent == i.Message.RouteIntent);
        var actWrong = Items.Count(i => i.Sure && i.Intent != i.Message.RouteIntent);
        o.WriteLine($"acted at once on the right intent: {Pct(actRight, n)}; asked with the likeliest choices: {Pct(n - actRight - actWrong, n)}; acted on a wrong intent: {Pct(actWrong, n)}");

        var emergencies = Items.Where(i => i.Message.Safety != SafetyLabels.None).ToList();
        var nearMisses = Items.Where(i => i.Message.NearMiss).ToList();
        var calm = Items.Where(i => i.Message.Safety == SafetyLabels.None).ToList();
        o.WriteLine($"emergency recall (model or rules): {Pct(emergencies.Count(i => i.Kind is not null), emergencies.Count)}"
            + $"  [model alone {Pct(emergencies.Count(i => i.ModelAlarm), emergencies.Count)}, rules alone {Pct(emergencies.Count(i => i.RuleAlarm), emergencies.Count)}]");
        o.WriteLine($"emergency kind right (among emergencies found): {Pct(emergencies.Count(i => i.Kind is { } k && KindMatches(k, i.Message.Safety)), emergencies.Count(i => i.Kind is not null))}");
        var found = emergencies.Where(i => i.Kind is not null).ToList();
        o.WriteLine($"the caller's first number first (among emergencies found): {Pct(found.Count(i => i.Numbers[0] == NumbersOf(i.Message.Safety)[0]), found.Count)}; "
            + $"all the caller's numbers named: {Pct(found.Count(i => NumbersOf(i.Message.Safety).All(i.Numbers.Contains)), found.Count)}; "
            + $"numbers an answer: {(found.Count == 0 ? 0 : found.Average(i => i.Numbers.Count)):F2}");
        o.WriteLine($"false alarms on near-misses: {Pct(nearMisses.Count(i => i.Kind is not null), nearMisses.Count)}"
            + $"  [model alone {Pct(nearMisses.Count(i => i.ModelAlarm), nearMisses.Count)}, rules alone {Pct(nearMisses.Count(i => i.RuleAlarm), nearMisses.Count)}]");
        o.WriteLine($"false alarms on all other messages: {Pct(calm.Count(i => i.Kind is not null), calm.Count)}");
        if (!details)
        {
            return;
        }

        o.WriteLine();
        o.WriteLine("| intent | support | precision | recall | F1 |");
        o.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var intent in Intents.All)
        {
            var tp = Items.Count(i => i.Intent == intent && i.Message.RouteIntent == intent);
            var predicted = Items.Count(i => i.Intent == intent);
            var actual = Items.Count(i => i.Message.RouteIntent == intent);
            var p = predicted == 0 ? 0 : tp / (double)predicted;
            var r = actual == 0 ? 0 : tp / (double)actual;
            o.WriteLine($"| {intent} | {actual} | {p:P1} | {r:P1} | {(p + r == 0 ? 0 : 2 * p * r / (p + r)):P1} |");
        }

        o.WriteLine();
        o.WriteLine("| category | support | precision | recall |");
        o.WriteLine("|---|---:|---:|---:|");
        foreach (var category in reports.Select(i => i.Message.Category!).Distinct().Order(StringComparer.Ordinal))
        {
            var tp = reports.Count(i => i.Category == category && i.Message.Category == category);
            var predicted = reports.Count(i => i.Category == category);
            var actual = reports.Count(i => i.Message.Category == category);
            o.WriteLine($"| {category} | {actual} | {(predicted == 0 ? 0 : tp / (double)predicted):P1} | {(actual == 0 ? 0 : tp / (double)actual):P1} |");
        }

        o.WriteLine();
        o.WriteLine("Confusions (true intent → predicted intent: count), most frequent first:");
        foreach (var g in Items.Where(i => i.Intent != i.Message.RouteIntent)
                     .GroupBy(i => (i.Message.RouteIntent, i.Intent))
                     .OrderByDescending(g => g.Count())
                     .Take(20))
        {
            o.WriteLine($"  {g.Key.Item1} → {g.Key.Item2}: {g.Count()}");
        }
    }

    /// <summary>
    /// The headline numbers for each file the messages came from (a corpus file, a holdout set), the lowest intent
    /// accuracy first: where the errors are, since the corpus's files were written for different kinds of message.
    /// </summary>
    /// <param name="fileOfEach">The file of each scored message, in the order they were scored.</param>
    public void PrintByFile(TextWriter o, IReadOnlyList<string> fileOfEach)
    {
        o.WriteLine();
        o.WriteLine("| file | messages | intent | acted at once on the right intent | emergency recall | near-miss alarms |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var file in Items
                     .Select((item, index) => (Item: item, File: fileOfEach[index]))
                     .GroupBy(x => x.File, x => x.Item)
                     .OrderBy(g => g.Count(i => i.Intent == i.Message.RouteIntent) / (double)g.Count())
                     .ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var emergencies = file.Where(i => i.Message.Safety != SafetyLabels.None).ToList();
            var nearMisses = file.Where(i => i.Message.NearMiss).ToList();
            o.WriteLine($"| {file.Key} | {file.Count()} | {Pct(file.Count(i => i.Intent == i.Message.RouteIntent), file.Count())} "
                + $"| {Pct(file.Count(i => i.Sure && i.Intent == i.Message.RouteIntent), file.Count())} "
                + $"| {Pct(emergencies.Count(i => i.Kind is not null), emergencies.Count)} | {Pct(nearMisses.Count(i => i.Kind is not null), nearMisses.Count)} |");
        }
    }

    public void PrintErrors(TextWriter o)
    {
        o.WriteLine();
        o.WriteLine("Wrong intents:");
        foreach (var i in Items.Where(i => i.Intent != i.Message.RouteIntent))
        {
            o.WriteLine($"  [{i.Message.RouteIntent}→{i.Intent}{(i.Sure ? " SURE" : string.Empty)}] {i.Message.Text}");
        }

        o.WriteLine("Missed emergencies:");
        foreach (var i in Items.Where(i => i.Message.Safety != SafetyLabels.None && i.Kind is null))
        {
            o.WriteLine($"  [{i.Message.Safety}] {i.Message.Text}");
        }

        o.WriteLine("False alarms:");
        foreach (var i in Items.Where(i => i.Message.Safety == SafetyLabels.None && i.Kind is not null))
        {
            o.WriteLine($"  [{i.Kind}{(i.RuleAlarm ? " rule" : string.Empty)}{(i.ModelAlarm ? " model" : string.Empty)}] {i.Message.Text}");
        }
    }

    /// <summary>The numbers the rules give an emergency of this safety label, most important first.</summary>
    private static IReadOnlyList<string> NumbersOf(string label) =>
        Scorer.Rules.Rules.First(r => r.Kind == Understander.KindOf(label)).Numbers;

    private static bool KindMatches(string kinds, string label) =>
        kinds.Split(',').Any(k => string.Equals(k, label.Replace("_", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));

    private static string Pct(int part, int whole) => whole == 0 ? "n/a" : $"{part / (double)whole:P1} ({part}/{whole})";
}
