using CitizenBot.Dialogs.LegalAid;
using CitizenBot.Knowledge.Answers;

namespace CitizenBot.Bot.Knowledge;

/// <summary>The LegalAid flow's port over the knowledge base: the same answer the HTTP API gives, in the flow's shape.</summary>
internal sealed class KnowledgeLegalAdvisor(ILegalAnswerer answerer) : ILegalAdvisor
{
    /// <summary>
    /// Answers with the legal topic the understanding model gave the question (a code of
    /// <see cref="CitizenBot.Knowledge.Topics.LegalTopics"/>); null lets the knowledge base infer it.
    /// </summary>
    public async Task<LegalAdvice> AdviseAsync(string question, string? previousQuestion, string? topic, CancellationToken cancellationToken)
    {
        var answer = await answerer.AnswerAsync(question, previousQuestion, topic, cancellationToken).ConfigureAwait(false);
        return new LegalAdvice(
            answer.Answer,
            [.. answer.Citations.Select(c => new LegalAdviceCitation(c.LawTitle, c.Article, c.Quote))],
            answer.NextSteps,
            answer.Disclaimer,
            answer.Found);
    }
}
