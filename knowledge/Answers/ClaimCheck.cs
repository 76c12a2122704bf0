using System.Globalization;
using System.Text.RegularExpressions;
using CitizenBot.Knowledge.Corpus;

namespace CitizenBot.Knowledge.Answers;

/// <summary>
/// Checks that what an answer says the authority may do — warning, fine, detention and the other penalties, amounts,
/// time limits, multiples and percentages — is written in the articles it cites.
/// </summary>
internal static partial class ClaimCheck
{
    private static readonly string[] Penalties = ["警告", "罚款", "拘留", "吊销", "没收", "暂扣", "责令停产停业"];

    /// <summary>Every penalty or quantity the claim states that none of the articles states; empty when supported.</summary>
    public static IReadOnlyList<string> Unsupported(string claim, IEnumerable<string> articleTexts)
    {
        var articles = string.Join('\n', articleTexts);
        var problems = Penalties
            .Where(p => claim.Contains(p, StringComparison.Ordinal) && !articles.Contains(p, StringComparison.Ordinal))
            .Select(p => "penalty " + p)
            .ToList();
        var stated = Quantities(articles);
        problems.AddRange(Quantities(claim).Where(q => !stated.Contains(q)).Select(q => string.Create(CultureInfo.InvariantCulture, $"quantity {q.Value}{q.Unit}")));
        return problems;
    }

    /// <summary>The quantities a text states (五日 = 5日, 百分之八十 = 80%, 7天 = 7日), units normalised.</summary>
    internal static HashSet<(long Value, string Unit)> Quantities(string text)
    {
        var result = new HashSet<(long Value, string Unit)>();
        foreach (Match match in Percent().Matches(text))
        {
            if (TryNumber(match.Groups["n"].Value, out var value))
            {
                result.Add((value, "%"));
            }
        }

        foreach (Match match in Quantity().Matches(text))
        {
            if (TryNumber(match.Groups["n"].Value, out var value))
            {
                result.Add((value, Unit(match.Groups["u"].Value)));
            }
        }

        return result;
    }

    private static string Unit(string unit) => unit switch
    {
        "天" => "日",
        "个工作日" => "工作日",
        "月" => "个月",
        "周岁" => "岁",
        _ => unit,
    };

    private static bool TryNumber(string text, out long value)
    {
        text = text.Replace('两', '二').Replace('〇', '零');
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var wan = text.IndexOf('万', StringComparison.Ordinal);
        if (wan < 0)
        {
            var ok = ChineseNumber.TryParse(text, out var small);
            value = small;
            return ok;
        }

        var high = wan == 0 ? 1 : ChineseNumber.TryParse(text.AsSpan(0, wan), out var h) ? h : -1;
        var low = wan == text.Length - 1 ? 0 : ChineseNumber.TryParse(text.AsSpan(wan + 1), out var l) ? l : -1;
        value = (high * 10_000L) + low;
        return high >= 0 && low >= 0;
    }

    [GeneratedRegex("百分之(?<n>[零〇一二两三四五六七八九十百千]+)")]
    private static partial Regex Percent();

    [GeneratedRegex("(?<n>[0-9]+|[零〇一二两三四五六七八九十百千万]+)\\s*(?<u>元|天|日|个工作日|工作日|个月|月|年|倍|小时|周岁|岁|%|公里)")]
    private static partial Regex Quantity();
}
