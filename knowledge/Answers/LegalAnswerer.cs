using CitizenBot.Knowledge.Corpus;
using CitizenBot.Knowledge.Faq;
using CitizenBot.Knowledge.Search;
using CitizenBot.Knowledge.Topics;

namespace CitizenBot.Knowledge.Answers;

/// <summary>
/// Composes an answer without a language model, topic first and checking itself:
/// the question's topic (given by the understanding model, else inferred) decides which statutes may answer; an FAQ
/// entry answers when it matches the question well, lies in the topic and its summary is borne out by the articles it
/// cites (<see cref="ClaimCheck"/>); otherwise the retrieved articles of the topic that hold most of the question's
/// words are cited; when none is strong enough the answer says plainly that the bot is not sure, gives the topic's
/// general rights and where to ask, and cites nothing.
/// </summary>
internal sealed class LegalAnswerer(LegalSearchEngine search) : ILegalAnswerer
{
    private const int RetrievedArticles = 30;
    private const int MaxCitations = 3;
    private const int MaxArticleCitations = 2;
    private const int ShownToModel = 5;

    /// <summary>FAQ entries scoring below this share of the best FAQ match are not used as the answer.</summary>
    private const float FaqCutoff = 0.6f;

    /// <summary>An FAQ entry must hold at least this share of the question's weighted words to answer it.</summary>
    internal const float FaqMinCoverage = 0.5f;

    /// <summary>An FAQ entry holding less of the question's words still answers when the question is this close to one of its questions.</summary>
    internal const float FaqMinSimilarity = 0.4f;

    // Weights of the entry's confidence besides its BM25 rank (see Confidence): a grid over the tune half of the answer
    // set, checked on the other half (docs/understanding.md). The best article's share weighed as much as the rank
    // let an entry whose article shares the topic's words beat the neighbour holding the word asked about (期限 in
    // 申请强制执行有期限吗); at a quarter the entry's own words decide, and every FAQ question still finds its entry.
    private const float CoverageWeight = 0.5f;
    private const float SimilarityWeight = 0.5f;
    private const float ArticleWeight = 0.25f;

    /// <summary>
    /// An FAQ entry answers only when its confidence (<see cref="Confidence"/>: 1 for the best BM25 match plus the
    /// weighted shares, about 1.9 for a close match) reaches this; below it the evidence is weak and the articles, else
    /// the honest path, answer. Chosen on the tune half of the answer set: halfway between its one wrong answer of low
    /// confidence (1.06) and its lowest right one (1.36); the citizens' messages it turns honest were mostly answered
    /// wrongly (docs/understanding.md).
    /// </summary>
    internal const float FaqMinConfidence = 1.2f;

    /// <summary>An article cited without an FAQ entry must hold at least this share of the question's weighted words.</summary>
    internal const float ArticleMinCoverage = 0.8f;

    /// <summary>
    /// Evidence an FAQ entry outside the question's topic needs: the best match, holding nearly all the question's words.
    /// </summary>
    internal const float OutOfTopicCoverage = 0.9f;

    /// <summary>An FAQ entry's further articles are cited when they hold at least this share of what the best one holds.</summary>
    private const float CitationShareOfBest = 0.8f;

    private const int MaxFaqCitations = 2;

    /// <summary>
    /// An FAQ entry's second article is cited only when it holds at least this share of the question's words: a
    /// citation the citizen reads should be about the question, not only about the entry (precision over recall).
    /// </summary>
    private const float FurtherCitationMinCoverage = 0.6f;

    /// <summary>A legal-aid entry for the case at hand is preferred when it scores at least this share of the best match.</summary>
    private const float CaseEntryCutoff = 0.3f;

    private static readonly string[] LegalAidWords = ["法律援助", "法援", "援助律师", "免费律师", "免费的律师", "免费请律师", "免费找律师"];

