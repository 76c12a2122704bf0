namespace CitizenBot.Knowledge.Answers;

/// <summary>
/// The quote shown under a citation: the article's sentence that holds most of the question's words (the first when
/// none holds more, or when no question is given), verbatim, ending at a sentence end; when it ends in a colon
/// ("…可以申请法律援助："), the items listed after it are kept, because they are the rule's conditions. A long sentence
/// is shortened only inside, between clauses, with ……, keeping the clauses that hold the question's words or a time
/// limit, amount or penalty; the items are never cut. The rule asked about is often in a
/// later paragraph (第二款: the penalty, the time limit), and the first paragraph alone would quote the wrong rule.
/// A number the question holds alone (三 of 干了三年, 五 of 五万) does not choose the sentence: it is the citizen's own
/// quantity, and it matched 三倍 in the cap of 劳动合同法第四十七条 instead of its rule (每满一年支付一个月工资).
/// </summary>
internal static class ArticleQuote
{
    /// <summary>A sentence longer than this is shortened inside.</summary>
    internal const int MaxSentenceChars = 90;

    private const int HeadChars = 50;
    private const int TailChars = 30;

    /// <param name="text">The article's text, paragraphs separated by new lines.</param>
    /// <param name="words">The question's weighted words (<see cref="Search.LegalSearchResult.Words"/>); none quotes the first sentence.</param>
    public static string Of(string text, IReadOnlyList<(string Text, float Weight)>? words = null)
    {
        var paragraphs = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var sentences = Sentences(paragraphs);
        if (sentences.Count == 0)
        {
            return string.Empty;
        }

        var chosen = sentences[0];
        var choosing = words?.Where(w => !IsNumber(w.Text)).ToList();
        if (choosing is { Count: > 0 })
        {
            var best = Search.ArticleReranker.Coverage(chosen.Sentence + chosen.Items, choosing);
            foreach (var candidate in sentences.Skip(1))
            {
                var coverage = Search.ArticleReranker.Coverage(candidate.Sentence + candidate.Items, choosing);
                if (coverage > best)
                {
                    (chosen, best) = (candidate, coverage);
                }
            }
        }

        return Shorten(chosen.Sentence, words) + chosen.Items;
    }

    // Every sentence of the article (items are not sentences of their own: they belong to the sentence ending in a
    // colon before them, and a quote of that sentence carries them whole).
    private static List<(string Sentence, string Items)> Sentences(string[] paragraphs)
    {
        var sentences = new List<(string Sentence, string Items)>();
        for (var i = 0; i < paragraphs.Length; i++)
        {
            if (IsItem(paragraphs[i]))
            {
                continue;
            }

            var rest = paragraphs[i];
            while (rest.Length > 0)
            {
                var end = rest.IndexOf('。', StringComparison.Ordinal);
                var sentence = end >= 0 ? rest[..(end + 1)] : rest;
                rest = rest[sentence.Length..].TrimStart();
                var items = sentence.EndsWith('：') && rest.Length == 0
                    ? string.Concat(paragraphs.Skip(i + 1).TakeWhile(IsItem))
                    : string.Empty;
                sentences.Add((sentence, items));
            }
        }

        return sentences;
    }

    private static bool IsNumber(string word) => word.All(c => char.IsAsciiDigit(c) || "零〇一二两三四五六七八九十百千万亿几半".Contains(c));

    private static bool IsItem(string paragraph) => paragraph.StartsWith('（') || paragraph.StartsWith('(');

    // Keeps whole clauses (split after ，；、) from the start up to HeadChars and from the end up to TailChars, and
    // every clause between them that holds a word of the question or a time limit, amount or penalty: those are the
    // rule asked about ("……在事故伤害发生之日……起1年内，可以直接……申请"). Each run of left-out clauses becomes one ……
    private static string Shorten(string sentence, IReadOnlyList<(string Text, float Weight)>? words)
    {
        if (sentence.Length <= MaxSentenceChars)
        {
            return sentence;
        }

        var clauses = SplitClauses(sentence);
        var keep = new bool[clauses.Count];
        var length = 0;
        for (var i = 0; i < clauses.Count && (i == 0 || length + clauses[i].Length <= HeadChars); i++)
        {
            keep[i] = true;
            length += clauses[i].Length;
        }

        length = 0;
        for (var i = clauses.Count - 1; i >= 0 && (i == clauses.Count - 1 || length + clauses[i].Length <= TailChars); i--)
        {
            keep[i] = true;
            length += clauses[i].Length;
        }

        for (var i = 0; i < clauses.Count; i++)
        {
            keep[i] |= HoldsTheRule(clauses[i], words);
        }

        if (keep.All(k => k))
        {
            return sentence;
        }

        var quote = new System.Text.StringBuilder(sentence.Length);
        for (var i = 0; i < clauses.Count; i++)
        {
            if (keep[i])
            {
                quote.Append(clauses[i]);
            }
            else if (i == 0 || keep[i - 1])
            {
                quote.Append(AnswerTexts.Ellipsis);
            }
        }

        return quote.ToString();
    }

    private static bool HoldsTheRule(string clause, IReadOnlyList<(string Text, float Weight)>? words) =>
        ClaimCheck.Quantities(clause).Count > 0
        || (words is not null && words.Any(w => clause.Contains(w.Text, StringComparison.Ordinal)));

    private static List<string> SplitClauses(string sentence)
    {
        var clauses = new List<string>();
        var start = 0;
        for (var i = 0; i < sentence.Length; i++)
        {
            if (sentence[i] is '，' or '；' or '、' || i == sentence.Length - 1)
            {
                clauses.Add(sentence[start..(i + 1)]);
                start = i + 1;
            }
        }

        return clauses;
    }
}
