using CitizenBot.Knowledge.Search;

namespace CitizenBot.Knowledge.Answers;

/// <summary>
/// Composes an answer without a language model: the best FAQ entry whose citations were actually retrieved gives the
/// words and next steps; the citations and quotes come only from the retrieved articles, so nothing is made up.
/// </summary>
internal sealed class LegalAnswerer(LegalSearchEngine search) : ILegalAnswerer
{
    private const int RetrievedArticles = 5;
    private const int MaxCitations = 3;
    private const int MaxQuoteChars = 80;

    /// <summary>FAQ entries scoring below this share of the best FAQ match are not used as the answer.</summary>
    private const float FaqCutoff = 0.6f;

    public Task<LegalAnswer> AnswerAsync(string question, string? previousQuestion = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Compose(question, previousQuestion).Answer);
    }

    /// <summary>The composed answer and the articles it was composed from (a language model is given the same articles).</summary>
    internal ComposedAnswer Compose(string question, string? previousQuestion)
    {
        var result = search.Search(question, RetrievedArticles, previousQuestion);
        if (result.Hits.Count == 0)
        {
            return new ComposedAnswer(new LegalAnswer(AnswerTexts.NotFound, [], AnswerTexts.DefaultNextSteps, AnswerTexts.Disclaimer, Found: false), []);
        }

        var faq = result.Faq
            .Where(m => m.RelativeScore >= FaqCutoff)
            .Select(m => m.Entry)
            .FirstOrDefault(e => e.Citations.Any(c => result.Hits.Any(h => Cites(h, c.LawId, c.Article))));

        // The FAQ's own citations first (in its order), then the other retrieved articles by rank.
        var cited = faq is null
            ? result.Hits
            : faq.Citations
                .Select(c => result.Hits.FirstOrDefault(h => Cites(h, c.LawId, c.Article)))
                .OfType<LegalSearchHit>()
                .Concat(result.Hits)
                .Distinct();
        var citations = cited.Take(MaxCitations).Select(ToCitation).ToList();

        var answer = faq is null
            ? new LegalAnswer(AnswerTexts.ArticlesOnly, citations, AnswerTexts.DefaultNextSteps, AnswerTexts.Disclaimer, Found: true)
            : new LegalAnswer(faq.Answer, citations, faq.NextSteps, AnswerTexts.Disclaimer, Found: true);
        return new ComposedAnswer(answer, result.Hits);
    }

    private static bool Cites(LegalSearchHit hit, string lawId, int article) =>
        hit.LawId == lawId && hit.ArticleNumber == article;

    internal static LegalCitation ToCitation(LegalSearchHit hit) =>
        new(hit.LawId, hit.LawTitle, hit.Article, Quote(hit.Text));

    // The first sentence of the first paragraph, verbatim, cut at MaxQuoteChars.
    internal static string Quote(string text)
    {
        var paragraph = text.Split('\n')[0];
        var end = paragraph.IndexOfAny(['。', '；', '：']);
        var sentence = end >= 0 ? paragraph[..(end + 1)] : paragraph;
        return sentence.Length <= MaxQuoteChars ? sentence : sentence[..MaxQuoteChars] + AnswerTexts.Ellipsis;
    }
}

/// <summary>A composed answer with every article retrieved for it.</summary>
internal sealed record ComposedAnswer(LegalAnswer Answer, IReadOnlyList<LegalSearchHit> Retrieved);
