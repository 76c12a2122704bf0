using System.Diagnostics;
using CitizenBot.Dialogs.Understanding;
using Microsoft.ML;

namespace CitizenBot.Understanding.Eval;

/// <summary>
/// Experiment (not shipped): a category model trained on the reports alone, beside the route model's own categories. The
/// route model learns a report's category among every other intent and detail; a model that sees only reports might
/// separate the categories better. Out of fold on the same folds as <c>curve</c>: for fold k the specialist is trained
/// on the reports of the other four fifths and read on the reports of fold k, and its categories are joined with the
/// route model's (from the cached readings) by a weighted geometric mean, for several weights.
/// </summary>
internal static class CategorySpecialistExperiment
{
    private static readonly double[] RouteWeights = [1, 0.75, 0.5, 0.25, 0];

    public static void Run(TextWriter o, IReadOnlyList<CorpusMessage> train, string corpusHash, int folds, int passes, string readingsDir)
    {
        var cache = new ReadingsCache(readingsDir, corpusHash);
        var right = new int[RouteWeights.Length];
        var total = 0;
        var (bothWrong, routeOnlyWrong, ownOnlyWrong) = (0, 0, 0);
        var confusions = new Dictionary<(string Actual, string Read), int>();
        var k = 0;
        foreach (var fold in CrossValidation.Folds(train, 5).Take(folds))
        {
            var readings = cache.Read(k, fold.Test)
                ?? throw new InvalidOperationException($"no cached readings for fold {k} at {cache.PathOf(k)}: run curve --folds {folds} first");
            var reports = fold.Train.Where(IsReport).ToList();
            var clock = Stopwatch.StartNew();
            var specialist = Train(reports, passes);
            var foldRight = new int[RouteWeights.Length];
            var foldTotal = 0;
            foreach (var (message, model) in readings.Where(r => IsReport(r.Message)))
            {
                var route = model.DetailsOf(Intents.Report).ToDictionary(d => d.Label, d => (double)d.Probability, StringComparer.Ordinal);
                var own = specialist(message.Text);
                var (routeBest, ownBest) = (route.MaxBy(p => p.Value).Key, own.MaxBy(p => p.Value).Key);
                bothWrong += routeBest != message.Category && ownBest != message.Category ? 1 : 0;
                routeOnlyWrong += routeBest != message.Category && ownBest == message.Category ? 1 : 0;
                ownOnlyWrong += routeBest == message.Category && ownBest != message.Category ? 1 : 0;
                if (routeBest != message.Category)
                {
                    var pair = (message.Category!, routeBest);
                    confusions[pair] = confusions.GetValueOrDefault(pair) + 1;
                }

                for (var w = 0; w < RouteWeights.Length; w++)
                {
                    var weight = RouteWeights[w];
                    var best = own.Keys.Union(route.Keys)
                        .MaxBy(label => weight * Math.Log(route.GetValueOrDefault(label) + 1e-9) + (1 - weight) * Math.Log(own.GetValueOrDefault(label) + 1e-9));
                    if (best == message.Category)
                    {
                        foldRight[w]++;
                    }
                }

                foldTotal++;
            }

            o.WriteLine($"fold {k}: specialist trained on {reports.Count} reports in {clock.Elapsed.TotalSeconds:F0} s; category accuracy on {foldTotal} reports, by the route model's weight: "
                + string.Join(", ", RouteWeights.Select((w, i) => $"{w:G2} {foldRight[i] / (double)foldTotal:P1}")));
            for (var w = 0; w < RouteWeights.Length; w++)
            {
                right[w] += foldRight[w];
            }

            total += foldTotal;
            k++;
        }

        o.WriteLine($"wrong in both models {bothWrong}, only in the route model {routeOnlyWrong}, only in the specialist {ownOnlyWrong}");
        o.WriteLine("the route model's commonest confusions (actual → read): "
            + string.Join(", ", confusions.OrderByDescending(c => c.Value).Take(8).Select(c => $"{c.Key.Actual} → {c.Key.Read} {c.Value}")));
        o.WriteLine($"all {folds} folds, {total} reports: " + string.Join(", ", RouteWeights.Select((w, i) => $"route weight {w:G2}: {right[i] / (double)total:P2} ({right[i]})")));
    }

    private static bool IsReport(CorpusMessage m) => m.Intent == Intents.Report && m.Category is not null;

    /// <summary>The shipped trainer and its features, on the reports with their categories as the labels.</summary>
    private static Func<string, Dictionary<string, double>> Train(IReadOnlyList<CorpusMessage> reports, int passes)
    {
        var ml = new MLContext(UnderstandingTrainer.Seed);
        var rows = reports.Select(m =>
        {
            var input = MessageFeatures.From(m.Text);
            input.Label = m.Category!;
            return input;
        });
        var engines = new MessageClassifier.Engines(ml, UnderstandingTrainer.Fit(ml, TrainerSettings.Default with { Iterations = passes }, rows).Model);
        return text => engines.Predict(MessageFeatures.From(text)).ToDictionary(s => s.Label, s => (double)s.Probability, StringComparer.Ordinal);
    }
}
