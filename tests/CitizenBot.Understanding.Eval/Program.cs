using System.Diagnostics;
using System.Globalization;
using CitizenBot.Dialogs.Understanding;
using CitizenBot.Understanding.Eval;
using Microsoft.ML.Transforms.Text;

// Usage (from the repository root):
//   dotnet run --project tests/CitizenBot.Understanding.Eval -- train      retrains the models from the corpus and writes them
//                                                                  (--folds N: choose the thresholds on N of the 5 folds, default all)
//   dotnet run --project tests/CitizenBot.Understanding.Eval -- eval       measures the shipped models (test split, 5-fold CV, time)
//   dotnet run --project tests/CitizenBot.Understanding.Eval -- probe "路灯坏了" "…"   what the shipped models make of messages
//   dotnet run --project tests/CitizenBot.Understanding.Eval -- holdout    measures the shipped models on every message of the
//                                                                  holdout sets (tests/CitizenBot.Understanding.Eval/holdout/*.jsonl),
//                                                                  written apart from the corpus and never trained on (--errors lists the misses)
//   dotnet run --project tests/CitizenBot.Understanding.Eval -- tune       compares training settings on one fold of the training split
//                                                                  (--errors: lists that fold's errors, to clean labels;
//                                                                  --skip N [--skip-mode add|replace]: one setting, word skip-grams
//                                                                  up to N words apart, 0 for the defaults, its fold-0 readings kept)
//   dotnet run --project tests/CitizenBot.Understanding.Eval -- curve      emergency recall / alarms and intent coverage against the
//                                                                  thresholds, out of fold (--folds N; --write puts the chosen ones in model.json),
//                                                                  and the geometric mean OR a sure single model beside it (measured, not used)
//   dotnet run -c Release -p:WithCnn=true --project tests/CitizenBot.Understanding.Eval -- cnn [--labels route] [--epochs N] [--seeds N] [--final-lr S] [--folds N] [--folds-only]
//                                                                  a character CNN (TorchSharp, this tool only) trained on the
//                                                                  training split beside the shipped models: near-miss alarms at
//                                                                  fixed recall on the test split and the holdout, and at thresholds
//                                                                  chosen on N of 5 folds (default 3; the linear readings from `curve`)
//                                                                  On Debian 12 libtorch needs libtorch-on-debian12.sh (beside this file) first.
//   … -- specialist [--passes N] [--l2 X] [--nm-weight W] [--maxent]   experiment: an emergency-vs-near-miss model as a veto on
//                                                                  the geometric mean, out of fold on 3 folds (Specialist.cs; not shipped)
//   … -- kinds [--folds N]                                         experiment: one emergency threshold per kind or message length,
//                                                                  out of fold and nested (KindThresholds.cs; not shipped)
// curve and train take --skip N [--skip-mode add|replace] too (the models trained with word skip-grams).
// Options: --corpus DIR (default dialogs/Understanding/corpus), --model DIR (default dialogs/Understanding/model),
//          --no-cv (eval without cross-validation), --errors (eval lists every test message it got wrong).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var verb = args.FirstOrDefault();
var root = RepoPaths.Root();
var modelDir = Option("--model") ?? Path.Combine(root, "dialogs", "Understanding", "model");
if (verb == "probe")
{
    // What the shipped models make of the messages given: the likeliest labels and the emergency reading.
    var probe = new Judge(ModelCard.LoadClassifier(modelDir));
    foreach (var text in args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)))
    {
        var understood = probe.Understand(text);
        var m = understood.Model;
        Console.WriteLine($"{text}\n  intent {m.Intent} {m.IntentProbability:F2}{(m.IsSure ? " sure" : string.Empty)}; "
            + string.Join(", ", m.Routes.Take(4).Select(r => $"{r.Label} {r.Probability:F2}"))
            + $"\n  emergency {m.EmergencyProbability:F2} ({m.EmergencyKind}) → {(understood.Emergency is { } e ? string.Join(',', e.Kinds) : "none")}");
    }

    return 0;
}

