using System.Diagnostics;
using CitizenBot.Dialogs.Text;
using CitizenBot.Dialogs.Understanding;

namespace CitizenBot.Understanding.Eval;

internal static class RepoPaths
{
    /// <summary>The folder holding CitizenBot.sln, from the working directory up.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CitizenBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run this from inside the CitizenBot repository (no CitizenBot.sln above the working directory).");
    }
}

/// <summary>The decision the bot makes of a message: the models plus the emergency rules, as <see cref="Understander"/> does.</summary>
internal sealed class Judge(MessageClassifier classifier)
{
    private readonly Understander _understander = new(classifier, new EmergencyDetector(), new NoSecondOpinion());

    public MessageClassifier Classifier => classifier;

    public Understood Understand(string text) => _understander.Understand(ChineseText.Normalize(text), ChineseText.ToMatchKey(text));
}

internal sealed record Fold(IReadOnlyList<CorpusMessage> Train, IReadOnlyList<CorpusMessage> Test);

internal static class CrossValidation
{
    /// <summary>k folds by a hash of the text (stable, independent of file order).</summary>
    public static IEnumerable<Fold> Folds(IReadOnlyList<CorpusMessage> messages, int k)
    {
        var fold = messages.Select(m => (int)(StableHash(m.Text) % (uint)k)).ToList();
        for (var i = 0; i < k; i++)
        {
            yield return new Fold(
                [.. messages.Where((_, j) => fold[j] != i)],
                [.. messages.Where((_, j) => fold[j] == i)]);
        }
    }

    private static uint StableHash(string text)
    {
        // FNV-1a over UTF-16 code units, salted so the folds differ from the test split's SHA-256 byte.
        var hash = 2166136261u ^ 0x5bd1e995u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}

/// <summary>Chooses the thresholds from out-of-fold predictions on the training split (never the test split).</summary>
internal static class ThresholdSearch
{
    /// <summary>
    /// The out-of-fold emergency recall the thresholds must reach: the product's goal, 99 %. Until 2026-12-06 it was
    /// 98.5 %, chosen when the route model's own vote could be picked and went down to 0.2 at 99 %, where short everyday
    /// answers ("不用了", "我选2") set it off; that vote now never counts below <see cref="LowestIntentVote"/>, and the
    /// two models' geometric mean is what reaches it. With the corpus of that day 98.5 % out of fold came out as 98.4 %
    /// on the test split (docs/understanding.md). Recall comes first among the thresholds that reach the target.
    /// </summary>
    private const double TargetRecall = 0.99;

    /// <summary>How far below the highest reachable recall a threshold may be when none reaches the target.</summary>
    private const double RecallSlack = 0.005;

    /// <summary>The lowest route-model probability of "emergency" that may count as an emergency on its own.</summary>
    private const float LowestIntentVote = 0.3f;

    /// <summary>The share of sure intents that must be right.</summary>
    private const double TargetSurePrecision = 0.95;

    /// <summary>
    /// The models' readings of training messages by models that did not see them (the first <paramref name="folds"/> of 5
    /// folds). With <paramref name="cache"/>, each fold's readings are kept on disk under the corpus hash and read back
    /// instead of training that fold again (a fold takes 10–20 minutes here).
    /// </summary>
    public static List<(CorpusMessage Message, MessageUnderstanding Model)> OutOfFold(
        IReadOnlyList<CorpusMessage> train, int folds, ReadingsCache? cache = null, TrainerSettings? settings = null)
    {
        var outOfFold = new List<(CorpusMessage Message, MessageUnderstanding Model)>();
        var k = 0;
        foreach (var fold in CrossValidation.Folds(train, 5).Take(folds))
        {
            if (cache?.Read(k, fold.Test) is { } kept)
            {
                Console.WriteLine($"fold {k}: readings read from {cache.PathOf(k)}");
                outOfFold.AddRange(kept);
            }
            else
            {
                Console.WriteLine(cache is null ? $"fold {k}: training" : $"fold {k}: training (its readings will be kept in {cache.PathOf(k)})");
                var classifier = UnderstandingTrainer.Train(fold.Train, settings).ToClassifier(new UnderstandingThresholds());
                var readings = fold.Test.Select(m => (m, classifier.Classify(m.Text))).ToList();
                cache?.Write(k, readings);
                outOfFold.AddRange(readings);
            }

            k++;
        }

        return outOfFold;
    }

