using System.Collections.Concurrent;
using BitFaster.Caching.Lru;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CitizenBot.Dialogs.Understanding;

/// <summary>
/// Asks the two trained models about one message: the route model (intent, report category, legal topic) and the safety
/// model (an emergency in progress, and its kind). Thread-safe; each call costs well under a millisecond.
/// Short messages are answered from a bounded cache: most turns are a button or a short reply (事件上报, 跳过, 是) that
/// every citizen sends in the same words, and the models give the same answer for the same text every time.
/// </summary>
public sealed class MessageClassifier
{
    internal const string RouteFile = "route.zip";
    internal const string SafetyFile = "safety.zip";

    /// <summary>Longer messages (a description, an address, a legal question) are rarely sent twice: not kept.</summary>
    internal const int MaxCachedChars = 16;

    /// <summary>Distinct short messages kept: every button and menu label with room for the common short replies.</summary>
    internal const int CachedMessages = 4096;

    private readonly Engines _route;
    private readonly Engines _safety;
    private readonly FastConcurrentLru<string, MessageUnderstanding> _recent = new(CachedMessages);

    internal MessageClassifier(MLContext ml, ITransformer route, ITransformer safety, UnderstandingThresholds thresholds)
    {
        _route = new Engines(ml, route);
        _safety = new Engines(ml, safety);
        Thresholds = thresholds;
    }

    public UnderstandingThresholds Thresholds { get; }

    /// <summary>The labels the route model knows, in its order.</summary>
    public IReadOnlyList<string> RouteLabelNames => _route.Labels;

    /// <summary>Loads the models saved by <see cref="TrainedModels.Save"/> from two streams.</summary>
    public static MessageClassifier Load(Stream route, Stream safety, UnderstandingThresholds thresholds)
    {
        var ml = new MLContext(UnderstandingTrainer.Seed);
        return new MessageClassifier(ml, ml.Model.Load(route, out _), ml.Model.Load(safety, out _), thresholds);
    }

    public MessageUnderstanding Classify(string? text)
    {
        if (text is not { Length: > 0 and <= MaxCachedChars })
        {
            return Predict(text);
        }

        if (!_recent.TryGet(text, out var understood))
        {
            understood = Predict(text);
            _recent.AddOrUpdate(text, understood);
        }

        return understood;
    }

    /// <summary>What the models say, without the cache (for measuring them).</summary>
    internal MessageUnderstanding Predict(string? text)
    {
        var input = MessageFeatures.From(text);
        return input.Text.Length == 0
            ? MessageUnderstanding.Empty
            : new MessageUnderstanding(_route.Predict(input), _safety.Predict(input), Thresholds);
    }

    /// <summary>PredictionEngine is not thread-safe: one per concurrent caller, kept for the next.</summary>
    internal sealed class Engines
    {
        private readonly MLContext _ml;
        private readonly ITransformer _model;
        private readonly ConcurrentBag<PredictionEngine<ModelInput, ModelOutput>> _idle = [];

        public Engines(MLContext ml, ITransformer model)
        {
            _ml = ml;
            _model = model;
            var engine = Create();
            VBuffer<ReadOnlyMemory<char>> names = default;
            engine.OutputSchema["Score"].GetSlotNames(ref names);
            Labels = [.. names.DenseValues().Select(n => n.ToString())];
            _idle.Add(engine);
        }

        public IReadOnlyList<string> Labels { get; }

        public IReadOnlyList<LabelScore> Predict(ModelInput input)
        {
            if (!_idle.TryTake(out var engine))
            {
                engine = Create();
            }

            try
            {
                var scores = engine.Predict(input).Score;
                var ranked = new LabelScore[scores.Length];
                for (var i = 0; i < scores.Length; i++)
                {
                    ranked[i] = new LabelScore(Labels[i], scores[i]);
                }

                Array.Sort(ranked, static (a, b) => b.Probability.CompareTo(a.Probability));
                return ranked;
            }
            finally
            {
                _idle.Add(engine);
            }
        }

        private PredictionEngine<ModelInput, ModelOutput> Create() =>
            _ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(_model);
    }
}

/// <summary>A label and the model's probability for it.</summary>
public readonly record struct LabelScore(string Label, float Probability);

/// <summary>
/// How sure is sure. <see cref="Intent"/>: act on the likeliest intent at or above it, else ask with the likeliest
/// choices. <see cref="Emergency"/>: the safety model calls an emergency when the probability of "none" falls below
/// one minus it. Chosen by cross-validation on the training split and stored beside the model.
/// </summary>
public sealed record UnderstandingThresholds
{
    /// <summary>A threshold no probability reaches: the vote it belongs to is left out.</summary>
    public const float Unused = 1.01f;

    public float Intent { get; init; } = 0.55f;

    public float Detail { get; init; } = 0.45f;

    public float Emergency { get; init; } = 0.5f;

    /// <summary>The route model's probability of the "emergency" intent at which it calls an emergency too.</summary>
    public float EmergencyIntent { get; init; } = 0.5f;

    /// <summary>
    /// The two models' joint reading (<see cref="MessageUnderstanding.EmergencyAgreement"/>) at which they call an
    /// emergency together. Above 1 (the default, <see cref="Unused"/>): not used.
    /// </summary>
    public float EmergencyAgreement { get; init; } = Unused;

    /// <summary>Below this, a different intent at a prompt is not taken for a change of subject.</summary>
    public float Interruption { get; init; } = 0.7f;

    /// <summary>
    /// Below this emergency reading of both models (<see cref="MessageUnderstanding.EmergencyReading"/>), a rule's phrase
    /// is taken as said in passing (a dream, a joke, last year's fire, how to help someone drowning) and not answered as
    /// an emergency. 0: the rules always count. Chosen out of fold so that no emergency the rules found is lost, and kept
    /// small: the rules still count whenever the models have the least doubt.
    /// </summary>
    public float RulesOverruled { get; init; }
}
