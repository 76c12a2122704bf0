namespace CitizenBot.Knowledge.Faq;

/// <summary>A curated question-and-answer entry written from the statute text, with the articles it rests on.</summary>
/// <param name="Id">Stable id, e.g. <c>wage-arrears</c>.</param>
/// <param name="Topic">The legal topic (a code of <see cref="Topics.LegalTopics"/>); its citations lie within that topic's statutes.</param>
/// <param name="Questions">Typical ways citizens ask it: what the search ranks the entry by.</param>
/// <param name="Answer">Plain-language answer in Simplified Chinese.</param>
/// <param name="Citations">The articles the answer rests on.</param>
/// <param name="NextSteps">What the citizen can do next (12348, legal aid, mediation, arbitration, court, 12345 …).</param>
/// <param name="Case">For a legal-aid entry: the topic of the case it is about (wages, work_injury …), so a follow-up
/// "can I get legal aid" after a wage question finds the rule for wage claims.</param>
/// <param name="Phrasings">Everyday ways of asking the same (dialect, riders' shorthand, a story before the question),
/// written apart from the curated questions. They count toward the words the entry holds and its nearest question, not
/// toward the search rank: ranked on them, a general question is drawn to a narrower neighbour whose phrasings share its
/// words (docs/understanding.md, "Everyday phrasings").</param>
internal sealed record FaqEntry(
    string Id,
    string Topic,
    IReadOnlyList<string> Questions,
    string Answer,
    IReadOnlyList<FaqCitation> Citations,
    IReadOnlyList<string> NextSteps,
    string? Case = null,
    IReadOnlyList<string>? Phrasings = null)
{
    /// <summary>The curated questions and the everyday phrasings.</summary>
    public IEnumerable<string> AskedAs => Phrasings is null ? Questions : Questions.Concat(Phrasings);
}

/// <summary>A statute article cited by an FAQ entry.</summary>
internal sealed record FaqCitation(string LawId, int Article);
