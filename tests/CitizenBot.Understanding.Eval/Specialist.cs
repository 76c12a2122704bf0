using System.Diagnostics;
using CitizenBot.Dialogs.Understanding;
using Microsoft.ML;
using Microsoft.ML.Transforms.Text;

namespace CitizenBot.Understanding.Eval;

/// <summary>
/// Experiment (not shipped): a binary "specialist" trained only on emergencies against near-misses, used as a veto on the
/// geometric mean of the two shipped models: alarm = (gm ≥ t_low AND specialist ≥ s) OR gm ≥ t_high. Out of fold on the
/// same folds as <c>curve</c> (the first N of 5 folds of the training split by <see cref="CrossValidation"/>): for fold k the
/// specialist is trained on the emergencies and near-misses of the other four fifths (what the cached gm readings of fold
/// k were trained on) and read on every message of fold k.
/// </summary>
internal static class SpecialistExperiment
{
    internal sealed record Options(int Passes, float L2, float NearMissWeight, int Folds, string ReadingsDir, string SpecialistDir, bool MaxEnt = false);

    internal sealed record Row(string Text, bool Emergency, bool NearMiss, float Gm, float Sp, int Fold);

    private sealed class SpecInput
    {
        public string Text { get; set; } = string.Empty;

        public string Words { get; set; } = string.Empty;

        public bool Label { get; set; }

        public float Weight { get; set; } = 1f;
    }

    private sealed class MaxEntOutput
    {
        public float[] Score { get; set; } = [];
    }

    private sealed class SpecOutput
    {
        public float Probability { get; set; }
    }

    public static void Run(TextWriter o, IReadOnlyList<CorpusMessage> train, string corpusHash, Options options)
    {
        var cache = new ReadingsCache(options.ReadingsDir, corpusHash);
        var rows = new List<Row>();
        var k = 0;
        foreach (var fold in CrossValidation.Folds(train, 5).Take(options.Folds))
        {
            var readings = cache.Read(k, fold.Test)
                ?? throw new InvalidOperationException($"no cached readings for fold {k} at {cache.PathOf(k)}");
            var specPath = Path.Combine(options.SpecialistDir, $"{corpusHash[..16]}-p{options.Passes}-l2{options.L2:G3}-nm{options.NearMissWeight:G3}{(options.MaxEnt ? "-maxent" : string.Empty)}-fold{k}.tsv");
            Dictionary<string, float> sp;
            if (File.Exists(specPath))
            {
                sp = File.ReadLines(specPath).Select(l => l.Split('\t')).ToDictionary(p => Unescape(p[0]), p => float.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
                o.WriteLine($"fold {k}: specialist readings read from {specPath}");
            }
            else
            {
                var border = fold.Train.Where(m => m.Safety != SafetyLabels.None || m.NearMiss).ToList();
                var clock = Stopwatch.StartNew();
                var engine = Train(border, options);
                var trainSeconds = clock.Elapsed.TotalSeconds;
                clock.Restart();
                sp = new Dictionary<string, float>(StringComparer.Ordinal);
                foreach (var m in fold.Test)
                {
                    if (!sp.ContainsKey(m.Text))
                    {
                        var f = MessageFeatures.From(m.Text);
                        sp[m.Text] = f.Text.Length == 0 ? 0f : engine(new SpecInput { Text = f.Text, Words = f.Words });
                    }
                }

                o.WriteLine($"fold {k}: specialist trained on {border.Count} messages ({border.Count(m => m.Safety != SafetyLabels.None)} emergencies, "
                    + $"{border.Count(m => m.NearMiss)} near-misses) in {trainSeconds:F0} s, read {fold.Test.Count} messages in {clock.Elapsed.TotalSeconds:F0} s");
                Directory.CreateDirectory(options.SpecialistDir);
                File.WriteAllLines(specPath, sp.Select(p => $"{Escape(p.Key)}\t{p.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));
            }

            rows.AddRange(readings.Select(r => new Row(r.Message.Text, r.Message.Safety != SafetyLabels.None, r.Message.NearMiss, r.Model.EmergencyAgreement, sp[r.Message.Text], k)));
            k++;
        }

        Analyse(o, rows, options.Folds);
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    private static string Unescape(string s)
    {
        var b = new System.Text.StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
                b.Append(s[i] switch { 't' => '\t', 'n' => '\n', 'r' => '\r', _ => s[i] });
            }
            else
            {
                b.Append(s[i]);
            }
        }

        return b.ToString();
    }

    private static Func<SpecInput, float> Train(IReadOnlyList<CorpusMessage> messages, Options options)
    {
        var ml = new MLContext(UnderstandingTrainer.Seed);
        var settings = TrainerSettings.Default;
        var rows = messages.Select(m =>
        {
            var f = MessageFeatures.From(m.Text);
            var emergency = m.Safety != SafetyLabels.None;
            return new SpecInput { Text = f.Text, Words = f.Words, Label = emergency, Weight = emergency ? 1f : options.NearMissWeight };
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Text.FeaturizeText("CharFeatures", Bag(settings, chars: settings.CharNgrams), nameof(SpecInput.Text))
            .Append(ml.Transforms.Text.FeaturizeText("WordFeatures", Bag(settings, words: settings.WordNgrams), nameof(SpecInput.Words)))
            .Append(ml.Transforms.Concatenate("Features", "CharFeatures", "WordFeatures"))
            ;
        if (options.MaxEnt)
        {
            // Two classes with the shipped models' trainer: P(emergency) is the second score (key order: False, True).
            var maxEnt = pipeline
                .Append(ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue))
                .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
                    labelColumnName: "LabelKey", featureColumnName: "Features", exampleWeightColumnName: nameof(SpecInput.Weight),
                    l2Regularization: options.L2, maximumNumberOfIterations: options.Passes));
            var engine = ml.Model.CreatePredictionEngine<SpecInput, MaxEntOutput>(maxEnt.Fit(data));
            return input => engine.Predict(input).Score[1];
        }

        var binary = pipeline.Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(
                labelColumnName: "Label", featureColumnName: "Features", exampleWeightColumnName: nameof(SpecInput.Weight),
                l2Regularization: options.L2, maximumNumberOfIterations: options.Passes));
        var binaryEngine = ml.Model.CreatePredictionEngine<SpecInput, SpecOutput>(binary.Fit(data));
        return input => binaryEngine.Predict(input).Probability;
    }

