using Microsoft.ML;
using Microsoft.ML.Transforms.Text;

namespace CitizenBot.Dialogs.Understanding;

/// <summary>
/// Trains the two models of <see cref="MessageClassifier"/> with ML.NET: character 1–3-grams of the text plus word
/// 1–2-grams of its SmartCn words, into a linear maximum-entropy classifier (SDCA). Deterministic for a given corpus.
/// </summary>
public static class UnderstandingTrainer
{
    public const int Seed = 20261204;

    /// <summary>Trains the route model (intent, category, topic) and the safety model on <paramref name="messages"/>.</summary>
    public static TrainedModels Train(IReadOnlyList<CorpusMessage> messages, TrainerSettings? settings = null)
    {
        settings ??= TrainerSettings.Default;
        var ml = new MLContext(Seed);
        var inputs = messages.Select(m => MessageFeatures.From(m.Text)).ToList();
        var route = Fit(ml, settings, inputs.Select((input, i) => WithLabel(input, messages[i].RouteLabel, Weight(messages[i], settings))));
        var safety = Fit(ml, settings, inputs.Select((input, i) => WithLabel(input, messages[i].Safety, Weight(messages[i], settings))));
        return new TrainedModels(ml, route.Model, route.Schema, safety.Model, safety.Schema);
    }

    private static ModelInput WithLabel(ModelInput input, string label, float weight) =>
        new() { Text = input.Text, Words = input.Words, Label = label, Weight = weight };

    /// <summary>Near-misses count more: they hold the border between an emergency and its everyday words.</summary>
    private static float Weight(CorpusMessage message, TrainerSettings settings) => message.NearMiss ? settings.NearMissWeight : 1f;

    /// <summary>One model over <paramref name="rows"/>' labels (the route model, the safety model, or an experiment's own).</summary>
    internal static (ITransformer Model, DataViewSchema Schema) Fit(MLContext ml, TrainerSettings settings, IEnumerable<ModelInput> rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows.ToList());
        // Made where the chain needs it, in the same order as always: the context's random numbers are handed out in order.
        IEstimator<ITransformer> Trainer() => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
            labelColumnName: "Label", featureColumnName: "Features", exampleWeightColumnName: nameof(ModelInput.Weight), l2Regularization: settings.L2, maximumNumberOfIterations: settings.Iterations);
        if (settings.WordSkipLength > 0 && !settings.SkipGramsReplaceWords)
        {
            // A third bag: pairs of words up to WordSkipLength words apart (去年 … 着火, 怎么 … 救), beside the contiguous ones.
            var withSkipGrams = ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.Transforms.Text.FeaturizeText("CharFeatures", Bag(settings, chars: settings.CharNgrams), nameof(ModelInput.Text)))
                .Append(ml.Transforms.Text.FeaturizeText("WordFeatures", Bag(settings, words: settings.WordNgrams), nameof(ModelInput.Words)))
                .Append(ml.Transforms.Text.FeaturizeText("SkipFeatures", Bag(settings, words: 2, skip: settings.WordSkipLength, pairsOnly: true), nameof(ModelInput.Words)))
                .Append(ml.Transforms.Concatenate("Features", "CharFeatures", "WordFeatures", "SkipFeatures"))
                .Append(Trainer());
            return (withSkipGrams.Fit(data), data.Schema);
        }

        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("CharFeatures", Bag(settings, chars: settings.CharNgrams), nameof(ModelInput.Text)))
            .Append(ml.Transforms.Text.FeaturizeText("WordFeatures", Bag(settings, words: settings.WordNgrams, skip: settings.WordSkipLength), nameof(ModelInput.Words)))
            .Append(ml.Transforms.Concatenate("Features", "CharFeatures", "WordFeatures"))
            .Append(Trainer());
        return (pipeline.Fit(data), data.Schema);
    }

    /// <summary>
    /// A bag of character or word n-grams (1 to the length given, or that length only with <paramref name="pairsOnly"/>),
    /// normalised to unit length. With <paramref name="skip"/>, word n-grams may skip up to that many words in between.
    /// </summary>
    private static TextFeaturizingEstimator.Options Bag(TrainerSettings settings, int chars = 0, int words = 0, int skip = 0, bool pairsOnly = false) => new()
    {
        CharFeatureExtractor = chars > 0 ? new WordBagEstimator.Options { NgramLength = chars, UseAllLengths = true, Weighting = settings.Weighting } : null,
        WordFeatureExtractor = words > 0 ? new WordBagEstimator.Options { NgramLength = words, SkipLength = skip, UseAllLengths = !pairsOnly, Weighting = settings.Weighting } : null,
        CaseMode = TextNormalizingEstimator.CaseMode.None,
        KeepDiacritics = true,
        KeepPunctuations = true,
        KeepNumbers = true,
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };
}

/// <summary>The knobs of the training, chosen by cross-validation on the training split (the <c>tune</c> verb of the eval tool).</summary>
/// <param name="WordSkipLength">
/// Word skip-grams: pairs of words up to this many words apart. 0 (the default): none, only contiguous word n-grams.
/// </param>
/// <param name="SkipGramsReplaceWords">
/// With <paramref name="WordSkipLength"/>: the word bag itself skips (word 1–<paramref name="WordNgrams"/>-grams with up to that
/// many words between) instead of a third bag of skipping word pairs beside it.
/// </param>
public sealed record TrainerSettings(
    int CharNgrams, int WordNgrams, float L2, int Iterations, float NearMissWeight,
    NgramExtractingEstimator.WeightingCriteria Weighting = NgramExtractingEstimator.WeightingCriteria.Tf,
    int WordSkipLength = 0, bool SkipGramsReplaceWords = false)
{
    public static readonly TrainerSettings Default = new(CharNgrams: 3, WordNgrams: 2, L2: 1e-6f, Iterations: 200, NearMissWeight: 3f);
}

/// <summary>Two trained models, ready to be saved or asked.</summary>
public sealed class TrainedModels
{
    private readonly MLContext _ml;

    internal TrainedModels(MLContext ml, ITransformer route, DataViewSchema routeSchema, ITransformer safety, DataViewSchema safetySchema)
    {
        _ml = ml;
        Route = route;
        RouteSchema = routeSchema;
        Safety = safety;
        SafetySchema = safetySchema;
    }

    internal ITransformer Route { get; }

    internal DataViewSchema RouteSchema { get; }

    internal ITransformer Safety { get; }

    internal DataViewSchema SafetySchema { get; }

    /// <summary>Writes <c>route.zip</c> and <c>safety.zip</c> into <paramref name="folder"/>.</summary>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        _ml.Model.Save(Route, RouteSchema, Path.Combine(folder, MessageClassifier.RouteFile));
        _ml.Model.Save(Safety, SafetySchema, Path.Combine(folder, MessageClassifier.SafetyFile));
    }

    public MessageClassifier ToClassifier(UnderstandingThresholds thresholds) => new(_ml, Route, Safety, thresholds);
}