if (verb == "holdout")
{
    // Messages written apart from the corpus, by writers who never read it: how the models do on words nobody trained them for.
    var folder = Option("--sets") ?? Path.Combine(root, "tests", "CitizenBot.Understanding.Eval", "holdout");
    var sets = UnderstandingCorpus.FilesIn(folder);
    var messages = UnderstandingCorpus.Load(sets);
    var shipped = new Judge(ModelCard.LoadClassifier(modelDir));
    Console.WriteLine($"Holdout {folder}: {messages.Count} messages in {sets.Count} files.");
    var scored = Scorer.Score(messages, shipped);
    scored.Print(Console.Out, details: true);
    scored.PrintByFile(Console.Out, FileOfEach(sets));
    if (args.Contains("--errors"))
    {
        scored.PrintErrors(Console.Out);
    }

    return 0;
}

if (verb is not ("train" or "eval" or "tune" or "curve" or "cnn" or "specialist" or "kinds" or "categories"))
{
    Console.Error.WriteLine("Usage: CitizenBot.Understanding.Eval train|eval|holdout|probe|tune|curve|cnn|specialist|kinds|categories [--corpus DIR] [--model DIR] [--no-cv] [--errors]");
    return 2;
}

var corpusDir = Option("--corpus") ?? Path.Combine(root, "dialogs", "Understanding", "corpus");
var files = UnderstandingCorpus.FilesIn(corpusDir);
var corpus = UnderstandingCorpus.Load(files);
var train = corpus.Where(m => !m.IsTest).ToList();
var test = corpus.Where(m => m.IsTest).ToList();
Console.WriteLine($"Corpus {corpusDir}: {corpus.Count} messages in {files.Count} files; training split {train.Count}, test split {test.Count}.");

if (verb == "specialist")
{
    // Experiment: a binary emergency-vs-near-miss model as a veto on the geometric mean, out of fold (see Specialist.cs).
    // --passes N (default 60), --l2 X (default the trainer's 1e-6), --nm-weight W (default 1), --folds N (default 3),
    // --maxent (a 2-class SdcaMaximumEntropy instead of SdcaLogisticRegression).
    var options = new SpecialistExperiment.Options(
        int.TryParse(Option("--passes"), CultureInfo.InvariantCulture, out var sp) ? sp : 60,
        float.TryParse(Option("--l2"), CultureInfo.InvariantCulture, out var l2) ? l2 : TrainerSettings.Default.L2,
        float.TryParse(Option("--nm-weight"), CultureInfo.InvariantCulture, out var nw) ? nw : 1f,
        int.TryParse(Option("--folds"), CultureInfo.InvariantCulture, out var sf) ? sf : 3,
        Option("--readings") ?? Path.Combine(root, "artifacts", "understanding-readings"),
        Path.Combine(root, "artifacts", "specialist-readings"),
        args.Contains("--maxent"));
    var clock = Stopwatch.StartNew();
    SpecialistExperiment.Run(Console.Out, train, UnderstandingCorpus.Hash(files), options);
    Console.WriteLine($"done in {clock.Elapsed.TotalSeconds:F0} s ({options})");
    return 0;
}

if (verb == "categories")
{
    // Experiment: a category model trained on the reports alone, joined with the route model's categories, out of fold
    // (see CategorySpecialist.cs). --passes N (default the trainer's), --folds N (default 3).
    var passes = int.TryParse(Option("--passes"), CultureInfo.InvariantCulture, out var cp) ? cp : TrainerSettings.Default.Iterations;
    var categoryFolds = int.TryParse(Option("--folds"), CultureInfo.InvariantCulture, out var cfo) ? cfo : 3;
    var clock = Stopwatch.StartNew();
    CategorySpecialistExperiment.Run(Console.Out, train, UnderstandingCorpus.Hash(files), categoryFolds, passes,
        Option("--readings") ?? Path.Combine(root, "artifacts", "understanding-readings"));
    Console.WriteLine($"done in {clock.Elapsed.TotalSeconds:F0} s");
    return 0;
}