    /// <summary>The same bags as <see cref="UnderstandingTrainer"/>'s (character 1–3-grams, word 1–2-grams, tf, L2-normalised).</summary>
    private static TextFeaturizingEstimator.Options Bag(TrainerSettings settings, int chars = 0, int words = 0) => new()
    {
        CharFeatureExtractor = chars > 0 ? new WordBagEstimator.Options { NgramLength = chars, UseAllLengths = true, Weighting = settings.Weighting } : null,
        WordFeatureExtractor = words > 0 ? new WordBagEstimator.Options { NgramLength = words, UseAllLengths = true, Weighting = settings.Weighting } : null,
        CaseMode = TextNormalizingEstimator.CaseMode.None,
        KeepDiacritics = true,
        KeepPunctuations = true,
        KeepNumbers = true,
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    // ---- analysis ----

    internal readonly record struct Rule(float TLow, float S, float THigh)
    {
        public bool Alarm(Row r) => (r.Gm >= TLow && r.Sp >= S) || r.Gm >= THigh;

        public override string ToString() => $"t_low {TLow:F4} s {S:F3} t_high {(THigh > 1 ? "unused" : THigh.ToString("F3"))}";
    }

    internal readonly record struct Count(int Caught, int Emergencies, int NearMiss, int NearMisses, int Other, int Others, int NonEmergency, int NonEmergencies)
    {
        public static Count Of(IReadOnlyList<Row> rows, Func<Row, bool> alarm) => new(
            rows.Count(r => r.Emergency && alarm(r)), rows.Count(r => r.Emergency),
            rows.Count(r => r.NearMiss && alarm(r)), rows.Count(r => r.NearMiss),
            rows.Count(r => !r.Emergency && !r.NearMiss && alarm(r)), rows.Count(r => !r.Emergency && !r.NearMiss),
            rows.Count(r => !r.Emergency && alarm(r)), rows.Count(r => !r.Emergency));

        public static Count operator +(Count a, Count b) => new(a.Caught + b.Caught, a.Emergencies + b.Emergencies, a.NearMiss + b.NearMiss, a.NearMisses + b.NearMisses,
            a.Other + b.Other, a.Others + b.Others, a.NonEmergency + b.NonEmergency, a.NonEmergencies + b.NonEmergencies);

        public override string ToString() =>
            $"recall {Caught}/{Emergencies} ({Caught / (double)Emergencies:P2}), near-miss alarms {NearMiss}/{NearMisses} ({NearMiss / (double)NearMisses:P1}), "
            + $"other alarms {Other}/{Others} ({Other / (double)Others:P1}) [all non-emergencies {NonEmergency}/{NonEmergencies} ({NonEmergency / (double)NonEmergencies:P1})]";
    }

    /// <summary>The highest threshold on one score that reaches the recall.</summary>
    private static float Single(IReadOnlyList<Row> rows, Func<Row, float> score, double target)
    {
        var ordered = rows.Where(r => r.Emergency).Select(score).OrderDescending().ToList();
        var needed = (int)Math.Ceiling(target * ordered.Count);
        return ordered[Math.Clamp(needed - 1, 0, ordered.Count - 1)];
    }

    private static IEnumerable<float> SGrid()
    {
        for (var i = 0; i <= 1000; i += 5)
        {
            yield return i / 1000f;
        }

        foreach (var x in new[] { 0.0005f, 0.001f, 0.002f, 0.003f, 0.996f, 0.997f, 0.998f, 0.999f, 0.9995f })
        {
            yield return x;
        }
    }

    private static IEnumerable<float> HighGrid()
    {
        yield return UnderstandingThresholds.Unused;
        for (var i = 99; i >= 5; i--)
        {
            yield return i / 100f;
        }
    }

    /// <summary>
    /// The cascade with the fewest near-miss alarms (then other alarms) that reaches the recall on <paramref name="rows"/>:
    /// over grids of s and t_high, the highest t_low that still reaches it.
    /// </summary>
    internal static (Rule Rule, Count Count) BestCascade(IReadOnlyList<Row> rows, double target)
    {
        var emergencies = rows.Where(r => r.Emergency).ToList();
        var rest = rows.Where(r => !r.Emergency).ToList();
        var needed = (int)Math.Ceiling(target * emergencies.Count);
        (Rule Rule, int Nm, int Other)? best = null;
        foreach (var th in HighGrid())
        {
            var high = emergencies.Count(r => r.Gm >= th);
            foreach (var s in SGrid())
            {
                var missing = needed - high;
                float tl;
                if (missing <= 0)
                {
                    tl = UnderstandingThresholds.Unused;
                }
                else
                {
                    var candidates = emergencies.Where(r => r.Gm < th && r.Sp >= s).Select(r => r.Gm).OrderDescending().ToList();
                    if (candidates.Count < missing)
                    {
                        continue;
                    }

                    tl = candidates[missing - 1];
                }

                var rule = new Rule(tl, s, th);
                int nm = 0, other = 0;
                foreach (var r in rest)
                {
                    if (rule.Alarm(r))
                    {
                        if (r.NearMiss)
                        {
                            nm++;
                        }
                        else
                        {
                            other++;
                        }
                    }
                }

                if (best is null || (nm, other).CompareTo((best.Value.Nm, best.Value.Other)) < 0)
                {
                    best = (rule, nm, other);
                }
            }
        }

        return (best!.Value.Rule, Count.Of(rows, best.Value.Rule.Alarm));
    }

    private static void Analyse(TextWriter o, List<Row> rows, int folds)
    {
        o.WriteLine($"{rows.Count} readings: {rows.Count(r => r.Emergency)} emergencies, {rows.Count(r => r.NearMiss)} near-misses, "
            + $"{rows.Count(r => !r.Emergency && !r.NearMiss)} other messages (neither); {rows.Count(r => !r.Emergency)} non-emergencies in all");
        var byFold = Enumerable.Range(0, folds).Select(f => rows.Where(r => r.Fold == f).ToList()).ToList();

        // The specialist's own quality on the border (ranking), for orientation.
        foreach (var (name, score) in new (string, Func<Row, float>)[] { ("gm", r => r.Gm), ("specialist", r => r.Sp), ("gm*sp", r => r.Gm * r.Sp), ("sqrt(gm*sp)", r => MathF.Sqrt(r.Gm * r.Sp)) })
        {
            foreach (var target in new[] { 0.985, 0.99 })
            {
                var t = Single(rows, score, target);
                o.WriteLine($"{name,-12} alone, pooled, recall ≥ {target:P1} at {t:F4}: {Count.Of(rows, r => score(r) >= t)}");
                for (var f = 0; f < folds; f++)
                {
                    o.WriteLine($"    fold {f} at the pooled threshold: {Count.Of(byFold[f], r => score(r) >= t)}");
                }
            }
        }

        // Where the gm alone alarms at 98.5 %: what the specialist says of the emergencies it catches and of the near-misses it alarms on.
        {
            var t = Single(rows, r => r.Gm, 0.985);
            var caught = rows.Where(r => r.Emergency && r.Gm >= t).Select(r => r.Sp).Order().ToList();
            var nmAlarms = rows.Where(r => r.NearMiss && r.Gm >= t).Select(r => r.Sp).Order().ToList();
            var nmRest = rows.Where(r => r.NearMiss && r.Gm < t).Select(r => r.Sp).Order().ToList();
            static string Q(List<float> v) => string.Join(" ", new[] { 0.01, 0.05, 0.1, 0.25, 0.5, 0.75 }.Select(q => $"p{q * 100:F0}={v[(int)(q * (v.Count - 1))]:F3}"));
            o.WriteLine($"specialist on the {caught.Count} emergencies gm catches at {t:F4}: {Q(caught)}");
            o.WriteLine($"specialist on the {nmAlarms.Count} near-misses gm alarms on:      {Q(nmAlarms)}");
            o.WriteLine($"specialist on the {nmRest.Count} near-misses gm lets pass:      {Q(nmRest)}");
            foreach (var s in new[] { 0.01f, 0.02f, 0.05f, 0.1f, 0.2f, 0.5f })
            {
                o.WriteLine($"    veto below s={s:F2}: would remove {nmAlarms.Count(x => x < s)} of the {nmAlarms.Count} near-miss alarms and {caught.Count(x => x < s)} of the {caught.Count} caught emergencies");
            }
        }

        foreach (var target in new[] { 0.985, 0.99 })
        {
            var (rule, count) = BestCascade(rows, target);
            o.WriteLine($"cascade, pooled, recall ≥ {target:P1}: {rule}: {count}");
            for (var f = 0; f < folds; f++)
            {
                o.WriteLine($"    fold {f}: {Count.Of(byFold[f], rule.Alarm)}");
            }
        }

        // Nested: thresholds chosen on the other folds' readings, applied to the held fold.
        foreach (var target in new[] { 0.985, 0.99 })
        {
            Count gmTotal = default, spTotal = default, cascadeTotal = default;
            for (var f = 0; f < folds; f++)
            {
                var choose = rows.Where(r => r.Fold != f).ToList();
                var held = byFold[f];
                var tg = Single(choose, r => r.Gm, target);
                var ts = Single(choose, r => r.Sp, target);
                var (rule, _) = BestCascade(choose, target);
                var gm = Count.Of(held, r => r.Gm >= tg);
                var sp = Count.Of(held, r => r.Sp >= ts);
                var cascade = Count.Of(held, rule.Alarm);
                gmTotal += gm;
                spTotal += sp;
                cascadeTotal += cascade;
                o.WriteLine($"nested, recall ≥ {target:P1}, held fold {f}:");
                o.WriteLine($"    gm alone at {tg:F4}: {gm}");
                o.WriteLine($"    specialist alone at {ts:F4}: {sp}");
                o.WriteLine($"    cascade {rule}: {cascade}");
            }

            o.WriteLine($"nested, recall ≥ {target:P1}, total: gm alone {gmTotal}");
            o.WriteLine($"nested, recall ≥ {target:P1}, total: specialist alone {spTotal}");
            o.WriteLine($"nested, recall ≥ {target:P1}, total: cascade {cascadeTotal}");
        }
    }
}
