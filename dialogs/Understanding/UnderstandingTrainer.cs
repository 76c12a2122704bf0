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

    private static (ITransformer Model, DataViewSchema Schema) Fit(MLContext ml, TrainerSettings settings, IEnumerable<ModelInput> rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows.ToList());
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("CharFeatures", Bag(settings, chars: settings.CharNgrams), nameof(ModelInput.Text)))
            .Append(ml.Transforms.Text.FeaturizeText("WordFeatures", Bag(settings, words: settings.WordNgrams), nameof(ModelInput.Words)))
            .Append(ml.Transforms.Concatenate("Features", "CharFeatures", "WordFeatures"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
                labelColumnName: "Label", featureColumnName: "Features", exampleWeightColumnName: nameof(ModelInput.Weight), l2Regularization: settings.L2, maximumNumberOfIterations: settings.Iterations));
        return (pipeline.Fit(data), data.Schema);
    }

    /// <summary>A bag of character or word n-grams (1 to the length given), normalised to unit length.</summary>
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
}

/// <summary>The knobs of the training, chosen by cross-validation on the training split (the <c>tune</c> verb of the eval tool).</summary>
public sealed record TrainerSettings(
    int CharNgrams, int WordNgrams, float L2, int Iterations, float NearMissWeight,
    NgramExtractingEstimator.WeightingCriteria Weighting = NgramExtractingEstimator.WeightingCriteria.Tf)
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