    public static void PrintCurve(TextWriter output, List<(CorpusMessage Message, MessageUnderstanding Model)> outOfFold)
    {
        var (emergencies, nearMisses, others) = Groups(outOfFold);
        output.WriteLine($"{emergencies.Count} emergencies, {nearMisses.Count} near-misses, {others.Count} other messages out of fold");
        output.WriteLine("safety intent recall near-miss-alarms all-alarms");
        for (var s = 0.9f; s >= 0.04f; s -= 0.05f)
        {
            for (var i = 0.9f; i >= 0.04f; i -= 0.1f)
            {
                var thresholds = new UnderstandingThresholds { Emergency = s, EmergencyIntent = i };
                output.WriteLine($"{s:F2} {i:F2} {Rate(emergencies, thresholds):P1} {Rate(nearMisses, thresholds):P1} {Rate(others, thresholds):P1}");
            }
        }

        // Where the rules fire, what the models said: how sure they were that there is no emergency.
        var rules = new EmergencyDetector();
        var fired = outOfFold.Where(p => rules.DetectCertain(ChineseText.ToMatchKey(p.Message.Text)) is not null).ToList();
        output.WriteLine($"rules fire on {fired.Count(p => p.Message.Safety != SafetyLabels.None)} emergencies and {fired.Count(p => p.Message.NearMiss)} near-misses;"
            + " below this emergency reading of the models (the higher of the two models' probabilities):");
        foreach (var reading in new[] { 0.01f, 0.02f, 0.05f, 0.1f, 0.2f })
        {
            output.WriteLine($"  {reading:F2}: {fired.Count(p => p.Message.Safety != SafetyLabels.None && p.Model.EmergencyReading < reading)} emergencies, "
                + $"{fired.Count(p => p.Message.NearMiss && p.Model.EmergencyReading < reading)} near-misses");
        }

        output.WriteLine("intent: threshold acted-at-once precision-of-sure");
        for (var t = 0.9f; t >= 0.3f; t -= 0.05f)
        {
            var sure = outOfFold.Where(p => p.Model.IntentProbability >= t).ToList();
            var right = sure.Count(p => p.Model.Intent == p.Message.RouteIntent);
            output.WriteLine($"{t:F2} {right / (double)outOfFold.Count:P1} {(sure.Count == 0 ? 0 : right / (double)sure.Count):P1}");
        }

        output.WriteLine($"chosen: {Choose(outOfFold)}");
    }

    /// <summary>
    /// Recall first: of the thresholds — either model on its own, or the two together by their geometric mean — whose
    /// out-of-fold emergency recall is at least <see cref="TargetRecall"/>, the one with the fewest false alarms on
    /// near-misses (then the highest); if none reaches it, of those within
    /// <see cref="RecallSlack"/> of the highest recall, the one with the fewest alarms on all messages that are not
    /// emergencies (the last tenths of a point of recall must not cost every tenth citizen a needless hotline reply).
    /// The intent threshold: the lowest at which at least <see cref="TargetSurePrecision"/> of the sure answers are right.
    /// </summary>
    public static UnderstandingThresholds Choose(List<(CorpusMessage Message, MessageUnderstanding Model)> outOfFold)
    {
        var (emergencies, nearMisses, others) = Groups(outOfFold);
        var candidates = new List<(UnderstandingThresholds Thresholds, float Height, double Recall, double Alarms, double AllAlarms)>();
        void Add(UnderstandingThresholds thresholds, float height) =>
            candidates.Add((thresholds, height, Rate(emergencies, thresholds), Rate(nearMisses, thresholds), Rate(others, thresholds)));

        foreach (var s in SafetyGrid())
        {
            // Either model on its own. The route model spreads a fifth to a quarter of its probability onto "emergency"
            // for short everyday answers ("不用了" 0.2, "我选2" 0.28): below LowestIntentVote its vote would answer them
            // with the hotlines.
            for (var i = 0.9f; i >= LowestIntentVote - 0.001f; i -= 0.1f)
            {
                Add(new UnderstandingThresholds { Emergency = MathF.Round(s, 2), EmergencyIntent = MathF.Round(i, 2) }, s + i);
            }

            // The two models together: their geometric mean.
            Add(new UnderstandingThresholds
            {
                Emergency = UnderstandingThresholds.Unused,
                EmergencyIntent = UnderstandingThresholds.Unused,
                EmergencyAgreement = MathF.Round(s, 2),
            }, 2 * s);
        }

        var reaching = candidates.Where(c => c.Recall >= TargetRecall).ToList();
        var highest = candidates.Max(c => c.Recall);
        var best = reaching.Count > 0
            ? reaching.OrderBy(c => c.Alarms).ThenByDescending(c => c.Height).First()
            : candidates.Where(c => c.Recall >= highest - RecallSlack).OrderBy(c => c.AllAlarms).ThenByDescending(c => c.Recall).First();

        var intent = 0.9f;
        for (var t = 0.9f; t >= 0.3f; t -= 0.05f)
        {
            var sure = outOfFold.Where(p => p.Model.IntentProbability >= t).ToList();
            if (sure.Count == 0 || sure.Count(p => p.Model.Intent == p.Message.RouteIntent) / (double)sure.Count < TargetSurePrecision)
            {
                break;
            }

            intent = t;
        }

        return best.Thresholds with
        {
            Intent = MathF.Round(intent, 2),
            RulesOverruled = ChooseRulesOverruled(outOfFold),
        };
    }

