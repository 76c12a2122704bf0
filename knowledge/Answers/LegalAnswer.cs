namespace CitizenBot.Knowledge.Answers;

/// <summary>A short answer with the statute articles it rests on.</summary>
/// <param name="Answer">Plain-language answer (Simplified Chinese).</param>
/// <param name="Citations">Retrieved articles the answer rests on, most relevant first; empty when nothing was found.</param>
/// <param name="NextSteps">What the citizen can do next (12348, legal aid, mediation, arbitration, court, 12345 …).</param>
/// <param name="Disclaimer">States that this is not a lawyer's opinion; always shown.</param>
/// <param name="Found">
/// False when no article matched the question or the evidence was too weak to cite one: the answer then says so,
/// gives the topic's general rights and only points to human help.
/// </param>
public sealed record LegalAnswer(
    string Answer,
    IReadOnlyList<LegalCitation> Citations,
    IReadOnlyList<string> NextSteps,
    string Disclaimer,
    bool Found);

/// <summary>One cited article with a verbatim quote from its text.</summary>
/// <param name="LawId">Corpus id of the law, e.g. <c>labor-contract-law</c>.</param>
/// <param name="LawTitle">Chinese title, e.g. 中华人民共和国劳动合同法.</param>
/// <param name="Article">Article label, e.g. 第三十条.</param>
/// <param name="Quote">
/// The article's opening sentence, verbatim, with the items it lists after a colon; a long sentence is shortened inside
/// with …….
/// </param>
public sealed record LegalCitation(string LawId, string LawTitle, string Article, string Quote);
