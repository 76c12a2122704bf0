namespace CitizenBot.Knowledge.Answers;

/// <summary>
/// The quote shown under a citation: the article's first sentence, verbatim, ending at a sentence end; when it ends in
/// a colon ("…可以申请法律援助："), the items listed after it are kept, because they are the rule's conditions. A long
/// sentence is shortened only inside, between clauses, with ……; the items are never cut.
/// </summary>
internal static class ArticleQuote
{
    /// <summary>A sentence longer than this is shortened inside.</summary>
    internal const int MaxSentenceChars = 90;

    private const int HeadChars = 50;
    private const int TailChars = 30;

    public static string Of(string text)
    {
        var paragraphs = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (paragraphs.Length == 0)
        {
            return string.Empty;
        }

        var first = paragraphs[0];
        var end = first.IndexOf('。', StringComparison.Ordinal);
        var sentence = end >= 0 ? first[..(end + 1)] : first;
        var quote = Shorten(sentence);
        if (!sentence.EndsWith('：'))
        {
            return quote;
        }

        var items = paragraphs.Skip(1).TakeWhile(p => p.StartsWith('（') || p.StartsWith('(')).ToList();
        return quote + string.Concat(items);
    }

    // Keeps whole clauses (split after ，；、) from the start up to HeadChars and from the end up to TailChars.
    private static string Shorten(string sentence)
    {
        if (sentence.Length <= MaxSentenceChars)
        {
            return sentence;
        }

        var clauses = SplitClauses(sentence);
        var head = new List<string>();
        var length = 0;
        foreach (var clause in clauses)
        {
            if (head.Count > 0 && length + clause.Length > HeadChars)
            {
                break;
            }

            head.Add(clause);
            length += clause.Length;
        }

        var tail = new List<string>();
        length = 0;
        for (var i = clauses.Count - 1; i >= head.Count; i--)
        {
            if (tail.Count > 0 && length + clauses[i].Length > TailChars)
            {
                break;
            }

            tail.Insert(0, clauses[i]);
            length += clauses[i].Length;
        }

        return head.Count + tail.Count >= clauses.Count
            ? sentence
            : string.Concat(head) + AnswerTexts.Ellipsis + string.Concat(tail);
    }

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
