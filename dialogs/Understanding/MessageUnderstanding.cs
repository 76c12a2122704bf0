namespace CitizenBot.Dialogs.Understanding;

/// <summary>What the models made of one message.</summary>
public sealed class MessageUnderstanding
{
    public static readonly MessageUnderstanding Empty = new([], [], new UnderstandingThresholds());

    private readonly IReadOnlyList<LabelScore> _safety;

    internal MessageUnderstanding(IReadOnlyList<LabelScore> routes, IReadOnlyList<LabelScore> safety, UnderstandingThresholds thresholds)
    {
        _safety = safety;
        Routes = routes;
        Thresholds = thresholds;
        Intents = [.. routes
            .GroupBy(r => RouteLabels.IntentOf(r.Label), StringComparer.Ordinal)
            .Select(g => new LabelScore(g.Key, g.Sum(r => r.Probability)))
            .OrderByDescending(s => s.Probability)];
        var none = safety.FirstOrDefault(s => s.Label == SafetyLabels.None);
        EmergencyProbability = safety.Count == 0 ? 0 : 1 - none.Probability;
        EmergencyKind = safety.FirstOrDefault(s => s.Label != SafetyLabels.None).Label;
    }

    /// <summary>The same answer judged at other thresholds (to choose them).</summary>
    internal MessageUnderstanding WithThresholds(UnderstandingThresholds thresholds) => new(Routes, _safety, thresholds);

    /// <summary>Every safety label, likeliest first (the evaluation tool keeps out-of-fold readings).</summary>
    internal IReadOnlyList<LabelScore> SafetyScores => _safety;

    /// <summary>Every route label, likeliest first.</summary>
    public IReadOnlyList<LabelScore> Routes { get; }

    /// <summary>Every intent with the summed probability of its labels, likeliest first.</summary>
    public IReadOnlyList<LabelScore> Intents { get; }

    public UnderstandingThresholds Thresholds { get; }

    public string? Intent => Intents.Count > 0 ? Intents[0].Label : null;

    public float IntentProbability => Intents.Count > 0 ? Intents[0].Probability : 0;

    /// <summary>The likeliest intent is sure enough to act on.</summary>
    public bool IsSure => IntentProbability >= Thresholds.Intent;

    /// <summary>The probability that the message describes an emergency in progress.</summary>
    public float EmergencyProbability { get; }

    /// <summary>The likeliest kind of emergency (a safety label), whatever its probability; null for an empty message.</summary>
    public string? EmergencyKind { get; }

    /// <summary>The higher of the two models' emergency probabilities: how much either model thinks this is an emergency.</summary>
    public float EmergencyReading => MathF.Max(EmergencyProbability, ProbabilityOf(Understanding.Intents.Emergency));

    /// <summary>
    /// The geometric mean of the two models' emergency probabilities: high only where both models see an emergency, so an
    /// everyday use of an emergency word that one model mistakes counts for less than in <see cref="EmergencyReading"/>.
    /// </summary>
    public float EmergencyAgreement => MathF.Sqrt(EmergencyProbability * ProbabilityOf(Understanding.Intents.Emergency));

    /// <summary>
    /// An emergency in progress: the two models together (<see cref="EmergencyAgreement"/>), or either model on its own
    /// at its threshold — the safety model, or the route model's "emergency" intent. Which of these count is chosen out of
    /// fold (recall first); a threshold above 1 leaves its vote out.
    /// </summary>
    public bool IsEmergency =>
        EmergencyAgreement >= Thresholds.EmergencyAgreement
        || EmergencyProbability >= Thresholds.Emergency
        || ProbabilityOf(Understanding.Intents.Emergency) >= Thresholds.EmergencyIntent;

    /// <summary>The details of <paramref name="intent"/> (categories, topics), likeliest first, as probabilities within the intent.</summary>
    public IReadOnlyList<LabelScore> DetailsOf(string intent)
    {
        var total = Intents.FirstOrDefault(i => i.Label == intent).Probability;
        if (total <= 0)
        {
            return [];
        }

        return [.. Routes
            .Where(r => RouteLabels.IntentOf(r.Label) == intent && RouteLabels.DetailOf(r.Label) is not null)
            .Select(r => new LabelScore(RouteLabels.DetailOf(r.Label)!, r.Probability / total))];
    }

    /// <summary>The likeliest detail of <paramref name="intent"/> when it is sure enough, else null.</summary>
    public string? SureDetailOf(string intent) =>
        DetailsOf(intent) is [var best, ..] && best.Probability >= Thresholds.Detail ? best.Label : null;

    public float ProbabilityOf(string intent) => Intents.FirstOrDefault(i => i.Label == intent).Probability;

    /// <summary>A route label's probability (<c>report:05-01</c>), or an intent's when the label is a bare intent.</summary>
    public float ProbabilityOfLabel(string label) =>
        RouteLabels.DetailOf(label) is null ? ProbabilityOf(label) : Routes.FirstOrDefault(r => r.Label == label).Probability;
}
