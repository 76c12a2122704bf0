using CitizenBot.Knowledge.Faq;

namespace CitizenBot.Knowledge.Search;

/// <summary>
/// An FAQ entry that matched a question, with its score relative to the best FAQ match (1 = best), the share of the
/// question's weighted words found in the entry's questions and answer (<see cref="ArticleReranker"/> weighs them) and
/// how close the question is to the nearest of the entry's own questions (<see cref="FaqQuestionSimilarity"/>).
/// </summary>
internal sealed record FaqMatch(FaqEntry Entry, float RelativeScore, float Coverage = 1f, float Similarity = 0f);

/// <summary>The articles and FAQ entries found for one question.</summary>
/// <param name="Hits">The articles, best first.</param>
/// <param name="Faq">The FAQ entries that matched, best first.</param>
/// <param name="Coverages">For each hit (same order), the share of the question's weighted words its article holds.</param>
/// <param name="Words">The question's words with their weights, to measure how much of it any text holds.</param>
internal sealed record LegalSearchResult(
    IReadOnlyList<LegalSearchHit> Hits, IReadOnlyList<FaqMatch> Faq, IReadOnlyList<float> Coverages, IReadOnlyList<(string Text, float Weight)> Words)
{
    public static LegalSearchResult Empty { get; } = new([], [], [], []);

    /// <summary>The share of the question's weighted words that <paramref name="text"/> holds.</summary>
    public float CoverageOf(string text) => ArticleReranker.Coverage(text, Words);

    /// <summary>The share of the question's weighted words that an article (text, headings, law title) holds.</summary>
    public float CoverageOf(Corpus.LawArticle article) => ArticleReranker.CoverageShare(article, Words);
}
