using CitizenBot.Knowledge.Corpus;
using Lucene.Net.Index;

namespace CitizenBot.Knowledge.Search;

/// <summary>
/// Second pass over the BM25 candidates by coverage (coordination): an article that contains more of the question's
/// distinct, rarer words ranks above a short article that repeats one common word (BM25 favours short texts; 工资
/// alone matches dozens of them). Coverage also decides "not found" (<see cref="MinCoverage"/>).
/// A law prior (the law dominating the candidates lifts all its articles) was tried here and measured worse on both
/// question sets: it pushes out the second law a question needs (wages: the regulation and the labour contract law).
/// </summary>
internal sealed class ArticleReranker(LegalCorpus corpus, IndexReader articles)
{
    /// <summary>An article matching none of the weighted words keeps this share of its BM25 score.</summary>
    internal const float CoverageFloor = 0.1f;

    /// <summary>
    /// An article that holds less than this share of the question's weighted words is not returned: the question is
    /// about something the statutes here do not cover, and "not found" is more honest than a stray article.
    /// </summary>
    internal const float MinCoverage = 0.2f;

    private readonly int _documents = Math.Max(1, articles.NumDocs);

    /// <summary>
    /// Candidates that cover enough of the question, with scores relative to the best (best = 1); <paramref name="coverages"/>
    /// receives the share of the question's weighted words each returned article holds.
    /// </summary>
    public Dictionary<int, float> Rerank(AnalyzedQuery query, IReadOnlyList<(int Ordinal, float Score)> candidates, Dictionary<int, float> coverages)
    {
        var result = new Dictionary<int, float>();
        if (candidates.Count == 0)
        {
            return result;
        }

        var words = Weigh(query);
        var total = words.Sum(w => w.Weight);
        var adjusted = new List<(int Ordinal, float Score, float Coverage)>(candidates.Count);
        foreach (var (ordinal, score) in candidates)
        {
            var coverage = total <= 0 ? 0f : Coverage(corpus.Articles[ordinal], words) / total;
            adjusted.Add((ordinal, score * (CoverageFloor + ((1f - CoverageFloor) * coverage)), coverage));
        }

        var best = adjusted.Max(a => a.Score);
        if (best <= 0)
        {
            return result;
        }

        foreach (var (ordinal, score, coverage) in adjusted)
        {
            if (coverage >= MinCoverage)
            {
                result[ordinal] = score / best;
                coverages[ordinal] = coverage;
            }
        }

        return result;
    }

    // A word's weight is its inverse document frequency in the article bodies times its expansion weight; words no
    // article contains are left out, so colloquial words without a statute counterpart do not dilute coverage.
    internal List<(string Text, float Weight)> Weigh(AnalyzedQuery query)
    {
        var words = new List<(string Text, float Weight)>();
        foreach (var term in query.Terms)
        {
            var rarest = term.Tokens.Min(t => articles.DocFreq(new Term(IndexFields.Body, t)));
            if (rarest > 0)
            {
                var idf = (float)Math.Log(1 + ((_documents - rarest + 0.5) / (rarest + 0.5)));
                words.Add((string.Concat(term.Tokens), term.Weight * idf));
            }
        }

        return words;
    }

    /// <summary>The share of the weighted words that <paramref name="text"/> holds (0 when there are none).</summary>
    internal static float Coverage(string text, IReadOnlyList<(string Text, float Weight)> words)
    {
        var total = words.Sum(w => w.Weight);
        return total <= 0 ? 0f : words.Where(w => text.Contains(w.Text, StringComparison.Ordinal)).Sum(w => w.Weight) / total;
    }

    /// <summary>The share of the weighted words that an article (its text, headings or law title) holds.</summary>
    internal static float CoverageShare(LawArticle article, IReadOnlyList<(string Text, float Weight)> words)
    {
        var total = words.Sum(w => w.Weight);
        return total <= 0 ? 0f : Coverage(article, words) / total;
    }

    private static float Coverage(LawArticle article, IReadOnlyList<(string Text, float Weight)> words)
    {
        var matched = 0f;
        foreach (var (text, weight) in words)
        {
            if (article.Text.Contains(text, StringComparison.Ordinal)
                || article.Headings.Contains(text, StringComparison.Ordinal)
                || article.LawTitle.Contains(text, StringComparison.Ordinal))
            {
                matched += weight;
            }
        }

        return matched;
    }
}
