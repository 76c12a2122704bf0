namespace CitizenBot.Knowledge.Corpus;

/// <summary>One article of a statute, as split from the corpus.</summary>
/// <param name="LawId">File name without extension, e.g. <c>labor-contract-law</c>.</param>
/// <param name="LawTitle">The law's Chinese title, e.g. 中华人民共和国劳动合同法.</param>
/// <param name="Part">The 编 (or 分编) heading, when the law has parts.</param>
/// <param name="Chapter">The 章 heading, when present.</param>
/// <param name="Section">The 节 heading, when present.</param>
/// <param name="Label">The article label as written, e.g. 第三十条.</param>
/// <param name="Number">The article number, e.g. 30.</param>
/// <param name="Text">The article text without its label; paragraphs separated by a line feed.</param>
internal sealed record LawArticle(
    string LawId,
    string LawTitle,
    string? Part,
    string? Chapter,
    string? Section,
    string Label,
    int Number,
    string Text)
{
    /// <summary>The headings above the article, outermost first, joined by a space.</summary>
    public string Headings => string.Join(' ', new[] { Part, Chapter, Section }.Where(h => h is not null));
}
