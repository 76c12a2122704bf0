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
}