#if WITH_CNN
if (verb == "cnn")
{
    var cnnFolds = int.TryParse(Option("--folds"), CultureInfo.InvariantCulture, out var cf) ? cf : 3;
    var route = Option("--labels") == "route";
    var settings = new CnnSettings();
    if (int.TryParse(Option("--epochs"), CultureInfo.InvariantCulture, out var epochs))
    {
        settings = settings with { Epochs = epochs };
    }

    if (int.TryParse(Option("--seeds"), CultureInfo.InvariantCulture, out var seeds))
    {
        settings = settings with { Seeds = seeds };
    }

    if (double.TryParse(Option("--final-lr"), CultureInfo.InvariantCulture, out var finalLr))
    {
        settings = settings with { FinalLearningRateShare = finalLr };
    }

    var holdout = UnderstandingCorpus.Load(UnderstandingCorpus.FilesIn(Path.Combine(root, "tests", "CitizenBot.Understanding.Eval", "holdout")));
    var linearCache = Cache();
    var linear = Enumerable.Range(0, cnnFolds).All(linearCache.Has) ? ThresholdSearch.OutOfFold(train, cnnFolds, linearCache) : null;
    var cnnReadings = new CnnReadings(Path.Combine(root, "artifacts", "cnn-readings"), UnderstandingCorpus.Hash(files), route ? "route" : "safety", settings);
    new CnnExperiment(train, test, holdout, ModelCard.LoadClassifier(modelDir), cnnReadings, settings, Console.Out)
    {
        Route = route,
        Folds = cnnFolds,
        LinearOutOfFold = linear,
        FoldsOnly = args.Contains("--folds-only"),
    }.Run();
    return 0;
}
#else
if (verb == "cnn")
{
    Console.Error.WriteLine("The cnn verb needs TorchSharp: build with -p:WithCnn=true (see the comment at the top of this file).");
    return 2;
}
#endif

if (verb == "curve")
{
    // Emergency recall and near-miss alarms against the thresholds, out of fold on the training split (--folds N, default 1).
    var folds = int.TryParse(Option("--folds"), CultureInfo.InvariantCulture, out var n) ? n : 1;
    var outOfFold = ThresholdSearch.OutOfFold(train, folds, Cache(Settings()), Settings());
    ThresholdSearch.PrintCurve(Console.Out, outOfFold);
    ThresholdSearch.PrintJoins(Console.Out, outOfFold);
    ThresholdSearch.PrintCombined(Console.Out, outOfFold);
    ThresholdSearch.PrintWithRules(Console.Out, outOfFold, ThresholdSearch.Choose(outOfFold).RulesOverruled);
    if (args.Contains("--write"))
    {
        // The models stay as trained; only the thresholds beside them change.
        ModelCard card;
        using (var stream = File.OpenRead(Path.Combine(modelDir, ModelCard.FileName)))
        {
            card = ModelCard.Read(stream);
        }

        ModelCard.Write(modelDir, card with { Thresholds = ThresholdSearch.Choose(outOfFold) });
        Console.WriteLine($"Wrote the thresholds into {Path.Combine(modelDir, ModelCard.FileName)}.");
    }

    return 0;
}

if (verb == "kinds")
{
    // Experiment: one emergency threshold per kind, per message length or per both, out of fold and nested (KindThresholds.cs).
    var folds = int.TryParse(Option("--folds"), CultureInfo.InvariantCulture, out var n) ? n : 3;
    var outOfFold = ThresholdSearch.OutOfFold(train, folds, Cache());
    KindThresholdsExperiment.Run(Console.Out, outOfFold, [.. CrossValidation.Folds(train, 5).Take(folds).Select(f => f.Test.Count)]);
    return 0;
}

