namespace CitizenBot.Knowledge.Faq;

/// <summary>A curated question-and-answer entry written from the statute text, with the articles it rests on.</summary>
/// <param name="Id">Stable id, e.g. <c>wage-arrears</c>.</param>
/// <param name="Topic">The legal topic (a code of <see cref="Topics.LegalTopics"/>); its citations lie within that topic's statutes.</param>
/// <param name="Questions">Typical ways citizens ask it.</param>
/// <param name="Answer">Plain-language answer in Simplified Chinese.</param>
/// <param name="Citations">The articles the answer rests on.</param>
/// <param name="NextSteps">What the citizen can do next (12348, legal aid, mediation, arbitration, court, 12345 …).</param>
/// <param name="Case">For a legal-aid entry: the topic of the case it is about (wages, work_injury …), so a follow-up
/// "can I get legal aid" after a wage question finds the rule for wage claims.</param>
internal sealed record FaqEntry(
    string Id,
    string Topic,
    IReadOnlyList<string> Questions,
    string Answer,
    IReadOnlyList<FaqCitation> Citations,
    IReadOnlyList<string> NextSteps,
    string? Case = null);

/// <summary>A statute article cited by an FAQ entry.</summary>
internal sealed record FaqCitation(string LawId, int Article);