    public Task<LegalAnswer> AnswerAsync(
        string question, string? previousQuestion = null, string? topic = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Compose(question, previousQuestion, topic).Answer);
    }

    /// <summary>The composed answer and the articles it was composed from (a language model is given the same articles).</summary>
    internal ComposedAnswer Compose(string question, string? previousQuestion, string? topic = null)
    {
        var result = search.Search(question, RetrievedArticles, previousQuestion);
        if (result.Hits.Count == 0 && result.Faq.Count == 0)
        {
            return new ComposedAnswer(new LegalAnswer(AnswerTexts.NotFound, [], AnswerTexts.DefaultNextSteps, AnswerTexts.Disclaimer, Found: false), []);
        }

        var asked = LegalTopics.IsKnown(topic) ? topic : null;
        var legalAidAsked = LegalAidWords.Any(w => question.Contains(w, StringComparison.Ordinal));
        var effective = asked ?? (legalAidAsked ? LegalTopics.LegalAid : InferTopic(result));
        var caseTopic = asked is not null && asked != LegalTopics.LegalAid
            ? asked
            : legalAidAsked && !string.IsNullOrWhiteSpace(previousQuestion) ? InferTopic(search.Search(previousQuestion, 10)) : null;

        bool InScope(string lawId, int article) =>
            (effective is not null && TopicScopes.Contains(effective, lawId, article))
            || (legalAidAsked && TopicScopes.Contains(LegalTopics.LegalAid, lawId, article));

        var faq = ChooseFaq(result, effective, caseTopic, legalAidAsked, InScope);
        if (faq is not null)
        {
            var cited = faq.Value.Cited.Select(ToHit).ToList();
            var retrieved = cited.Concat(InScopeHits(result, InScope).Take(ShownToModel)).DistinctBy(h => (h.LawId, h.ArticleNumber)).ToList();
            return new ComposedAnswer(
                new LegalAnswer(faq.Value.Entry.Answer, [.. cited.Select(h => ToCitation(h, result.Words))], faq.Value.Entry.NextSteps, AnswerTexts.Disclaimer, Found: true),
                retrieved,
                result.Words);
        }

        var supported = InScopeHits(result, InScope, ArticleMinCoverage).Take(MaxArticleCitations).ToList();
        if (supported.Count > 0)
        {
            var retrieved = supported.Concat(InScopeHits(result, InScope).Take(ShownToModel)).DistinctBy(h => (h.LawId, h.ArticleNumber)).ToList();
            return new ComposedAnswer(
                new LegalAnswer(AnswerTexts.ArticlesOnly, [.. supported.Select(h => ToCitation(h, result.Words))], AnswerTexts.DefaultNextSteps, AnswerTexts.Disclaimer, Found: true),
                retrieved,
                result.Words);
        }

        return new ComposedAnswer(
            // The general rights of a topic only when the topic is known: one guessed from weak matches would talk about
            // medical disputes to a question on e-bikes in the stairwell.
            new LegalAnswer(AnswerTexts.UnsureAnswer(asked ?? (legalAidAsked ? LegalTopics.LegalAid : null)), [], AnswerTexts.UnsureNextSteps, AnswerTexts.Disclaimer, Found: false), []);
    }

    // The first FAQ entry that matches the question well and with enough confidence, lies in the topic (an entry
    // outside it only with much stronger evidence, after every entry of the topic) and whose summary its articles bear
    // out; for "can I get legal aid", the entry for the case at hand comes first. Its articles are cited in the entry's order, those
    // holding much less of the question than the best one left out.
    private (FaqEntry Entry, IReadOnlyList<LawArticle> Cited)? ChooseFaq(
        LegalSearchResult result, string? topic, string? caseTopic, bool legalAidAsked, Func<string, int, bool> inScope)
    {
        if (legalAidAsked && caseTopic is not null)
        {
            var forCase = result.Faq.FirstOrDefault(m => m.RelativeScore >= CaseEntryCutoff
                && m.Entry.Topic == LegalTopics.LegalAid && m.Entry.Case == caseTopic && Supported(m.Entry));
            if (forCase is not null)
            {
                return (forCase.Entry, Articles(forCase.Entry).Take(MaxCitations).ToList());
            }
        }

        bool Fits(FaqMatch m) => topic is null || m.Entry.Citations.All(c => inScope(c.LawId, c.Article));
        var matches = result.Faq
            .Where(m => m.RelativeScore >= FaqCutoff && (m.Coverage >= FaqMinCoverage || m.Similarity >= FaqMinSimilarity))
            .Select(m => (Match: m, Confidence: Confidence(m, result)))
            .Where(m => m.Confidence >= FaqMinConfidence)
            .OrderByDescending(m => m.Confidence)
            .Select(m => m.Match)
            .ToList();
        var ordered = matches.Where(Fits)
            .Concat(matches.Where(m => !Fits(m) && m.RelativeScore >= 1f && m.Coverage >= OutOfTopicCoverage));
        var entry = ordered.Select(m => m.Entry).FirstOrDefault(Supported);
        if (entry is null)
        {
            return null;
        }

        var articles = Articles(entry).Select(a => (Article: a, Coverage: result.CoverageOf(a))).ToList();
        var best = articles.Max(a => a.Coverage);
        var cited = articles
            .Where(a => a.Coverage >= best * CitationShareOfBest)
            .Where((a, i) => i == 0 || a.Coverage >= FurtherCitationMinCoverage)
            .Take(MaxFaqCitations)
            .Select(a => a.Article)
            .ToList();
        return (entry, cited);
    }

    // How well an entry answers the question: its BM25 rank among the entries, the question's words in its text, how
    // close the question is to one of its own questions, and the question's words in the best article it cites (an
    // entry whose articles hold the act asked about beats a neighbour that only shares the topic's words).
    private float Confidence(FaqMatch match, LegalSearchResult result) =>
        match.RelativeScore
        + (CoverageWeight * match.Coverage)
        + (SimilarityWeight * match.Similarity)
        + (ArticleWeight * Articles(match.Entry).Select(result.CoverageOf).DefaultIfEmpty(0f).Max());

    private IEnumerable<LawArticle> Articles(FaqEntry entry) =>
        entry.Citations.Select(c => search.Corpus.Find(c.LawId, c.Article)).OfType<LawArticle>();

    private bool Supported(FaqEntry entry) =>
        ClaimCheck.Unsupported(entry.Answer, entry.Citations.Select(c => search.Corpus.Find(c.LawId, c.Article)?.Text ?? string.Empty)).Count == 0;

    private static IEnumerable<LegalSearchHit> InScopeHits(LegalSearchResult result, Func<string, int, bool> inScope, float minCoverage = 0f) =>
        result.Hits
            .Select((hit, i) => (hit, coverage: result.Coverages[i]))
            .Where(h => h.coverage >= minCoverage && inScope(h.hit.LawId, h.hit.ArticleNumber))
            .Select(h => h.hit);

    // The best FAQ match that holds enough of the question decides; else the law of the best article.
    private static string? InferTopic(LegalSearchResult result)
    {
        var faq = result.Faq.FirstOrDefault(m => m.Coverage >= FaqMinCoverage);
        if (faq is not null)
        {
            return faq.Entry.Topic;
        }

        return result.Hits.Count == 0 ? null : TopicScopes.TopicsOf(result.Hits[0].LawId, result.Hits[0].ArticleNumber).FirstOrDefault();
    }

    private static LegalSearchHit ToHit(LawArticle article) =>
        new(article.LawId, article.LawTitle, article.Label, article.Number, article.Text, 1f);

    /// <param name="hit">The cited article.</param>
    /// <param name="words">The question's weighted words: the quote is the article's sentence that holds most of them.</param>
    internal static LegalCitation ToCitation(LegalSearchHit hit, IReadOnlyList<(string Text, float Weight)>? words = null) =>
        new(hit.LawId, hit.LawTitle, hit.Article, ArticleQuote.Of(hit.Text, words));
}

/// <summary>A composed answer with every article retrieved for it and the question's weighted words (to quote the rule asked about).</summary>
internal sealed record ComposedAnswer(LegalAnswer Answer, IReadOnlyList<LegalSearchHit> Retrieved, IReadOnlyList<(string Text, float Weight)>? Words = null);
