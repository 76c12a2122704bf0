using System.Text.RegularExpressions;
using CitizenBot.Knowledge.Corpus;
using CitizenBot.Knowledge.Search;

namespace CitizenBot.Knowledge.Llm;

/// <summary>
/// Finds every statute citation in a model's text (《劳动合同法》第三十条, or 劳动合同法第三十条 without brackets)
/// and keeps only those that name an article that was retrieved; the others are replaced by a neutral phrase.
/// </summary>
internal static partial class CitationChecker
{
    private const string LawPrefix = "中华人民共和国";
    private const string Unsupported = "有关规定";

    /// <summary>The checked text and the retrieved articles it cites, in order of first mention.</summary>
    public static (string Text, IReadOnlyList<LegalSearchHit> Cited, int Removed) Check(string text, IReadOnlyList<LegalSearchHit> retrieved)
    {
        var cited = new List<LegalSearchHit>();
        var removed = 0;
        var checkedText = CitationPattern().Replace(text, match =>
        {
            var bracketed = match.Value.StartsWith('《');
            var hit = Find(match.Groups["law"].Value, bracketed, match.Groups["article"].Value, retrieved);
            if (hit is null)
            {
                removed++;
                return Unsupported;
            }

            if (!cited.Contains(hit))
            {
                cited.Add(hit);
            }

            return match.Value;
        });
        return (checkedText, cited, removed);
    }

    // A bare title is matched by its end, because the words before it ("根据劳动合同法") are caught with it.
    private static LegalSearchHit? Find(string law, bool bracketed, string article, IReadOnlyList<LegalSearchHit> retrieved)
    {
        if (!TryParseNumber(article, out var number))
        {
            return null;
        }

        var name = ShortTitle(law);
        return retrieved.FirstOrDefault(h => h.ArticleNumber == number
            && (bracketed ? ShortTitle(h.LawTitle) == name : name.EndsWith(ShortTitle(h.LawTitle), StringComparison.Ordinal)));
    }

    private static string ShortTitle(string title)
    {
        var trimmed = title.Trim();
        return trimmed.StartsWith(LawPrefix, StringComparison.Ordinal) ? trimmed[LawPrefix.Length..] : trimmed;
    }

    private static bool TryParseNumber(string article, out int number) =>
        int.TryParse(article, out number) || ChineseNumber.TryParse(article, out number);

    // 《title》第X条, or a bare title ending in 法/典/条例/办法/规定 right before 第X条.
    [GeneratedRegex(@"(?:《(?<law>[^《》]{2,40})》|(?<law>[\u4e00-\u9fff]{2,24}(?:法|典|条例|办法|规定)))\s*第(?<article>[零〇一二两三四五六七八九十百千0-9]{1,8})条")]
    private static partial Regex CitationPattern();
}