if (verb == "tune" && Option("--skip") is not null)
{
    // One setting (the defaults with the word skip-grams of --skip N, --skip-mode add|replace) on fold 0 of the training
    // split: its readings kept like curve's, the training time, the models' sizes and time per message when trained.
    var settings = Settings();
    var fold = CrossValidation.Folds(train, 5).First();
    var cache = Cache(settings);
    Console.WriteLine($"### {settings}, fold 0 ({fold.Train.Count} messages trained on, {fold.Test.Count} read)");
    var readings = cache.Read(0, fold.Test);
    if (readings is null)
    {
        var clock = Stopwatch.StartNew();
        var trained = UnderstandingTrainer.Train(fold.Train, settings);
        Console.WriteLine($"trained in {clock.Elapsed.TotalSeconds:F0} s");
        var saved = Path.ChangeExtension(cache.PathOf(0), null) + "-models";
        trained.Save(saved);
        Console.WriteLine("model files: " + string.Join(", ", Directory.GetFiles(saved).Order(StringComparer.Ordinal).Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length / 1e6:F1} MB")));
        var plain = trained.ToClassifier(new UnderstandingThresholds());
        readings = fold.Test.Select(m => (m, plain.Classify(m.Text))).ToList();
        cache.Write(0, readings);
        Timing.Print(Console.Out, fold.Test.Select(m => m.Text).ToList(), new Judge(plain));
    }
    else
    {
        Console.WriteLine($"readings read from {cache.PathOf(0)}");
    }

    FoldReport.Print(Console.Out, readings);
    ThresholdSearch.PrintJoins(Console.Out, readings);
    return 0;
}

if (verb == "tune")
{
    // Compares training settings on one cross-validation fold of the training split (the test split is never used).
    var fold = CrossValidation.Folds(train, 5).First();
    if (args.Contains("--errors"))
    {
        // The errors of one fold of the training split: what to look at when cleaning labels (never the test split).
        var model = UnderstandingTrainer.Train(fold.Train).ToClassifier(new UnderstandingThresholds());
        Scorer.Score(fold.Test, new Judge(model)).PrintErrors(Console.Out);
        return 0;
    }

    foreach (var settings in new[]
             {
                 TrainerSettings.Default,
                 TrainerSettings.Default with { L2 = 1e-5f },
                 TrainerSettings.Default with { L2 = 1e-4f },
                 TrainerSettings.Default with { Iterations = 200 },
                 TrainerSettings.Default with { NearMissWeight = 6f },
             })
    {
        // Each setting with the thresholds the same rule would choose for it on this fold, so that the settings are
        // compared where they would be used: near-miss alarms at the target emergency recall.
        var clock = Stopwatch.StartNew();
        var trained = UnderstandingTrainer.Train(fold.Train, settings);
        var plain = trained.ToClassifier(new UnderstandingThresholds());
        var readings = fold.Test.Select(m => (m, plain.Classify(m.Text))).ToList();
        var thresholds = ThresholdSearch.Choose(readings);
        var model = trained.ToClassifier(thresholds);
        Console.WriteLine($"### {settings} ({clock.Elapsed.TotalSeconds:F0} s), thresholds {thresholds}");
        Scorer.Score(fold.Test, new Judge(model)).Print(Console.Out, details: false);
        ThresholdSearch.PrintJoins(Console.Out, readings);
    }

    return 0;
}

if (verb == "train")
{
    var clock = Stopwatch.StartNew();
    // --folds N: how many of the 5 cross-validation folds give the out-of-fold readings the thresholds are chosen on.
    var thresholdFolds = int.TryParse(Option("--folds"), CultureInfo.InvariantCulture, out var f) ? f : 5;
    var outOfFold = ThresholdSearch.OutOfFold(train, thresholdFolds, Cache(Settings()), Settings());
    var thresholds = ThresholdSearch.Choose(outOfFold);
    ThresholdSearch.PrintJoins(Console.Out, outOfFold);
    Console.WriteLine($"Thresholds from {thresholdFolds} of 5 cross-validation folds of the training split: {thresholds}");
    var modelClock = Stopwatch.StartNew();
    var models = UnderstandingTrainer.Train(train, Settings());
    Console.WriteLine($"The models trained on the whole training split in {modelClock.Elapsed.TotalSeconds:F0} s ({Settings()}).");
    models.Save(modelDir);
    ModelCard.Write(modelDir, new ModelCard(UnderstandingCorpus.Hash(files), train.Count, thresholds));
    Console.WriteLine($"Trained on {train.Count} messages in {clock.Elapsed.TotalSeconds:F1} s; wrote {modelDir}.");
    return 0;
}

var loadClock = Stopwatch.StartNew();
var classifier = ModelCard.LoadClassifier(modelDir);
loadClock.Stop();
var judge = new Judge(classifier);
Console.WriteLine($"Model loaded in {loadClock.Elapsed.TotalMilliseconds:F0} ms.");
Console.WriteLine();
Console.WriteLine("## Test split (never seen by training)");
var report = Scorer.Score(test, judge);
report.Print(Console.Out, details: true);
report.PrintByFile(Console.Out, FileOfEach(files).Where((_, i) => corpus[i].IsTest).ToList());
if (args.Contains("--errors"))
{
    report.PrintErrors(Console.Out);
}

if (!args.Contains("--no-cv"))
{
    Console.WriteLine();
    Console.WriteLine("## 5-fold cross-validation on the training split");
    var folds = CrossValidation.Folds(train, 5)
        .Select(fold =>
        {
            var thresholds = classifier.Thresholds;
            var model = UnderstandingTrainer.Train(fold.Train).ToClassifier(thresholds);
            return Scorer.Score(fold.Test, new Judge(model));
        })
        .ToList();
    ScoreReport.Merge(folds).Print(Console.Out, details: false);
}

Console.WriteLine();
Console.WriteLine("## Time per message (the route and safety models and the rules, warm)");
Timing.Print(Console.Out, test.Select(m => m.Text).ToList(), judge);
return 0;

// Out-of-fold readings kept between runs (artifacts/, not committed): a fold is trained again only when the corpus or the training settings changed.
ReadingsCache Cache(TrainerSettings? settings = null) =>
    new(Option("--readings") ?? Path.Combine(root, "artifacts", "understanding-readings"), UnderstandingCorpus.Hash(files), settings);

// The trainer's defaults, with word skip-grams when asked: --skip N (pairs of words up to N words apart),
// --skip-mode add (a third bag beside the word 1–2-grams, the default) or replace (the word bag itself skips).
// --passes N: SDCA's passes instead of the default's 200 (to compare settings quickly, the same for every arm).
// --weighting tf|idf|tfidf: how the n-gram bags count (the default tf).
TrainerSettings Settings()
{
    var settings = int.TryParse(Option("--skip"), CultureInfo.InvariantCulture, out var skip) && skip > 0
        ? TrainerSettings.Default with { WordSkipLength = skip, SkipGramsReplaceWords = Option("--skip-mode") == "replace" }
        : TrainerSettings.Default;
    if (Enum.TryParse<NgramExtractingEstimator.WeightingCriteria>(Option("--weighting"), ignoreCase: true, out var weighting))
    {
        settings = settings with { Weighting = weighting };
    }

    return int.TryParse(Option("--passes"), CultureInfo.InvariantCulture, out var passes) ? settings with { Iterations = passes } : settings;
}

// The file of each message, in the order UnderstandingCorpus.Load reads them.
static List<string> FileOfEach(IEnumerable<string> files) =>
    [.. files.SelectMany(f => Enumerable.Repeat(Path.GetFileName(f), UnderstandingCorpus.Load([f]).Count))];

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
