using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Safety;

/// <summary>
/// Recognises an emergency or a crisis in one message, offline and in microseconds, from the rules in
/// <c>Safety/EmergencyRules.json</c> (see its <c>$comment</c>). It is the only gate: anything slower (an LLM) may
/// only ever add a second opinion after the numbers are out.
/// </summary>
internal sealed class EmergencyDetector
{
    // Patterns run on citizen text of any length: no backtracking, so no input can make them slow.
    private const RegexOptions PatternOptions = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    // Stands in for an ignored phrase, so words on either side of it do not join into a new phrase.
    private const char Gap = '|';

    private readonly IReadOnlyList<string> _ignore;
    private readonly HashSet<string> _topics;
    private readonly IReadOnlyList<string> _notNow;
    private readonly IReadOnlyList<string> _now;
    private readonly IReadOnlyList<string> _notReal;

    public EmergencyDetector()
        : this(LoadEmbedded())
    {
    }

    private EmergencyDetector(RulesFile file)
    {
        // Longest first, so "没有着火" is removed before "着火" could be.
        _ignore = [.. Keys(file.Ignore).OrderByDescending(k => k.Length)];
        _topics = [.. Keys(file.Topics)];
        _notNow = Keys(file.NotNow);
        _now = Keys(file.Now);
        _notReal = Keys(file.NotReal);
        Rules =
        [
            .. file.Kinds.Select(k => new EmergencyRule(
                Enum.Parse<EmergencyKind>(k.Kind, ignoreCase: true),
                k.Numbers,
                k.ReportCategory,
                Keys(k.Always),
                Keys(k.Phrases),
                [.. k.Patterns.Select(p => new Regex(p, PatternOptions))])),
        ];
    }

    public IReadOnlyList<EmergencyRule> Rules { get; }

    /// <summary>The emergency a message describes, or null. <paramref name="matchKey"/> is <see cref="ChineseText.ToMatchKey"/> of it.</summary>
    public Emergency? Detect(string matchKey)
    {
        if (matchKey.Length < 2)
        {
            return null;
        }

        var key = RemoveIgnored(matchKey);
        var topicOnly = _topics.Contains(key);
        var matched = new List<EmergencyRule>();
        var contextChecked = false;
        var contextVetoes = false;
        foreach (var rule in Rules)
        {
            if (rule.Always.Any(p => key.Contains(p, StringComparison.Ordinal)))
            {
                matched.Add(rule);
                continue;
            }

            if (!rule.Phrases.Any(p => key.Contains(p, StringComparison.Ordinal)) && !rule.Patterns.Any(p => p.IsMatch(key)))
            {
                continue;
            }

            if (!contextChecked)
            {
                contextVetoes = ContextVetoes(key);
                contextChecked = true;
            }

            if (!contextVetoes && !topicOnly)
            {
                matched.Add(rule);
            }
        }

        return matched.Count == 0 ? null : new Emergency(matched);
    }

    /// <summary>A risk, a story or advice is never an emergency; the past or a question is not, unless something says "now".</summary>
    private bool ContextVetoes(string key) =>
        ContainsAny(key, _notReal) || (ContainsAny(key, _notNow) && !ContainsAny(key, _now));

    private static bool ContainsAny(string key, IReadOnlyList<string> words) => words.Any(w => key.Contains(w, StringComparison.Ordinal));

    private string RemoveIgnored(string key)
    {
        StringBuilder? builder = null;
        foreach (var phrase in _ignore)
        {
            if (key.Contains(phrase, StringComparison.Ordinal))
            {
                builder ??= new StringBuilder(key);
                builder.Replace(phrase, Gap.ToString());
                key = builder.ToString();
            }
        }

        return key;
    }

    private static string[] Keys(IEnumerable<string> words) =>
        [.. words.Select(ChineseText.ToMatchKey).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal)];

    private static RulesFile LoadEmbedded()
    {
        using var stream = typeof(EmergencyDetector).Assembly.GetManifestResourceStream("CitizenBot.Dialogs.Safety.EmergencyRules.json")
            ?? throw new InvalidOperationException("Safety/EmergencyRules.json is not embedded; check CitizenBot.Dialogs.csproj.");
        return JsonSerializer.Deserialize<RulesFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException("Safety/EmergencyRules.json is empty.");
    }

    private sealed class RulesFile
    {
        public List<string> Ignore { get; set; } = [];

        public List<string> Topics { get; set; } = [];

        public List<string> NotNow { get; set; } = [];

        public List<string> Now { get; set; } = [];

        public List<string> NotReal { get; set; } = [];

        public List<KindEntry> Kinds { get; set; } = [];
    }

    private sealed class KindEntry
    {
        public required string Kind { get; set; }

        public List<string> Numbers { get; set; } = [];

        public string? ReportCategory { get; set; }

        public List<string> Always { get; set; } = [];

        public List<string> Phrases { get; set; } = [];

        public List<string> Patterns { get; set; } = [];
    }
}
