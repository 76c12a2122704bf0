using System.Text.Json;
using System.Text.RegularExpressions;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Main;

/// <summary>
/// The offline free-text router: keyword and pattern rules from <c>Main/IntentRules.json</c>. Picks the matching
/// intent with the highest priority, then the highest score (summed keyword length, plus 4 per pattern), then file order.
/// </summary>
internal sealed class IntentRecognizer
{
    private const int PatternScore = 4;

    // Patterns run on citizen text of any length: no backtracking, so no input can make them slow.
    private const RegexOptions PatternOptions = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    public IntentRecognizer()
        : this(LoadEmbedded())
    {
    }

    internal IntentRecognizer(IReadOnlyList<IntentRule> rules) => Rules = rules;

    public IReadOnlyList<IntentRule> Rules { get; }

    /// <summary>The best intent among <paramref name="candidates"/> for a match key, or null.</summary>
    public string? Recognize(string matchKey, IReadOnlySet<string> candidates)
    {
        if (matchKey.Length == 0)
        {
            return null;
        }

        string? best = null;
        (int Priority, int Score) bestRank = (int.MinValue, 0);
        foreach (var rule in Rules)
        {
            if (!candidates.Contains(rule.Intent))
            {
                continue;
            }

            var score = rule.Keywords.Where(k => matchKey.Contains(k, StringComparison.Ordinal)).Sum(k => k.Length)
                + (rule.Patterns.Count(p => p.IsMatch(matchKey)) * PatternScore);
            if (score > 0 && (rule.Priority, score).CompareTo(bestRank) > 0)
            {
                best = rule.Intent;
                bestRank = (rule.Priority, score);
            }
        }

        return best;
    }

    internal static IReadOnlyList<IntentRule> Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize<RulesFile>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException("Main/IntentRules.json is empty.");
        return
        [
            .. file.Intents.Select(i => new IntentRule(
                i.Intent,
                i.Priority,
                [.. i.Keywords.Select(ChineseText.ToMatchKey).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal)],
                [.. i.Patterns.Select(p => new Regex(p, PatternOptions))])),
        ];
    }

    private static IReadOnlyList<IntentRule> LoadEmbedded()
    {
        using var stream = typeof(IntentRecognizer).Assembly.GetManifestResourceStream("CitizenBot.Dialogs.Main.IntentRules.json")
            ?? throw new InvalidOperationException("Main/IntentRules.json is not embedded; check CitizenBot.Dialogs.csproj.");
        return Parse(stream);
    }

    private sealed class RulesFile
    {
        public List<RuleEntry> Intents { get; set; } = [];
    }

    private sealed class RuleEntry
    {
        public required string Intent { get; set; }

        public int Priority { get; set; }

        public List<string> Keywords { get; set; } = [];

        public List<string> Patterns { get; set; } = [];
    }
}
