using CitizenBot.Dialogs.Text;
using CitizenBot.Dialogs.Understanding;

namespace CitizenBot.Dialogs.Tests.Understanding;

/// <summary>The corpus and the shipped models: trained on what is in the repo, and as good on the test split as measured.</summary>
public sealed class UnderstandingModelTests
{
    private static readonly string CorpusFolder = Path.Combine(RepoRoot(), "dialogs", "Understanding", "corpus");

    private static readonly Lazy<IReadOnlyList<CorpusMessage>> Corpus = new(() => UnderstandingCorpus.Load(UnderstandingCorpus.FilesIn(CorpusFolder)));

    [Fact]
    public void ShippedModels_WereTrainedOnTheCorpusInTheRepo()
    {
        var shipped = ModelCard.Embedded();

        Assert.True(
            shipped.CorpusHash == UnderstandingCorpus.Hash(UnderstandingCorpus.FilesIn(CorpusFolder)),
            "The corpus changed since the models were trained. Retrain: dotnet run --project tests/CitizenBot.Understanding.Eval -- train");
    }

    [Fact]
    public void Corpus_EveryMessage_HasKnownLabelsAndNoTextTwice()
    {
        var messages = Corpus.Value;

        Assert.True(messages.Count >= 5000, $"The corpus has {messages.Count} messages; it needs at least 5,000.");
        Assert.Empty(messages.GroupBy(m => m.Text.Trim()).Where(g => g.Count() > 1).Select(g => g.Key));
        var intents = new HashSet<string>(Intents.All) { Intents.Greeting, Intents.Thanks, Intents.SmallTalk };
        foreach (var m in messages)
        {
            Assert.True(intents.Contains(m.Intent), $"Unknown intent '{m.Intent}': {m.Text}");
            Assert.True(m.Safety == SafetyLabels.None || SafetyLabels.Kinds.Contains(m.Safety), $"Unknown safety '{m.Safety}': {m.Text}");
            Assert.True((m.Intent == Intents.Report) == (m.Category is not null), $"A report needs a category, nothing else has one: {m.Text}");
            Assert.True((m.Intent == Intents.Legal) == (m.Topic is not null), $"A legal question needs a topic, nothing else has one: {m.Text}");
            Assert.True((m.Intent == Intents.Emergency) == (m.Safety != SafetyLabels.None), $"Only an emergency has a safety kind: {m.Text}");
            Assert.True(Understander.KindOf(m.Safety) is not null || m.Safety == SafetyLabels.None, $"No EmergencyKind for '{m.Safety}'.");
        }
    }

    [Fact]
    public void Corpus_TestSplit_IsAtLeastAFifthAndHasNearMissesAndEveryEmergencyKind()
    {
        var test = Corpus.Value.Where(m => m.IsTest).ToList();

        Assert.InRange(test.Count / (double)Corpus.Value.Count, 0.19, 0.22);
        Assert.True(test.Count(m => m.NearMiss) >= 100, "The test split needs near-misses to measure false alarms.");
        Assert.All(SafetyLabels.Kinds, kind => Assert.Contains(test, m => m.Safety == kind));
    }

    /// <summary>
    /// The holdout sets measure words nobody trained the models on: none of their messages may be in the corpus, except
    /// the few words everybody types (你好, 转人工, 不知道), which any writer of either would write.
    /// </summary>
    [Fact]
    public void HoldoutAndMeasuringSets_ShareNoMessageWithTheCorpus_ButTheShortestEverydayWords()
    {
        const int EverydayWordsLength = 8;
        // The holdout sets, and the measuring sets beside them: bare answers and place names, hazards and dangers now,
        // numbers and addresses inside everyday messages.
        var evalFolder = Path.Combine(RepoRoot(), "tests", "CitizenBot.Understanding.Eval");
        var holdout = UnderstandingCorpus.Load(UnderstandingCorpus.FilesIn(Path.Combine(evalFolder, "holdout")));
        var places = UnderstandingCorpus.Load(UnderstandingCorpus.FilesIn(Path.Combine(evalFolder, "places")));
        var hazards = UnderstandingCorpus.Load(UnderstandingCorpus.FilesIn(Path.Combine(evalFolder, "hazards")));
        var numbers = UnderstandingCorpus.Load(UnderstandingCorpus.FilesIn(Path.Combine(evalFolder, "numbers")));
        var corpusKeys = Corpus.Value.Select(m => ChineseText.ToMatchKey(m.Text)).ToHashSet();

        var inBoth = holdout.Concat(places).Concat(hazards).Concat(numbers)
            .Where(m => ChineseText.ToMatchKey(m.Text) is { Length: > EverydayWordsLength } key && corpusKeys.Contains(key))
            .Select(m => m.Text)
            .ToList();

        Assert.True(holdout.Count >= 900, $"The holdout sets hold {holdout.Count} messages.");
        Assert.True(places.Count >= 800, $"The measuring set of places holds {places.Count} messages.");
        Assert.True(hazards.Count >= 400, $"The measuring set of hazards holds {hazards.Count} messages.");
        Assert.True(numbers.Count >= 1000, $"The measuring set of numbers holds {numbers.Count} messages.");
        Assert.Empty(inBoth);
    }

