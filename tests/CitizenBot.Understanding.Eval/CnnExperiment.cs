using System.Diagnostics;
using CitizenBot.Dialogs.Understanding;

namespace CitizenBot.Understanding.Eval;

/// <summary>
/// The <c>cnn</c> verb: a character CNN trained from scratch on the training split, beside the shipped linear models.
/// Safety labels: near-miss alarms at fixed emergency recall (each vote at its own threshold read on the set itself, a
/// comparison only), then at thresholds chosen out of fold on the training split. Route labels: intent accuracy.
/// </summary>
internal sealed class CnnExperiment(
    IReadOnlyList<CorpusMessage> train, IReadOnlyList<CorpusMessage> test, IReadOnlyList<CorpusMessage> holdout,
    MessageClassifier shipped, CnnReadings readings, CnnSettings settings, TextWriter output)
{
    private static readonly double[] Targets = [0.97, 0.985, 0.99];

    public bool Route { get; init; }

    /// <summary>Out-of-fold readings of the linear models (null: not kept, the honest thresholds are skipped).</summary>
    public List<(CorpusMessage Message, MessageUnderstanding Model)>? LinearOutOfFold { get; init; }

    public int Folds { get; init; } = 3;

    /// <summary>Only the out-of-fold training (to choose the CNN's settings on the training split alone).</summary>
    public bool FoldsOnly { get; init; }

    public void Run()
    {
        var outOfFoldMessages = new List<CorpusMessage>();
        var outOfFold = new List<float[]>();
        IReadOnlyList<string> labels = [];
        var k = 0;
        foreach (var fold in CrossValidation.Folds(train, 5).Take(Folds))
        {
            var reading = ReadOrTrain($"fold{k}", fold.Train, [fold.Test]).Single();
            outOfFoldMessages.AddRange(fold.Test);
            outOfFold.AddRange(reading.Probabilities);
            labels = reading.Labels;
            k++;
        }

        if (FoldsOnly)
        {
            return;
        }

        var final = ReadOrTrain("all", train, [test, holdout]);
        var oof = new Reading(labels, outOfFold);
        if (Route)
        {
            ReportRoute("out of fold (training split)", outOfFoldMessages, oof, LinearOutOfFold?.Select(p => p.Model).ToList());
            ReportRoute("test split", test, final[0], [.. test.Select(m => shipped.Classify(m.Text))]);
            ReportRoute("holdout", holdout, final[1], [.. holdout.Select(m => shipped.Classify(m.Text))]);
            return;
        }

        var testVotes = Votes([.. test.Select(m => shipped.Classify(m.Text))], final[0]);
        var holdoutVotes = Votes([.. holdout.Select(m => shipped.Classify(m.Text))], final[1]);
        output.WriteLine("## Near-miss alarms at fixed emergency recall, each vote at its own threshold read on the set itself (a comparison only; the rules left out)");
        Compare("test split", test, testVotes);
        Compare("holdout", holdout, holdoutVotes);
        if (Folds == 0)
        {
            return;
        }

        Dictionary<string, float[]> oofVotes;
        if (LinearOutOfFold is null)
        {
            output.WriteLine("The linear models' out-of-fold readings are not kept (run `curve --folds N` first): the CNN's threshold only.");
            oofVotes = new Dictionary<string, float[]>(StringComparer.Ordinal) { ["b cnn"] = oof.Emergency() };
        }
        else
        {
            // The same messages in the same order: both come from the first folds of the same cross-validation.
            if (!LinearOutOfFold.Select(p => p.Message.Text).SequenceEqual(outOfFoldMessages.Select(m => m.Text)))
            {
                throw new InvalidOperationException("The linear and CNN out-of-fold readings are not of the same messages.");
            }

            oofVotes = Votes([.. LinearOutOfFold.Select(p => p.Model)], oof);
        }

        output.WriteLine();
        output.WriteLine($"## Thresholds chosen out of fold ({Folds} of 5 folds of the training split, {outOfFoldMessages.Count} messages), then read on the test split and the holdout (the rules left out)");
        Compare("out of fold", outOfFoldMessages, oofVotes);
        foreach (var target in new[] { 0.985, 0.99 })
        {
            output.WriteLine($"target {target:P1} out of fold:");
            foreach (var (name, scores) in oofVotes)
            {
                var threshold = ThresholdAt(outOfFoldMessages, scores, target);
                output.WriteLine($"  {name,-22} at {threshold:F4}: test {Rates(test, testVotes[name], threshold)}; holdout {Rates(holdout, holdoutVotes[name], threshold)}");
            }
        }

        output.WriteLine($"  shipped model.json (joined ≥ {shipped.Thresholds.EmergencyAgreement:F2}): test {Rates(test, testVotes["a shipped joined"], shipped.Thresholds.EmergencyAgreement)}; "
            + $"holdout {Rates(holdout, holdoutVotes["a shipped joined"], shipped.Thresholds.EmergencyAgreement)}");
    }

    /// <summary>The CNN's readings of <paramref name="sets"/> after training on <paramref name="trainOn"/>, kept on disk.</summary>
    private List<Reading> ReadOrTrain(string name, IReadOnlyList<CorpusMessage> trainOn, IReadOnlyList<IReadOnlyList<CorpusMessage>> sets)
    {
        var names = sets.Select((_, i) => sets.Count == 1 ? name : $"{name}-set{i}").ToList();
        var kept = sets.Select((s, i) => readings.Read(names[i], s)).ToList();
        if (kept.All(r => r is not null))
        {
            output.WriteLine($"{name}: readings read from {readings.PathOf(names[0])}");
            return [.. kept.Select(r => r!)];
        }

        output.WriteLine($"{name}: training on {trainOn.Count} messages");
        var clock = Stopwatch.StartNew();
        var first = sets[0];
        // Follow the first set when it is a fold of the training split (never the test split or the holdout).
        void Follow(string what, Reading reading) => output.WriteLine(Route
            ? $"    held-out fold, {what}: intent {IntentAccuracy(first, reading.Intents()):P1}"
            : $"    held-out fold, {what}: near-miss alarms {string.Join(", ", Targets.Select(t => $"{NearMissAlarmsAt(first, reading.Emergency(), t):P1} at {t:P1}"))}");
        var models = new List<CharCnn>();
        for (var seed = 0; seed < settings.Seeds; seed++)
        {
            var cnn = CharCnn.Train(trainOn, Label, settings with { Seed = settings.Seed + seed }, output, (epoch, model) =>
            {
                if (sets.Count == 1)
                {
                    Follow($"epoch {epoch}", Read([model], first));
                }
            });
            models.Add(cnn);
            output.WriteLine($"{name}: model {seed + 1} of {settings.Seeds} trained, {clock.Elapsed.TotalSeconds:F0} s so far ({cnn})");
        }

        if (sets.Count == 1 && models.Count > 1)
        {
            Follow($"the {models.Count} models' mean", Read(models, first));
        }

        var result = sets.Select(s => Read(models, s)).ToList();
        for (var i = 0; i < sets.Count; i++)
        {
            readings.Write(names[i], sets[i], result[i]);
        }

        return result;
    }

    /// <summary>The mean of the models' probabilities (trained with different seeds on the same messages: the same labels).</summary>
    private static Reading Read(IReadOnlyList<CharCnn> models, IReadOnlyList<CorpusMessage> messages)
    {
        var texts = messages.Select(m => m.Text).ToList();
        var readings = models.Select(m => m.Predict(texts)).ToList();
        var mean = texts.Select((_, i) => Enumerable.Range(0, models[0].Labels.Count)
            .Select(l => readings.Average(r => r[i][l])).Select(p => (float)p).ToArray()).ToList();
        return new Reading(models[0].Labels, mean);
    }

    private string Label(CorpusMessage message) => Route ? message.RouteLabel : message.Safety;

    /// <summary>(a) the shipped models' joined vote, (b) the CNN, (c) their geometric mean; and the safety model alone.</summary>
    private static Dictionary<string, float[]> Votes(IReadOnlyList<MessageUnderstanding> linear, Reading cnn)
    {
        var joined = linear.Select(m => m.EmergencyAgreement).ToArray();
        var network = cnn.Emergency();
        return new Dictionary<string, float[]>(StringComparer.Ordinal)
        {
            ["safety model alone"] = [.. linear.Select(m => m.EmergencyProbability)],
            ["a shipped joined"] = joined,
            ["b cnn"] = network,
            ["c geomean(a, b)"] = [.. joined.Select((a, i) => MathF.Sqrt(a * network[i]))],
        };
    }

    private void Compare(string set, IReadOnlyList<CorpusMessage> messages, Dictionary<string, float[]> votes)
    {
        output.WriteLine($"{set}: {messages.Count(IsEmergency)} emergencies, {messages.Count(m => m.NearMiss)} near-misses, {messages.Count(m => !IsEmergency(m))} non-emergencies");
        foreach (var (name, scores) in votes)
        {
            output.WriteLine($"  {name,-22} near-miss / other alarms at recall "
                + string.Join("; ", Targets.Select(t => $"{t:P1}: {NearMissAlarmsAt(messages, scores, t):P1} / {Share(messages, scores, ThresholdAt(messages, scores, t), m => !IsEmergency(m) && !m.NearMiss):P1}")));
        }
    }

    private static bool IsEmergency(CorpusMessage message) => message.Safety != SafetyLabels.None;

    /// <summary>The highest threshold at which at least <paramref name="recall"/> of the emergencies score at or above it.</summary>
    private static float ThresholdAt(IReadOnlyList<CorpusMessage> messages, float[] scores, double recall)
    {
        var ordered = messages.Select((m, i) => (m, i)).Where(p => IsEmergency(p.m)).Select(p => scores[p.i]).OrderDescending().ToList();
        var needed = (int)Math.Ceiling(recall * ordered.Count);
        return ordered[Math.Clamp(needed - 1, 0, ordered.Count - 1)];
    }

    private static double NearMissAlarmsAt(IReadOnlyList<CorpusMessage> messages, float[] scores, double recall) =>
        Share(messages, scores, ThresholdAt(messages, scores, recall), m => m.NearMiss);

    private static double Share(IReadOnlyList<CorpusMessage> messages, float[] scores, float threshold, Func<CorpusMessage, bool> which)
    {
        var chosen = messages.Select((m, i) => (m, i)).Where(p => which(p.m)).ToList();
        return chosen.Count == 0 ? 0 : chosen.Count(p => scores[p.i] >= threshold) / (double)chosen.Count;
    }

    private static string Rates(IReadOnlyList<CorpusMessage> messages, float[] scores, float threshold)
    {
        var emergencies = messages.Count(IsEmergency);
        var found = messages.Where((m, i) => IsEmergency(m) && scores[i] >= threshold).Count();
        var nearMisses = messages.Count(m => m.NearMiss);
        var alarms = messages.Where((m, i) => m.NearMiss && scores[i] >= threshold).Count();
        return $"recall {found / (double)emergencies:P1} ({found}/{emergencies}), near-miss alarms {alarms / (double)nearMisses:P1} ({alarms}/{nearMisses}), "
            + $"other alarms {Share(messages, scores, threshold, m => !IsEmergency(m) && !m.NearMiss):P1}";
    }

    private void ReportRoute(string set, IReadOnlyList<CorpusMessage> messages, Reading cnn, IReadOnlyList<MessageUnderstanding>? linear)
    {
        var network = cnn.Intents();
        var line = $"{set} ({messages.Count}): intent accuracy, CNN {IntentAccuracy(messages, network):P1}";
        if (linear is not null)
        {
            var shippedIntents = linear.Select(m => m.Intents.ToDictionary(i => i.Label, i => i.Probability, StringComparer.Ordinal)).ToList();
            var averaged = shippedIntents.Select((s, i) => Intents.All.ToDictionary(
                intent => intent, intent => (s.GetValueOrDefault(intent) + network[i].GetValueOrDefault(intent)) / 2, StringComparer.Ordinal)).ToList();
            line += $", linear {IntentAccuracy(messages, shippedIntents):P1}, averaged {IntentAccuracy(messages, averaged):P1}";
        }

        output.WriteLine(line);
    }

    private static double IntentAccuracy(IReadOnlyList<CorpusMessage> messages, IReadOnlyList<Dictionary<string, float>> intents) =>
        messages.Where((m, i) => intents[i].MaxBy(p => p.Value).Key == m.RouteIntent).Count() / (double)messages.Count;
}
