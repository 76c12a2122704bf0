using CitizenBot.Dialogs.Understanding;

namespace CitizenBot.Dialogs.Tests.Understanding;

/// <summary>
/// The numbers an emergency answer names: its kinds' numbers in answer order, then those of a kind the safety model found
/// nearly as likely, so that a half-mistaken kind still names the caller's number.
/// </summary>
public sealed class EmergencyNumbersTests
{
    private static readonly Understander Understander = new(EmbeddedModels.Classifier, new EmergencyDetector(), new NoSecondOpinion());

    [Fact]
    public void Decide_SecondKindNearlyAsLikely_ItsNumbersNamedAfterTheFirstKindsWithoutItsAdvice()
    {
        var understood = Understander.Decide(Reading(("drowning", 0.5f), ("disaster", 0.4f)), "水里有人在扑腾");

        Assert.Equal([EmergencyKind.Drowning], understood.Emergency!.Kinds);
        Assert.Equal(["110", "120", "119"], understood.Emergency.Numbers);
    }

    [Fact]
    public void Decide_SecondKindFarLessLikely_OnlyTheFirstKindsNumbers()
    {
        var understood = Understander.Decide(Reading(("drowning", 0.85f), ("disaster", 0.05f)), "水里有人在扑腾");

        Assert.Equal(["110", "120"], understood.Emergency!.Numbers);
    }

    [Fact]
    public void Decide_SecondKindsNumbersAlreadyNamed_NoNumberTwice()
    {
        var understood = Understander.Decide(Reading(("fire", 0.5f), ("gas_leak", 0.45f)), "楼下冒黑烟");

        Assert.Equal(["119"], understood.Emergency!.Numbers);
    }

    [Fact]
    public void Decide_ModelsCalm_NoEmergencyWhateverTheKindsShare()
    {
        var understood = Understander.Decide(Reading(("drowning", 0.01f), ("disaster", 0.01f)), "今天天气不错");

        Assert.Null(understood.Emergency);
    }

    /// <summary>The route model says "emergency" with the safety model's total; the safety model gives these kinds.</summary>
    private static MessageUnderstanding Reading(params (string Kind, float Probability)[] kinds)
    {
        var total = kinds.Sum(k => k.Probability);
        return new MessageUnderstanding(
            [new LabelScore(Intents.Emergency, total), new LabelScore(Intents.OutOfScope, 1 - total)],
            [.. kinds.Select(k => new LabelScore(k.Kind, k.Probability)), new LabelScore(SafetyLabels.None, 1 - total)],
            new UnderstandingThresholds { EmergencyAgreement = 0.09f });
    }
}
