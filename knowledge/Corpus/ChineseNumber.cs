namespace CitizenBot.Knowledge.Corpus;

/// <summary>Chinese numerals as used in article labels (第一千二百一十三条).</summary>
internal static class ChineseNumber
{
    private const string Digits = "零一二三四五六七八九";

    /// <summary>Parses 一百零五 → 105, 十 → 10; returns false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        var total = 0;
        var digit = -1;
        foreach (var c in text)
        {
            var d = Digits.IndexOf(c);
            if (d >= 0)
            {
                digit = d;
                continue;
            }

            var unit = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (unit == 0)
            {
                return false;
            }

            // A bare 十 at the start means 一十 (十五 = 15).
            total += (digit <= 0 ? 1 : digit) * unit;
            digit = -1;
        }

        value = total + Math.Max(digit, 0);
        return value > 0;
    }

    /// <summary>Parses an article label such as 第三十条 into 30.</summary>
    public static bool TryParseArticleLabel(string label, out int number)
    {
        number = 0;
        var span = label.AsSpan().Trim();
        return span.Length > 2 && span[0] == '第' && span[^1] == '条' && TryParse(span[1..^1], out number);
    }
}
