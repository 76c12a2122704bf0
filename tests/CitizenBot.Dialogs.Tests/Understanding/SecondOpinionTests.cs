using CitizenBot.Dialogs.Understanding;

namespace CitizenBot.Dialogs.Tests.Understanding;

/// <summary>The second judge (the optional LLM): asked only when the models are unsure; it may add an emergency, never remove one.</summary>
public sealed class SecondOpinionTests
{
    private static readonly UnderstandingThresholds Thresholds = new() { Intent = 0.6f, Emergency = 0.5f, EmergencyIntent = 0.5f };

    [Fact]
    public async Task Consult_SafetyModelUnsureAndJudgeSaysFire_FireAdded()
    {
        var judge = new FakeJudge(new SecondOpinion(Intents.Report, "fire"));
        var understood = Understood(intent: 0.9f, emergency: 0.3f);

        var consulted = await Understander(judge).ConsultAsync(understood, "电表箱冒火花 一股焦糊味", CancellationToken.None);

        Assert.True(consulted.Emergency?.Is(EmergencyKind.Fire));
        Assert.Equal(1, judge.Asked);
    }

    [Fact]
    public async Task Consult_JudgeSeesNoEmergency_TheRulesEmergencyStays()
    {
        var judge = new FakeJudge(new SecondOpinion(Intents.SmallTalk, EmergencyKind: null));
        var rules = new EmergencyDetector();
        var understood = Understood(intent: 0.3f, emergency: 0.4f) with { Emergency = rules.DetectCertain("有人落水了") };

        var consulted = await Understander(judge).ConsultAsync(understood, "有人落水了", CancellationToken.None);

        Assert.True(consulted.Emergency?.Is(EmergencyKind.Drowning));
    }

    [Fact]
    public async Task Consult_IntentUnsure_JudgesIntentKeptBesideTheModels()
    {
        var judge = new FakeJudge(new SecondOpinion(Intents.Report, EmergencyKind: null));

        var consulted = await Understander(judge).ConsultAsync(Understood(intent: 0.45f, emergency: 0.01f), "那这个怎么算", CancellationToken.None);

        Assert.Equal(Intents.Report, consulted.SecondIntent);
        Assert.Equal(Intents.Legal, consulted.Model.Intent);
    }

    [Fact]
    public async Task Consult_ModelsSureAndCalm_JudgeNotAsked()
    {
        var judge = new FakeJudge(new SecondOpinion(Intents.Legal, "fire"));

        var consulted = await Understander(judge).ConsultAsync(Understood(intent: 0.95f, emergency: 0.01f), "路灯坏了", CancellationToken.None);

        Assert.Equal(0, judge.Asked);
        Assert.Null(consulted.Emergency);
    }

    [Fact]
    public async Task Consult_JudgeAnswersNothingOrUnknownLabels_UnderstandingUnchanged()
    {
        var understood = Understood(intent: 0.4f, emergency: 0.3f);

        var silent = await Understander(new FakeJudge(null)).ConsultAsync(understood, "嗯", CancellationToken.None);
        var odd = await Understander(new FakeJudge(new SecondOpinion("weather", "tsunami"))).ConsultAsync(understood, "嗯", CancellationToken.None);

        Assert.Equal(understood, silent);
        Assert.Null(odd.Emergency);
        Assert.Null(odd.SecondIntent);
    }

    private static Understander Understander(ISecondOpinion judge) => new(EmbeddedModels.Classifier, new EmergencyDetector(), judge);

    /// <summary>A reading of "report" at <paramref name="intent"/> and an emergency ("fire") at <paramref name="emergency"/>.</summary>
    private static Understood Understood(float intent, float emergency) =>
        new(
            new MessageUnderstanding(
                [new LabelScore("report:05-01", intent), new LabelScore("legal:fire_safety", 1 - intent)],
                [new LabelScore(SafetyLabels.None, 1 - emergency), new LabelScore("fire", emergency)],
                Thresholds),
            Emergency: null);

    private sealed class FakeJudge(SecondOpinion? opinion) : ISecondOpinion
    {
        public int Asked { get; private set; }

        public bool IsAvailable => true;

        public Task<SecondOpinion?> AskAsync(string text, IReadOnlyList<string> intents, IReadOnlyList<string> emergencyKinds, CancellationToken cancellationToken)
        {
            Asked++;
            return Task.FromResult(opinion);
        }
    }
}
