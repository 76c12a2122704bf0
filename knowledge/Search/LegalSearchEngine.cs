using CitizenBot.Knowledge.Corpus;
using CitizenBot.Knowledge.Faq;
using CitizenBot.Knowledge.Search.Expansion;

namespace CitizenBot.Knowledge.Search;

/// <summary>
/// BM25 search over the statute articles, re-ranked with the FAQ: the articles cited by the FAQ entries that best
/// match the question are boosted (and brought in when the words of the question missed them).
/// </summary>
internal sealed class LegalSearchEngine : ILegalSearch, IDisposable
{
    private const int ArticleCandidates = 100;
    private const int FaqCandidates = 10;

    /// <summary>FAQ entries scoring below this share of the best FAQ match do not boost articles.</summary>
    private const float FaqCutoff = 0.6f;

    /// <summary>How much a best-matching FAQ citation adds to an article's relative score (best article = 1).</summary>
    public const float DefaultFaqBoost = 0.8f;

    private readonly LegalCorpus _corpus;
    private readonly FaqCatalog _faq;
    private readonly LegalIndex _index;
    private readonly LegalQueryBuilder _queries;
    private readonly ArticleReranker _reranker;
    private readonly FaqQuestionSimilarity _similarity;

    // Each entry's questions, phrasings and answer, the text its share of a question's words is read on.
    private readonly string[] _faqTexts;
    private readonly float _faqBoost;

    /// <param name="faqBoost">0 measures the search without FAQ help (eval ablation); the product uses the default.</param>
    public LegalSearchEngine(
        LegalCorpus corpus, FaqCatalog faq, ColloquialVocabulary vocabulary, Func<string, string>? normalize = null, float faqBoost = DefaultFaqBoost)
    {
        _faqBoost = faqBoost;
        _corpus = corpus;
        _faq = faq;
        var analyzer = LegalAnalyzers.Create();
        _index = new LegalIndex(corpus, faq, analyzer);
        _queries = new LegalQueryBuilder(analyzer, vocabulary, normalize ?? (s => s));
        _reranker = new ArticleReranker(corpus, _index.Articles.IndexReader);
        _similarity = new FaqQuestionSimilarity(faq, analyzer);
        _faqTexts = [.. faq.Entries.Select(e => string.Join('\n', e.AskedAs) + '\n' + e.Answer)];
    }

    /// <summary>Loads the shipped corpus, FAQ and vocabulary and builds the indexes.</summary>
    public static LegalSearchEngine CreateEmbedded(Func<string, string>? normalize = null, float faqBoost = DefaultFaqBoost)
    {
        var corpus = LegalCorpus.LoadEmbedded();
        return new LegalSearchEngine(corpus, FaqCatalog.LoadEmbedded(corpus), ColloquialVocabulary.LoadEmbedded(), normalize, faqBoost);
    }

    public LegalCorpus Corpus => _corpus;

    public Task<IReadOnlyList<LegalSearchHit>> SearchAsync(string query, int k = 5, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Search(query, k).Hits);
    }

    /// <summary>Articles and the FAQ entries that matched; the answer composer needs both.</summary>
    /// <param name="query">The question.</param>
    /// <param name="k">How many articles at most.</param>
    /// <param name="context">The previous question when this one is a follow-up; it keeps the topic with less weight.</param>
    public LegalSearchResult Search(string query, int k, string? context = null)
    {
        if (k < 1)
        {
            return LegalSearchResult.Empty;
        }

        var analyzed = _queries.Analyze(query, context);
        if (analyzed.IsEmpty)
        {
            return LegalSearchResult.Empty;
        }

        var words = _reranker.Weigh(analyzed);
        var faq = MatchFaq(analyzed, words);
        var articleTop = _index.Articles.Search(LegalQueryBuilder.ForArticles(analyzed), ArticleCandidates);
        var candidates = articleTop.ScoreDocs.Select(d => (LegalIndex.OrdinalOf(_index.Articles, d.Doc), d.Score)).ToList();
        var coverages = new Dictionary<int, float>();
        var scores = _reranker.Rerank(analyzed, candidates, coverages);

        var faqBoosts = FaqBoosts(faq);
        foreach (var (ordinal, boost) in faqBoosts)
        {
            scores[ordinal] = scores.GetValueOrDefault(ordinal) + boost;
        }

        var ranked = scores
            .OrderByDescending(s => s.Value)
            .ThenBy(s => s.Key)
            .Take(k)
            .ToList();
        var hits = ranked.Select(s => ToHit(_corpus.Articles[s.Key], s.Value)).ToList();
        var hitCoverages = ranked.Select(s => coverages.GetValueOrDefault(s.Key)).ToList();
        return new LegalSearchResult(hits, faq, hitCoverages, words);
    }

    public void Dispose() => _index.Dispose();

    private List<FaqMatch> MatchFaq(AnalyzedQuery analyzed, List<(string Text, float Weight)> words)
    {
        var top = _index.Faq.Search(LegalQueryBuilder.ForFaq(analyzed), FaqCandidates);
        if (top.ScoreDocs.Length == 0)
        {
            return [];
        }

        var best = top.ScoreDocs[0].Score;
        var bigrams = analyzed.Bigrams.ToHashSet(StringComparer.Ordinal);
        return top.ScoreDocs
            .Select(d =>
            {
                var ordinal = LegalIndex.OrdinalOf(_index.Faq, d.Doc);
                return new FaqMatch(_faq.Entries[ordinal], d.Score / best, ArticleReranker.Coverage(_faqTexts[ordinal], words), _similarity.Of(ordinal, bigrams));
            })
            .ToList();
    }

    // An article cited first by the best FAQ entry gets the full boost; later citations and weaker entries get less.
    private Dictionary<int, float> FaqBoosts(IReadOnlyList<FaqMatch> faq)
    {
        var boosts = new Dictionary<int, float>();
        foreach (var match in faq.Where(m => m.RelativeScore >= FaqCutoff))
        {
            for (var i = 0; i < match.Entry.Citations.Count; i++)
            {
                var citation = match.Entry.Citations[i];
                var ordinal = _corpus.OrdinalOf(citation.LawId, citation.Article);
                var boost = _faqBoost * match.RelativeScore * (1f - (0.1f * i));
                if (ordinal >= 0 && boost > 0 && boost > boosts.GetValueOrDefault(ordinal))
                {
                    boosts[ordinal] = boost;
                }
            }
        }

        return boosts;
    }

    private static LegalSearchHit ToHit(LawArticle article, float score) =>
        new(article.LawId, article.LawTitle, article.Label, article.Number, article.Text, score);
}