    /// <summary>
    /// A floor under the numbers the evaluation command reports (docs/understanding.md): a retrain that loses much of them fails here.
    /// The test split is never trained on.
    /// </summary>
    [Fact]
    public void ShippedModels_OnTheTestSplit_KeepTheirQuality()
    {
        var understander = new Understander(EmbeddedModels.Classifier, new EmergencyDetector(), new NoSecondOpinion());
        var test = Corpus.Value.Where(m => m.IsTest).ToList();
        var judged = test.Select(m => (m, u: understander.Understand(ChineseText.Normalize(m.Text), ChineseText.ToMatchKey(m.Text)))).ToList();

        var intentAccuracy = judged.Count(j => j.u.Model.Intent == j.m.RouteIntent) / (double)judged.Count;
        var emergencies = judged.Where(j => j.m.Safety != SafetyLabels.None).ToList();
        var recall = emergencies.Count(j => j.u.Emergency is not null) / (double)emergencies.Count;
        var nearMisses = judged.Where(j => j.m.NearMiss).ToList();
        var alarms = nearMisses.Count(j => j.u.Emergency is not null) / (double)nearMisses.Count;
        // What citizens type at the bot's questions (an address, a name, a phone number): an alarm there interrupts a
        // report with "call 119" because a place is called 电厂 or 火车站.
        var bareAnswers = judged.Where(j => j.m.Intent == Intents.OutOfScope && !j.m.NearMiss).ToList();
        var bareAnswerAlarms = bareAnswers.Count(j => j.u.Emergency is not null) / (double)bareAnswers.Count;

        // Floors a little under the measured numbers (docs/understanding.md): intent 92.1 %, recall 99.0 %, alarms 11.2 %,
        // alarms on bare answers 3.0 %.
        // The near-misses of the test split are hard on purpose (everyday words of emergencies, past events, questions);
        // the emergency threshold is chosen for 99 % recall out of fold, and the alarms are what that costs.
        Assert.True(intentAccuracy >= 0.91, $"Intent accuracy on the test split fell to {intentAccuracy:P1}.");
        Assert.True(recall >= 0.985, $"Emergency recall on the test split fell to {recall:P1}.");
        Assert.True(alarms <= 0.12, $"False alarms on near-misses rose to {alarms:P1}.");
        Assert.True(bareAnswerAlarms <= 0.04, $"False alarms on bare answers rose to {bareAnswerAlarms:P1}.");
    }

    [Theory]
    [InlineData("樓道裡堆滿了電動車，消防通道都堵死了", "楼道里堆满了电动车，消防通道都堵死了")]
    [InlineData("困在電梯裡出不去了", "困在电梯里出不去了")]
    public void Classify_TraditionalCharacters_ReadAsTheirSimplifiedForm(string traditional, string simplified)
    {
        var classifier = EmbeddedModels.Classifier;

        Assert.Equal(classifier.Classify(simplified).Routes[0].Label, classifier.Classify(traditional).Routes[0].Label);
    }

    [Fact]
    public void Classify_HugeOrEmptyMessage_AnswersWithoutThrowing()
    {
        var classifier = EmbeddedModels.Classifier;

        Assert.NotNull(classifier.Classify(new string('堵', 100_000)).Intent);
        Assert.Null(classifier.Classify("   ").Intent);
        Assert.Null(classifier.Classify(null).Intent);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CitizenBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests run from inside the repository (no CitizenBot.sln above them).");
    }
}
