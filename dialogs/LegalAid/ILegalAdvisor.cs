namespace CitizenBot.Dialogs.LegalAid;

/// <summary>
/// What the LegalAid flow needs from the knowledge base (flows talk to ports). The bot implements it over
/// the statute search and answer composer; the dialogs never see the knowledge project.
/// </summary>
public interface ILegalAdvisor
{
    /// <summary>Answers a citizen's legal question from the statutes, citing the articles it rests on.</summary>
    /// <param name="question">The question as the citizen typed it.</param>
    /// <param name="previousQuestion">The question before, when this is a follow-up: it keeps the topic.</param>
    /// <param name="topic">The legal topic the understanding model gave the question (e.g. <c>wages</c>); null when it was not sure.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    Task<LegalAdvice> AdviseAsync(string question, string? previousQuestion, string? topic, CancellationToken cancellationToken);
}

/// <summary>A short answer, the articles it rests on, what to do next and the not-a-lawyer notice.</summary>
/// <param name="Answer">Plain-language answer (Simplified Chinese).</param>
/// <param name="Citations">The cited articles, most relevant first; empty when nothing was found.</param>
/// <param name="NextSteps">What the citizen can do next, as sentences.</param>
/// <param name="Disclaimer">Says the answer is not a lawyer's opinion.</param>
/// <param name="Found">False when no article matched: the answer then only points to human help.</param>
public sealed record LegalAdvice(
    string Answer, IReadOnlyList<LegalAdviceCitation> Citations, IReadOnlyList<string> NextSteps, string Disclaimer, bool Found);

/// <summary>One cited article: law title, article label (第三十条) and a verbatim quote.</summary>
public sealed record LegalAdviceCitation(string LawTitle, string Article, string Quote);
