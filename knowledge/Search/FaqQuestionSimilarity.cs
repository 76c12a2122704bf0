using CitizenBot.Knowledge.Faq;
using Lucene.Net.Analysis;

namespace CitizenBot.Knowledge.Search;

/// <summary>
/// How close a question is to the nearest of an FAQ entry's own questions and phrasings: the cosine of their character
/// bigrams, each bigram weighted by how few entries ask it (怎么, 需要, 什么条件 weigh little; 录像, 代写, 试用 much). BM25
/// over the entry's questions and answer finds the candidates; this tells a neighbouring entry (找人代写遗嘱需要什么条件)
/// from the one asked about (录像遗嘱需要什么条件) by the words that differ.
/// </summary>
internal sealed class FaqQuestionSimilarity
{
    private readonly List<List<HashSet<string>>> _questions;
    private readonly Dictionary<string, float> _idf = new(StringComparer.Ordinal);
    private readonly float _unseenIdf;

    public FaqQuestionSimilarity(FaqCatalog faq, Analyzer analyzer)
    {
        _questions = [.. faq.Entries.Select(e => e.AskedAs.Select(q => Bigrams(analyzer, q)).ToList())];
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var bigram in _questions.SelectMany(qs => qs.SelectMany(q => q).Distinct(StringComparer.Ordinal)))
        {
            documentFrequency[bigram] = documentFrequency.GetValueOrDefault(bigram) + 1;
        }

        var entries = Math.Max(1, faq.Entries.Count);
        foreach (var (bigram, frequency) in documentFrequency)
        {
            _idf[bigram] = Idf(entries, frequency);
        }

        _unseenIdf = Idf(entries, 0);
    }

    /// <summary>0 (nothing shared) … 1 (the same bigrams as one of the entry's questions).</summary>
    public float Of(int entryOrdinal, IReadOnlyCollection<string> questionBigrams)
    {
        if (questionBigrams.Count == 0)
        {
            return 0f;
        }

        var asked = questionBigrams.Sum(Weight);
        var best = 0f;
        foreach (var question in _questions[entryOrdinal])
        {
            var own = question.Sum(Weight);
            var shared = questionBigrams.Where(question.Contains).Sum(Weight);
            if (own > 0)
            {
                best = Math.Max(best, shared / MathF.Sqrt(asked * own));
            }
        }

        return best;
    }

    internal static HashSet<string> Bigrams(Analyzer analyzer, string text) =>
        [.. LegalAnalyzers.Tokenize(analyzer, IndexFields.QuestionBigrams, text).Where(b => b.Length == 2)];

    private float Weight(string bigram) => _idf.GetValueOrDefault(bigram, _unseenIdf);

    private static float Idf(int documents, int frequency) =>
        (float)Math.Log(1 + ((documents - frequency + 0.5) / (frequency + 0.5)));
}
