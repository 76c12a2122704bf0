using System.Diagnostics;
using CitizenBot.Dialogs.Understanding;
using Microsoft.ML;
using Microsoft.ML.Data;

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
    private sealed class Input
    {
        public string Text { get; set; } = string.Empty;

        public string Words { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;
    }

    private sealed class Output
    {
        public float[] Score { get; set; } = [];
    }

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

    private static Func<string, Dictionary<string, double>> Train(IReadOnlyList<CorpusMessage> reports, int passes)
    {
        var ml = new MLContext(UnderstandingTrainer.Seed);
        var settings = TrainerSettings.Default;
        var rows = reports.Select(m =>
        {
            var f = MessageFeatures.From(m.Text);
            return new Input { Text = f.Text, Words = f.Words, Label = m.Category! };
        }).ToList();
        var pipeline = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(Input.Label))
            .Append(ml.Transforms.Text.FeaturizeText("CharFeatures", SpecialistExperiment.Bag(settings, chars: settings.CharNgrams), nameof(Input.Text)))
            .Append(ml.Transforms.Text.FeaturizeText("WordFeatures", SpecialistExperiment.Bag(settings, words: settings.WordNgrams), nameof(Input.Words)))
            .Append(ml.Transforms.Concatenate("Features", "CharFeatures", "WordFeatures"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
                labelColumnName: "LabelKey", featureColumnName: "Features", l2Regularization: settings.L2, maximumNumberOfIterations: passes));
        var engine = ml.Model.CreatePredictionEngine<Input, Output>(pipeline.Fit(ml.Data.LoadFromEnumerable(rows)));
        VBuffer<ReadOnlyMemory<char>> names = default;
        engine.OutputSchema["Score"].GetSlotNames(ref names);
        string[] labels = [.. names.DenseValues().Select(n => n.ToString())];
        return text =>
        {
            var f = MessageFeatures.From(text);
            var scores = engine.Predict(new Input { Text = f.Text, Words = f.Words }).Score;
            return labels.Select((label, i) => (label, (double)scores[i])).ToDictionary(p => p.label, p => p.Item2, StringComparer.Ordinal);
        };
    }
}
