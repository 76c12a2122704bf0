using System.Text.Json;
using CitizenBot.Knowledge.Answers;
using CitizenBot.Knowledge.Corpus;
using CitizenBot.Knowledge.Topics;

namespace CitizenBot.Knowledge.Tests.Answers;

/// <summary>
/// The answers a citizen reads, on the development set (tests/CitizenBot.Knowledge.Eval/answers-dev.jsonl, each
/// question with its topic, the articles that answer it and those that must not be cited), against the goals in
/// docs/understanding.md: the first cited article relevant for at least 95 % of the answers that cite, at least 90 %
/// of all citations relevant, and no citation of a law outside the question's topic unless it is listed relevant.
/// The eval console (`--answers`) prints the same numbers and the misses.
/// </summary>
public sealed class AnswerQualityTests
{
    private const double FirstCitationFloor = 0.95;
    private const double CitationFloor = 0.90;

    [Fact]
    public async Task AnswerAsync_DevelopmentSetWithTopics_MeetsTheCitationGoalsAndStaysInEachTopic()
    {
        var questions = EvalSets.Read("answers-dev.jsonl");
        Assert.True(questions.Count >= 300, "Expected the development set next to the tests.");
        var answerer = new LegalAnswerer(SharedKnowledge.Engine);

        int citing = 0, firstRelevant = 0, citations = 0, relevantCitations = 0;
        var outside = new List<string>();
        foreach (var question in questions)
        {
            var text = question.GetProperty("q").GetString()!;
            var topic = question.GetProperty("topic").GetString()!;
            Assert.True(LegalTopics.IsKnown(topic), $"'{topic}' is not a topic code ({text})");
            var relevant = Articles(question, "relevant");
            var mustNot = Articles(question, "mustNot");
            var previous = question.TryGetProperty("previous", out var p) ? p.GetString() : null;

            var answer = await answerer.AnswerAsync(text, previous, topic);

            var cited = answer.Citations.Select(c => (c.LawId, Number(c.Article))).ToList();
            Assert.True(!cited.Any(mustNot.Contains), $"{text}: cites an article it must not ({string.Join(", ", cited)})");
            outside.AddRange(cited.Where(c => !relevant.Contains(c) && !TopicScopes.Contains(topic, c.LawId, c.Item2))
                .Select(c => $"{text}: {c.LawId} {c.Item2} is outside {topic}"));
            if (cited.Count > 0)
            {
                citing++;
                firstRelevant += relevant.Contains(cited[0]) ? 1 : 0;
            }

            citations += cited.Count;
            relevantCitations += cited.Count(relevant.Contains);
        }

        Assert.Empty(outside);
        Assert.True((double)firstRelevant / citing >= FirstCitationFloor, $"first citation relevant {firstRelevant}/{citing} < {FirstCitationFloor:P0}");
        Assert.True((double)relevantCitations / citations >= CitationFloor, $"citations relevant {relevantCitations}/{citations} < {CitationFloor:P0}");
    }

    private static HashSet<(string LawId, int Number)> Articles(JsonElement question, string property) =>
        question.TryGetProperty(property, out var list)
            ? [.. list.EnumerateArray().Select(r => (Path.GetFileNameWithoutExtension(r.GetProperty("law").GetString()!), Number(r.GetProperty("article").GetString()!)))]
            : [];

    private static int Number(string label) =>
        ChineseNumber.TryParseArticleLabel(label, out var number) ? number : throw new InvalidDataException(label);
}
