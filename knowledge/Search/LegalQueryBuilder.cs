using CitizenBot.Knowledge.Search.Expansion;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace CitizenBot.Knowledge.Search;

/// <summary>
/// Turns a question into Lucene Query objects (never the text QueryParser, so citizen text cannot be query syntax).
/// </summary>
internal sealed class LegalQueryBuilder(Analyzer analyzer, ColloquialVocabulary vocabulary, Func<string, string> normalize)
{
    /// <summary>Longer input is cut: a question's point is in its first sentences, and clause counts stay bounded.</summary>
    public const int MaxQueryChars = 120;

    private const float ExpansionWeight = 0.7f;

    /// <summary>Words of the previous question count less than the follow-up's own words: they only keep the topic.</summary>
    private const float ContextWeight = 0.4f;

    private static readonly (string Field, float Boost)[] ArticleFields =
        [(IndexFields.Title, 2.0f), (IndexFields.Chapter, 1.5f), (IndexFields.Body, 1.0f)];

    private static readonly (string Field, float Boost)[] FaqFields =
        [(IndexFields.Questions, 2.0f), (IndexFields.Answer, 0.5f)];

    private const float ArticleBigramBoost = 0.3f;
    private const float FaqBigramBoost = 0.6f;

    /// <summary>Analyzes a question; <paramref name="context"/> (the previous question of a follow-up) adds weaker terms.</summary>
    public AnalyzedQuery Analyze(string question, string? context = null)
    {
        var text = Prepare(question);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var terms = new List<WeightedTerm>();
        AddTerms(text, 1.0f, seen, terms);
        if (text.Length == 0)
        {
            return new AnalyzedQuery([], []);
        }

        if (!string.IsNullOrWhiteSpace(context))
        {
            AddTerms(Prepare(context), ContextWeight, seen, terms);
        }

        var bigrams = LegalAnalyzers.Tokenize(analyzer, IndexFields.BodyBigrams, text)
            .Where(b => b.Length == 2)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new AnalyzedQuery(terms, bigrams);
    }

    private string Prepare(string? question) =>
        vocabulary.FixTypos(LegalAnalyzers.Clean(normalize(question ?? string.Empty), MaxQueryChars));

    private void AddTerms(string text, float weight, HashSet<string> seen, List<WeightedTerm> terms)
    {
        if (text.Length == 0)
        {
            return;
        }

        foreach (var token in LegalAnalyzers.Tokenize(analyzer, IndexFields.Body, text))
        {
            if (!vocabulary.Stopwords.Contains(token) && HasIdeograph(token) && seen.Add(token))
            {
                terms.Add(new WeightedTerm([token], weight));
            }
        }

        foreach (var legalTerm in vocabulary.Expand(text))
        {
            var tokens = LegalAnalyzers.Tokenize(analyzer, IndexFields.Body, legalTerm);
            if (tokens.Count > 0 && seen.Add(string.Join(' ', tokens)))
            {
                terms.Add(new WeightedTerm(tokens, ExpansionWeight * weight));
            }
        }
    }

    // Digits and Latin words say nothing about Chinese statutes ("1=1" would match every 第1项), so only words
    // with a CJK ideograph become terms.
    private static bool HasIdeograph(string token) => token.Any(c => c is >= '\u4e00' and <= '\u9fff');

    public static Query ForArticles(AnalyzedQuery query) =>
        Build(query, ArticleFields, IndexFields.BodyBigrams, ArticleBigramBoost);

    public static Query ForFaq(AnalyzedQuery query) =>
        Build(query, FaqFields, IndexFields.QuestionBigrams, FaqBigramBoost);

    private static BooleanQuery Build(AnalyzedQuery query, (string Field, float Boost)[] fields, string bigramField, float bigramBoost)
    {
        var root = new BooleanQuery();
        foreach (var term in query.Terms)
        {
            foreach (var (field, boost) in fields)
            {
                root.Add(TermOrPhrase(field, term.Tokens, term.Weight * boost), Occur.SHOULD);
            }
        }

        foreach (var bigram in query.Bigrams)
        {
            root.Add(new TermQuery(new Term(bigramField, bigram)) { Boost = bigramBoost }, Occur.SHOULD);
        }

        return root;
    }

    private static Query TermOrPhrase(string field, IReadOnlyList<string> tokens, float boost)
    {
        if (tokens.Count == 1)
        {
            return new TermQuery(new Term(field, tokens[0])) { Boost = boost };
        }

        var phrase = new PhraseQuery { Boost = boost };
        foreach (var token in tokens)
        {
            phrase.Add(new Term(field, token));
        }

        return phrase;
    }
}
