using CitizenBot.Knowledge.Answers;
using CitizenBot.Knowledge.Faq;

namespace CitizenBot.Knowledge.Tests.Faq;

public sealed class FaqSelfAnswerTests
{
    // A question belongs to one entry, the one that answers exactly it: when a general entry also lists a question a
    // more specific entry answers (保护令多久能下来 under 怎么申请保护令), the citizen who asks it gets the general rule.
    [Fact]
    public async Task AnswerAsync_EveryFaqQuestionWithItsTopic_IsAnsweredByTheEntryThatListsIt()
    {
        var answerer = new LegalAnswerer(SharedKnowledge.Engine);
        var entries = FaqCatalog.LoadEmbedded(SharedKnowledge.Engine.Corpus).Entries;
        var wrong = new List<string>();
        foreach (var entry in entries)
        {
            foreach (var question in entry.Questions)
            {
                var answer = await answerer.AnswerAsync(question, topic: entry.Topic);
                if (answer.Answer != entry.Answer)
                {
                    var other = entries.FirstOrDefault(e => e.Answer == answer.Answer)?.Id ?? "(no entry)";
                    wrong.Add($"{entry.Id}: {question} -> {other}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    // Everyday phrasings (dialect, a story before the question) that share too few words with the curated questions to
    // be answered from them alone: the phrasings an entry lists make it the answer.
    [Theory]
    [InlineData("俺周六周天都在厂里干活，也不给调休，这钱该咋算", "wages", "overtime-pay")]
    [InlineData("商家说本店拥有最终解释权，这算数吗", "consumer", "standard-terms")]
    [InlineData("丈夫瞒着我借了二十万，债主找上门要我还", "family", "joint-debt")]
    public async Task AnswerAsync_AnEverydayPhrasingAnEntryLists_IsAnsweredByThatEntry(string question, string topic, string entryId)
    {
        var entry = FaqCatalog.LoadEmbedded(SharedKnowledge.Engine.Corpus).Entries.Single(e => e.Id == entryId);
        Assert.Contains(question, entry.Phrasings ?? []);
        Assert.DoesNotContain(question, entry.Questions);

        var answer = await new LegalAnswerer(SharedKnowledge.Engine).AnswerAsync(question, topic: topic);

        Assert.Equal(entry.Answer, answer.Answer);
    }
}
