using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace CitizenBot.Knowledge.Search;

/// <summary>The analyzers shared by indexing and querying: SmartCn words for most fields, CJK bigrams for the *_cjk fields.</summary>
internal static class LegalAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public static Analyzer Create()
    {
        var words = new SmartChineseAnalyzer(Version);
        var bigrams = new CJKAnalyzer(Version);
        return new PerFieldAnalyzerWrapper(words, new Dictionary<string, Analyzer>
        {
            [IndexFields.BodyBigrams] = bigrams,
            [IndexFields.QuestionBigrams] = bigrams,
        });
    }

    public static List<string> Tokenize(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var token = term.ToString();
            if (token.Any(char.IsLetterOrDigit))
            {
                tokens.Add(token);
            }
        }

        stream.End();
        return tokens;
    }

    /// <summary>Keeps letters, digits and CJK; everything else (query syntax, emoji, SQL punctuation) becomes a space.</summary>
    public static string Clean(string text, int maxChars)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(Math.Min(normalized.Length, maxChars));
        foreach (var c in normalized)
        {
            if (builder.Length >= maxChars)
            {
                break;
            }

            builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return builder.ToString().Trim();
    }
}