    /// <summary>
    /// The safety thresholds tried: every 0.05 down to 0.2, then every 0.01 — a well-trained safety model puts most
    /// everyday messages below 0.1, where a step of 0.05 is too coarse to choose between recall and alarms.
    /// </summary>
    private static IEnumerable<float> SafetyGrid()
    {
        for (var s = 90; s >= 20; s -= 5)
        {
            yield return s / 100f;
        }

        for (var s = 19; s >= 2; s--)
        {
            yield return s / 100f;
        }
    }

    /// <summary>
    /// The highest of a few small readings below which no out-of-fold emergency that the rules found lies: the rules
    /// then fall silent only where the models were all but certain, and never on an emergency seen so far.
    /// </summary>
    private static float ChooseRulesOverruled(List<(CorpusMessage Message, MessageUnderstanding Model)> outOfFold)
    {
        var rules = new EmergencyDetector();
        var found = outOfFold
            .Where(p => p.Message.Safety != SafetyLabels.None && rules.DetectCertain(ChineseText.ToMatchKey(p.Message.Text)) is not null)
            .Select(p => p.Model.EmergencyReading)
            .ToList();
        return new[] { 0.05f, 0.02f, 0.01f }.FirstOrDefault(reading => found.Count > 0 && found.All(r => r >= reading));
    }

    /// <summary>
    /// Near-miss and other alarms at the target recall for other ways of joining the two models' emergency votes than
    /// "either model": their mean, and their geometric mean. Printed beside the shipped rule, to compare.
    /// </summary>
    public static void PrintJoins(TextWriter output, List<(CorpusMessage Message, MessageUnderstanding Model)> outOfFold)
    {
        var joins = new (string Name, Func<MessageUnderstanding, float> Score)[]
        {
            ("max", m => m.EmergencyReading),
            ("mean", m => (m.EmergencyProbability + m.ProbabilityOf(Intents.Emergency)) / 2),
            ("geomean", m => MathF.Sqrt(m.EmergencyProbability * m.ProbabilityOf(Intents.Emergency))),
            ("safety", m => m.EmergencyProbability),
            ("route", m => m.ProbabilityOf(Intents.Emergency)),
        };
        var (emergencies, nearMisses, others) = Groups(outOfFold);
        foreach (var (name, score) in joins)
        {
            foreach (var target in new[] { 0.98, TargetRecall, 0.99 })
            {
                // The highest threshold that still reaches the target recall.
                var ordered = emergencies.Select(score).OrderByDescending(x => x).ToList();
                var needed = (int)Math.Ceiling(target * ordered.Count);
                var threshold = ordered[Math.Clamp(needed - 1, 0, ordered.Count - 1)];
                double Share(List<MessageUnderstanding> models) => models.Count(m => score(m) >= threshold) / (double)models.Count;
                output.WriteLine($"{name,-8} recall ≥ {target:P1} at {threshold:F3}: near-miss alarms {Share(nearMisses):P1}, other alarms {Share(others):P1}");
            }
        }
    }

