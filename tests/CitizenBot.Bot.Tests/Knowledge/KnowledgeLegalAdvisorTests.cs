using CitizenBot.Bot.Knowledge;
using CitizenBot.Knowledge.Answers;

namespace CitizenBot.Bot.Tests.Knowledge;

public sealed class KnowledgeLegalAdvisorTests
{
    [Fact]
    public async Task AdviseAsync_WithTopic_PassesTheTopicAndPreviousQuestionToTheAnswerer()
    {
        var answerer = new RecordingAnswerer();

        var advice = await new KnowledgeLegalAdvisor(answerer).AdviseAsync("那我可以申请法律援助吗", "老板拖欠工资", "wages", CancellationToken.None);

        Assert.Equal(("那我可以申请法律援助吗", "老板拖欠工资", "wages"), answerer.Last);
        Assert.Equal("中华人民共和国法律援助法", advice.Citations[0].LawTitle);
        Assert.Equal("第四十二条", advice.Citations[0].Article);
    }

    [Fact]
    public async Task AdviseAsync_WithoutTopic_AsksWithoutOne()
    {
        var answerer = new RecordingAnswerer();

        await new KnowledgeLegalAdvisor(answerer).AdviseAsync("工资被拖欠", null, topic: null, CancellationToken.None);

        Assert.Equal(("工资被拖欠", (string?)null, (string?)null), answerer.Last);
    }

    private sealed class RecordingAnswerer : ILegalAnswerer
    {
        public (string, string?, string?) Last { get; private set; }

        public Task<LegalAnswer> AnswerAsync(string question, string? previousQuestion = null, string? topic = null, CancellationToken cancellationToken = default)
        {
            Last = (question, previousQuestion, topic);
            return Task.FromResult(new LegalAnswer(
                "答", [new LegalCitation("legal-aid-law", "中华人民共和国法律援助法", "第四十二条", "法律援助申请人……")], ["12348"], "仅供参考", Found: true));
        }
    }
}
