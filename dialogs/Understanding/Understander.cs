
namespace CitizenBot.Dialogs.Understanding;

/// <summary>
/// The one place a message is understood: the trained models, and the emergency rules beside them. An emergency is
/// the model's OR the rules' (recall first): the rules hold only what must always fire, the model the rest. Only when
/// both models are all but certain that nothing is happening (<see cref="UnderstandingThresholds.RulesOverruled"/>) is
/// a rule's phrase taken as said in passing.
/// </summary>
internal sealed class Understander(MessageClassifier classifier, EmergencyDetector rules, ISecondOpinion secondOpinion)
{
    /// <summary>From this share of an emergency threshold up (a single model's or the two models' joint reading), the message counts as unsure for safety and the second judge is asked.</summary>
    private const float UnsureEmergencyShare = 0.3f;

    /// <summary>
    /// Asks the second judge (when one is configured) about a message the models were unsure of: an intent below the
    /// sure threshold, or an emergency probability near its threshold. Its emergency is added, never taken away; its
    /// intent is kept beside the model's for Main to act on. Any failure leaves the understanding as it was.
    /// </summary>
    public async Task<Understood> ConsultAsync(Understood understood, string text, CancellationToken cancellationToken)
    {
        var model = understood.Model;
        var unsureSafety = understood.Emergency is null
            && (model.EmergencyProbability >= model.Thresholds.Emergency * UnsureEmergencyShare
                || model.EmergencyAgreement >= model.Thresholds.EmergencyAgreement * UnsureEmergencyShare);
        if (!secondOpinion.IsAvailable || model.Intent is null || (model.IsSure && !unsureSafety))
        {
            return understood;
        }

        var opinion = await secondOpinion.AskAsync(text, Intents.All, SafetyLabels.Kinds, cancellationToken).ConfigureAwait(false);
        if (opinion is null)
        {
            return understood;
        }

        var emergency = understood.Emergency;
        if (KindOf(opinion.EmergencyKind) is { } kind && rules.Rules.FirstOrDefault(r => r.Kind == kind) is { } rule
            && (emergency is null || !emergency.Is(kind)))
        {
            emergency = new Emergency([.. (emergency?.Rules ?? []).Append(rule).OrderBy(r => r.Kind)]);
        }

        var intent = opinion.Intent is { } said && Intents.All.Contains(said) ? said : null;
        return understood with { Emergency = emergency, SecondIntent = intent };
    }

    public Understood Understand(string text, string matchKey)
    {
        var model = classifier.Classify(text);
        var matched = model.EmergencyReading < model.Thresholds.RulesOverruled ? [] : rules.DetectCertain(matchKey)?.Rules ?? [];
        if (model.IsEmergency && KindOf(model.EmergencyKind) is { } kind && matched.All(r => r.Kind != kind)
            && rules.Rules.FirstOrDefault(r => r.Kind == kind) is { } rule)
        {
            // Answer order is the rules file's order, whoever found the kind.
            matched = [.. matched.Append(rule).OrderBy(r => r.Kind)];
        }

        return new Understood(model, matched.Count == 0 ? null : new Emergency(matched));
    }

    /// <summary>A safety label ("gas_leak") as its kind, or null for "none" or a label this build does not know.</summary>
    internal static EmergencyKind? KindOf(string? label) =>
        label is null || label == SafetyLabels.None
            ? null
            : Enum.TryParse<EmergencyKind>(label.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var kind) ? kind : null;
}

/// <summary>One message as understood: what the models said, and the emergency it describes, if any.</summary>
/// <param name="SecondIntent">The second judge's intent for a message the model was unsure of; null when not asked.</param>
internal sealed record Understood(MessageUnderstanding Model, Emergency? Emergency, string? SecondIntent = null)
{
    public static readonly Understood Nothing = new(MessageUnderstanding.Empty, null);
}