    /// <summary>
    /// The geometric mean OR a single model that is all but sure (measured, not shipped): over a grid of safety and route
    /// thresholds from 0.5 to 0.99, the highest geometric-mean threshold at which the three votes together still reach
    /// the recall, and the fewest near-miss alarms there; beside the geometric mean alone, and the highest single-model
    /// readings of the emergencies the geometric mean alone misses (what a single model's vote would have to catch).
    /// </summary>
    public static void PrintCombined(TextWriter output, List<(CorpusMessage Message, MessageUnderstanding Model)> outOfFold)
    {
        var (emergencies, nearMisses, others) = Groups(outOfFold);
        float[] singles = [UnderstandingThresholds.Unused, 0.99f, 0.98f, 0.97f, 0.95f, 0.9f, 0.85f, 0.8f, 0.75f, 0.7f, 0.65f, 0.6f, 0.55f, 0.5f];
        static float Route(MessageUnderstanding m) => m.ProbabilityOf(Intents.Emergency);
        foreach (var target in new[] { TargetRecall, 0.99 })
        {
            var needed = (int)Math.Ceiling(target * emergencies.Count);
            var votes = singles.SelectMany(ts => singles.Select(tr =>
            {
                // The emergencies a single model catches; the geometric mean must find the rest of those needed.
                var rest = emergencies.Where(m => m.EmergencyProbability < ts && Route(m) < tr).Select(m => m.EmergencyAgreement).OrderDescending().ToList();
                var missing = needed - (emergencies.Count - rest.Count);
                var tg = missing <= 0 ? UnderstandingThresholds.Unused : rest[missing - 1];
                bool Alarm(MessageUnderstanding m) => m.EmergencyAgreement >= tg || m.EmergencyProbability >= ts || Route(m) >= tr;
                return (Ts: ts, Tr: tr, Tg: tg, Recall: emergencies.Count(Alarm), NearMiss: nearMisses.Count(Alarm), Other: others.Count(Alarm));
            })).ToList();
            foreach (var (name, vote) in new[]
                     {
                         ("geomean alone", votes[0]),
                         ("geomean or safety", votes.Where(v => v.Tr > 1).MinBy(v => (v.NearMiss, v.Other))),
                         ("geomean or safety or route", votes.MinBy(v => (v.NearMiss, v.Other))),
                     })
            {
                output.WriteLine($"{name,-26} recall ≥ {target:P1}: t_g {vote.Tg:F3} t_s {vote.Ts:F2} t_r {vote.Tr:F2}, recall {vote.Recall}/{emergencies.Count}, "
                    + $"near-miss alarms {vote.NearMiss}/{nearMisses.Count} ({vote.NearMiss / (double)nearMisses.Count:P1}), other alarms {vote.Other}/{others.Count} ({vote.Other / (double)others.Count:P1})");
            }

            var missed = emergencies.Where(m => m.EmergencyAgreement < votes[0].Tg).ToList();
            if (missed.Count > 0)
            {
                output.WriteLine($"  the {missed.Count} emergencies the geometric mean alone misses: highest safety reading {missed.Max(m => m.EmergencyProbability):F3}, "
                    + $"highest route reading {missed.Max(Route):F3}");
            }
        }
    }

