namespace CitizenBot.Knowledge.Search;

/// <summary>One retrieved statute article.</summary>
/// <param name="LawId">Corpus id of the law, e.g. <c>labor-contract-law</c>.</param>
/// <param name="LawTitle">Chinese title, e.g. 中华人民共和国劳动合同法.</param>
/// <param name="Article">Article label as written, e.g. 第三十条.</param>
/// <param name="ArticleNumber">Article number, e.g. 30.</param>
/// <param name="Text">Full article text.</param>
/// <param name="Score">Relevance; comparable only within one result list.</param>
public sealed record LegalSearchHit(string LawId, string LawTitle, string Article, int ArticleNumber, string Text, float Score);
