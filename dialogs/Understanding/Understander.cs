using CitizenBot.Dialogs.Text;

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
    /// From this share of the likeliest kind's probability up, the safety model's second kind is named too (its numbers
    /// only). Chosen out of fold (docs/understanding.md, "The numbers a caller reads"): the caller's own numbers all named
    /// rise from 93.8 to 96.8 % of the emergencies found, for 0.1 more numbers an answer.
    /// </summary>
    private const float AlsoPossibleShare = 0.3f;

    /// <summary>The fewest characters left, once the everyday phrases are out, that a second reading is made of.</summary>
    private const int MinRereadLength = 2;

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
        if (RuleOf(opinion.EmergencyKind) is { } rule && (emergency is null || !emergency.Is(rule.Kind)))
        {
            emergency = emergency is null
                ? new Emergency([rule])
                : emergency with { Rules = [.. emergency.Rules.Append(rule).OrderBy(r => r.Kind)], ModelsOnly = false };
        }

        var intent = opinion.Intent is { } said && Intents.All.Contains(said) ? said : null;
        return understood with { Emergency = emergency, SecondIntent = intent };
    }

    public Understood Understand(string text, string matchKey)
    {
        var understood = Decide(classifier.Classify(text), matchKey);
        return understood.Emergency is { ModelsOnly: true } ? WithoutIdioms(understood, text, matchKey) : understood;
    }

    /// <summary>
    /// An alarm only the models raise on a message that holds an everyday use of an emergency word the rules know as such
    /// ("有事打我手机", read as someone being hit): the message is read again with those words taken out, and that reading
    /// stands when it raises no alarm. A danger named beside them ("打我电话，着火了") still alarms on the second reading.
    /// </summary>
    private Understood WithoutIdioms(Understood understood, string text, string matchKey)
    {
        var plain = rules.IdiomsIn(matchKey).Aggregate(text, (t, idiom) => t.Replace(idiom, "，", StringComparison.Ordinal));
        if (string.Equals(plain, text, StringComparison.Ordinal))
        {
            return understood;
        }

        // Nothing but the everyday phrase ("打了120了"): what is left ("了") is no message to read, and no alarm either.
        if (ChineseText.ToMatchKey(plain).Length < MinRereadLength)
        {
            return Understood.Nothing;
        }

        var reread = Decide(classifier.Classify(plain), matchKey);
        return reread.Emergency is null ? reread : understood;
    }

    /// <summary>The emergency the models' reading and the rules make of a message (<paramref name="matchKey"/> is its match key).</summary>
    internal Understood Decide(MessageUnderstanding model, string matchKey)
    {
        // Below the reading at which a rule's phrase is taken as said in passing, only the kinds never overruled count
        // (self-harm: the models miss many ways of saying it, "不如死了算了").
        var matched = rules.DetectCertain(matchKey, overruled: model.EmergencyReading < model.Thresholds.RulesOverruled)?.Rules ?? [];
        var byRules = matched.Count > 0;
        if (model.IsEmergency && RuleOf(model.EmergencyKind) is { } rule && matched.All(r => r.Kind != rule.Kind))
        {
            // Answer order is the rules file's order, whoever found the kind.
            matched = [.. matched.Append(rule).OrderBy(r => r.Kind)];
        }

        return new Understood(
            model,
            matched.Count == 0 ? null : new Emergency(matched, model.IsEmergency ? AlsoPossible(model, matched) : null, ModelsOnly: !byRules, rules.CasualtyIn(matchKey)));
    }

    /// <summary>
    /// The safety model's second kind when it is nearly as likely as its first (<see cref="AlsoPossibleShare"/>) and
    /// not answered already; its numbers are named after the others.
    /// </summary>
    private EmergencyRule? AlsoPossible(MessageUnderstanding model, IReadOnlyList<EmergencyRule> answered)
    {
        var kinds = model.SafetyScores.Where(s => s.Label != SafetyLabels.None).Take(2).ToList();
        return kinds.Count == 2 && kinds[1].Probability >= kinds[0].Probability * AlsoPossibleShare
            && RuleOf(kinds[1].Label) is { } rule && answered.All(r => r.Kind != rule.Kind)
            ? rule
            : null;
    }

    /// <summary>The rule (numbers, advice, report category) of a safety label's kind; null for "none" or an unknown label.</summary>
    private EmergencyRule? RuleOf(string? label) =>
        KindOf(label) is { } kind ? rules.Rules.FirstOrDefault(r => r.Kind == kind) : null;

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