    /// <summary>
    /// The thresholds chosen on the decision the bot makes — the geometric mean OR a rule's phrase the models do not
    /// overrule — instead of on the models' vote alone: the highest geometric-mean threshold at which the whole decision
    /// still reaches the recall, and its alarms, beside the models alone and the models' threshold with the rules added.
    /// </summary>
    public static void PrintWithRules(TextWriter output, List<(CorpusMessage Message, MessageUnderstanding Model)> outOfFold, float rulesOverruled)
    {
        var rules = new EmergencyDetector();
        var read = outOfFold.Select(p => (p.Message, p.Model, Rule: rules.DetectCertain(ChineseText.ToMatchKey(p.Message.Text)) is not null && p.Model.EmergencyReading >= rulesOverruled)).ToList();
        var emergencies = read.Where(r => r.Message.Safety != SafetyLabels.None).ToList();
        var nearMisses = read.Where(r => r.Message.NearMiss).ToList();
        var others = read.Where(r => r.Message.Safety == SafetyLabels.None).ToList();
        output.WriteLine($"rules (not overruled below {rulesOverruled:F2}) fire on {emergencies.Count(r => r.Rule)} emergencies, {nearMisses.Count(r => r.Rule)} near-misses, {others.Count(r => r.Rule)} other messages");
        foreach (var target in new[] { TargetRecall, 0.99, 0.995 })
        {
            var needed = (int)Math.Ceiling(target * emergencies.Count);
            var alone = emergencies.Select(r => r.Model.EmergencyAgreement).OrderDescending().ToList()[needed - 1];
            var rest = emergencies.Where(r => !r.Rule).Select(r => r.Model.EmergencyAgreement).OrderDescending().ToList();
            var missing = needed - emergencies.Count(r => r.Rule);
            var withRules = missing <= 0 ? UnderstandingThresholds.Unused : rest[missing - 1];
            foreach (var (name, tg, counted) in new[] { ("models alone", alone, false), ("models' threshold, rules added", alone, true), ("chosen with the rules", withRules, true) })
            {
                bool Alarm((CorpusMessage Message, MessageUnderstanding Model, bool Rule) r) => r.Model.EmergencyAgreement >= tg || (counted && r.Rule);
                output.WriteLine($"  recall ≥ {target:P1}, {name,-31} t_g {tg:F3}: recall {emergencies.Count(Alarm)}/{emergencies.Count}, "
                    + $"near-miss alarms {nearMisses.Count(Alarm)}/{nearMisses.Count} ({nearMisses.Count(Alarm) / (double)nearMisses.Count:P1}), other alarms {others.Count(Alarm)}/{others.Count} ({others.Count(Alarm) / (double)others.Count:P1})");
            }
        }
    }

    /// <summary>The readings of the emergencies, of the near-misses and of every message that is not an emergency.</summary>
    private static (List<MessageUnderstanding> Emergencies, List<MessageUnderstanding> NearMisses, List<MessageUnderstanding> Others) Groups(
        List<(CorpusMessage Message, MessageUnderstanding Model)> outOfFold) =>
        ([.. outOfFold.Where(p => p.Message.Safety != SafetyLabels.None).Select(p => p.Model)],
         [.. outOfFold.Where(p => p.Message.NearMiss).Select(p => p.Model)],
         [.. outOfFold.Where(p => p.Message.Safety == SafetyLabels.None).Select(p => p.Model)]);

    /// <summary>The share of <paramref name="models"/> that call an emergency at <paramref name="thresholds"/>.</summary>
    private static double Rate(IReadOnlyList<MessageUnderstanding> models, UnderstandingThresholds thresholds) =>
        models.Count == 0 ? 0 : models.Count(m => m.WithThresholds(thresholds).IsEmergency) / (double)models.Count;
}

/// <summary>Each fold's out-of-fold readings on disk, under the hash of the corpus they came from.</summary>
internal sealed class ReadingsCache(string folder, string corpusHash, TrainerSettings? settings = null)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    // The settings the folds are trained with (the trainer's defaults unless given) name the files too.
    private readonly TrainerSettings _settings = settings ?? TrainerSettings.Default;

    /// <summary>Named by the corpus and the training settings: readings of other models are never read back.</summary>
    public string PathOf(int fold) =>
        Path.Combine(folder, $"{corpusHash[..16]}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key(_settings))))[..8]}-fold{fold}.jsonl");

    /// <summary>The settings as they were written before the skip-gram knobs: readings kept then keep their names.</summary>
    private static string Key(TrainerSettings settings) =>
        settings.WordSkipLength == 0
            ? settings.ToString().Replace(", WordSkipLength = 0, SkipGramsReplaceWords = False", string.Empty, StringComparison.Ordinal)
            : settings.ToString();

    public List<(CorpusMessage Message, MessageUnderstanding Model)>? Read(int fold, IReadOnlyList<CorpusMessage> messages)
    {
        var path = PathOf(fold);
        if (!File.Exists(path))
        {
            return null;
        }

        var byText = new Dictionary<string, Kept>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (System.Text.Json.JsonSerializer.Deserialize<Kept>(line, Json) is { } kept)
            {
                byText[kept.Text] = kept;
            }
        }

        if (!messages.All(m => byText.ContainsKey(m.Text)))
        {
            return null;
        }

        static List<LabelScore> Ranked(Dictionary<string, float> scores) =>
            [.. scores.Select(s => new LabelScore(s.Key, s.Value)).OrderByDescending(s => s.Probability)];
        return [.. messages.Select(m => (m, new MessageUnderstanding(Ranked(byText[m.Text].Routes), Ranked(byText[m.Text].Safeties), new UnderstandingThresholds())))];
    }

    public void Write(int fold, IEnumerable<(CorpusMessage Message, MessageUnderstanding Model)> readings)
    {
        Directory.CreateDirectory(folder);
        using var writer = new StreamWriter(PathOf(fold));
        foreach (var (message, model) in readings)
        {
            writer.WriteLine(System.Text.Json.JsonSerializer.Serialize(new Kept(
                message.Text,
                model.Routes.ToDictionary(r => r.Label, r => r.Probability),
                model.SafetyScores.ToDictionary(r => r.Label, r => r.Probability)), Json));
        }
    }

    private sealed record Kept(string Text, Dictionary<string, float> Routes, Dictionary<string, float> Safeties);
}

/// <summary>What a fold's readings say without the rules: intent, category and topic, and the vote at thresholds chosen on them.</summary>
internal static class FoldReport
{
    public static void Print(TextWriter o, List<(CorpusMessage Message, MessageUnderstanding Model)> readings)
    {
        static string Pct(int part, int whole) => whole == 0 ? "n/a" : $"{part / (double)whole:P1} ({part}/{whole})";
        o.WriteLine($"intent accuracy: {Pct(readings.Count(p => p.Model.Intent == p.Message.RouteIntent), readings.Count)}");
        var reports = readings.Where(p => p.Message.Intent == Intents.Report).ToList();
        o.WriteLine($"category accuracy: {Pct(reports.Count(p => p.Model.DetailsOf(Intents.Report).FirstOrDefault().Label == p.Message.Category), reports.Count)}");
        var legal = readings.Where(p => p.Message.Intent == Intents.Legal).ToList();
        o.WriteLine($"topic accuracy: {Pct(legal.Count(p => p.Model.DetailsOf(Intents.Legal).FirstOrDefault().Label == p.Message.Topic), legal.Count)}");
        var thresholds = ThresholdSearch.Choose(readings);
        var at = readings.Select(p => (p.Message, Model: p.Model.WithThresholds(thresholds))).ToList();
        var sureRight = at.Count(p => p.Model.IsSure && p.Model.Intent == p.Message.RouteIntent);
        o.WriteLine($"thresholds chosen on these readings: {thresholds}");
        o.WriteLine($"  acted at once on the right intent {Pct(sureRight, at.Count)}, on a wrong one {Pct(at.Count(p => p.Model.IsSure) - sureRight, at.Count)}");
        o.WriteLine($"  emergency recall {Pct(at.Count(p => p.Message.Safety != SafetyLabels.None && p.Model.IsEmergency), at.Count(p => p.Message.Safety != SafetyLabels.None))}, "
            + $"near-miss alarms {Pct(at.Count(p => p.Message.NearMiss && p.Model.IsEmergency), at.Count(p => p.Message.NearMiss))}, "
            + $"other alarms {Pct(at.Count(p => p.Message.Safety == SafetyLabels.None && p.Model.IsEmergency), at.Count(p => p.Message.Safety == SafetyLabels.None))}");
    }
}

internal static class Timing
{
    public static void Print(TextWriter output, IReadOnlyList<string> texts, Judge judge)
    {
        foreach (var text in texts)
        {
            judge.Understand(text);
        }

        var micros = new List<double>();
        for (var round = 0; round < 5; round++)
        {
            foreach (var text in texts)
            {
                var clock = Stopwatch.StartNew();
                judge.Understand(text);
                micros.Add(clock.Elapsed.TotalMicroseconds);
            }
        }

        micros.Sort();
        double At(double q) => micros[Math.Min(micros.Count - 1, (int)(q * micros.Count))];
        output.WriteLine($"{micros.Count} classifications: p50 {At(0.5):F0} µs, p99 {At(0.99):F0} µs, max {micros[^1]:F0} µs");
    }
}
