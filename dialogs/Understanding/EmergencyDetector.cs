using System.Text;
using System.Text.Json;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Understanding;

/// <summary>
/// The emergency rules of <c>Safety/EmergencyRules.json</c> (see its <c>$comment</c>): phrases that name a danger to
/// people happening now and must always be answered as one. The trained model finds the rest (see
/// <c>Understanding/Understander</c>); the rules also carry each kind's numbers and urgent-ticket category.
/// </summary>
internal sealed class EmergencyDetector
{
    // Stands in for an ignored phrase, so words on either side of it do not join into a new phrase.
    private const char Gap = '|';

    private readonly IReadOnlyList<string> _ignore;

    public EmergencyDetector()
        : this(LoadEmbedded())
    {
    }

    private EmergencyDetector(RulesFile file)
    {
        // Longest first, so "没有着火了" is removed before "着火了" could be.
        _ignore = [.. Keys(file.Ignore).OrderByDescending(k => k.Length)];
        Rules =
        [
            .. file.Kinds.Select(k => new EmergencyRule(
                Enum.Parse<EmergencyKind>(k.Kind, ignoreCase: true),
                k.Numbers,
                k.ReportCategory,
                Keys(k.Always),
                k.NeverOverruled,
                Keys(k.Whole))),
        ];
        _neverOverruled = [.. Rules.Where(r => r.NeverOverruled)];
        _services = [.. file.Services.Where(s => !s.Key.StartsWith('$')).SelectMany(s => Keys(s.Value.Deserialize<string[]>() ?? []).Select(w => (w, s.Key)))];
        if (file.Casualty is { } casualty)
        {
            _casualty = new CasualtyCall(casualty.Number, casualty.FirstFor.Select(k => Enum.Parse<EmergencyKind>(k, ignoreCase: true)).ToHashSet());
            _casualtyPhrases = Keys(casualty.Phrases);
        }
        else
        {
            _casualtyPhrases = [];
        }
    }

    /// <summary>Every kind, in answer order.</summary>
    public IReadOnlyList<EmergencyRule> Rules { get; }

    /// <summary>The ambulance for a message that says someone is hurt, or null when it does not (<see cref="CasualtyIn"/>).</summary>
    private readonly CasualtyCall? _casualty;

    private readonly IReadOnlyList<string> _casualtyPhrases;

    private readonly IReadOnlyList<EmergencyRule> _neverOverruled;

    private readonly IReadOnlyList<(string Word, string Number)> _services;

    /// <summary>
    /// The emergency numbers a message names, as digits ("122打了") or by their service ("救护车还没到" is 120), in the
    /// order they come; empty when it names none.
    /// </summary>
    public IReadOnlyList<string> ServicesNamedIn(string matchKey)
    {
        var found = new List<(int At, string Number)>();
        foreach (var number in Rules.SelectMany(r => r.Numbers).Distinct(StringComparer.Ordinal))
        {
            for (var at = matchKey.IndexOf(number, StringComparison.Ordinal); at >= 0; at = matchKey.IndexOf(number, at + 1, StringComparison.Ordinal))
            {
                // A number on its own, not part of a longer one (1201室, 13812011900).
                if ((at == 0 || !char.IsAsciiDigit(matchKey[at - 1])) && (at + number.Length == matchKey.Length || !char.IsAsciiDigit(matchKey[at + number.Length])))
                {
                    found.Add((at, number));
                    break;
                }
            }
        }

        foreach (var (word, number) in _services)
        {
            if (matchKey.IndexOf(word, StringComparison.Ordinal) is var at and >= 0)
            {
                found.Add((at, number));
            }
        }

        return [.. found.OrderBy(f => f.At).Select(f => f.Number).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The number to name too when <paramref name="matchKey"/> says someone is hurt, unconscious or not breathing
    /// ("叫他没反应", "头在流血"), the negations removed first ("没人受伤"); null when it says nothing of the kind.
    /// </summary>
    public CasualtyCall? CasualtyIn(string matchKey)
    {
        if (_casualty is null || matchKey.Length < 2)
        {
            return null;
        }

        var key = RemoveIgnored(matchKey);
        return _casualtyPhrases.Any(p => key.Contains(p, StringComparison.Ordinal)) ? _casualty : null;
    }

    /// <summary>
    /// The emergency a message names in words that count whatever the context, or null. <paramref name="matchKey"/> is
    /// <see cref="ChineseText.ToMatchKey"/> of it. <paramref name="overruled"/>: both models read nothing happening, and
    /// only the kinds that are never overruled are looked for.
    /// </summary>
    public Emergency? DetectCertain(string matchKey, bool overruled = false)
    {
        if (matchKey.Length < 2 || (overruled && _neverOverruled.Count == 0))
        {
            return null;
        }

        // OpenCC leaves 著 as it is (it is also a Simplified character), but in "著火了" it is the 着 of the phrase.
        var key = RemoveIgnored(matchKey.Replace('著', '着'));
        List<EmergencyRule>? matched = null;
        var whole = WithoutInterjections(key);
        foreach (var rule in overruled ? _neverOverruled : Rules)
        {
            if (rule.Always.Any(p => key.Contains(p, StringComparison.Ordinal)) || rule.Whole?.Any(p => IsRepeatOf(whole, p)) == true)
            {
                (matched ??= []).Add(rule);
            }
        }

        return matched is null ? null : new Emergency(matched);
    }

    /// <summary>
    /// The ignored phrases in <paramref name="matchKey"/> that use an emergency word in an everyday sense ("打我电话", "笑死",
    /// "火锅"), as against the negations ("没着火", "没人受伤"), which say something about the danger itself.
    /// </summary>
    public IReadOnlyList<string> IdiomsIn(string matchKey) =>
        [.. _ignore.Where(p => !NegationStarts.Contains(p[0]) && matchKey.Contains(p, StringComparison.Ordinal))];

    private static readonly HashSet<char> NegationStarts = ['没', '不', '无', '防', '非', '未'];

    /// <summary>The message without the interjections a cry is said with ("救命啊"), for the whole-message phrases.</summary>
    private static string WithoutInterjections(string key) =>
        string.Concat(key.Where(c => !Interjections.Contains(c)));

    private static readonly HashSet<char> Interjections = ['啊', '呀', '哇', '啦', '吧', '呢', '哪', '喂', Gap];

    /// <summary>The phrase once or said again and again ("救命救命", "sossos").</summary>
    private static bool IsRepeatOf(string whole, string phrase) =>
        whole.Length > 0 && whole.Length % phrase.Length == 0
        && Enumerable.Range(0, whole.Length / phrase.Length).All(i => whole.AsSpan(i * phrase.Length, phrase.Length).SequenceEqual(phrase));

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

        public List<KindEntry> Kinds { get; set; } = [];

        public CasualtyEntry? Casualty { get; set; }

        public Dictionary<string, JsonElement> Services { get; set; } = [];
    }

    private sealed class CasualtyEntry
    {
        public required string Number { get; set; }

        public List<string> FirstFor { get; set; } = [];

        public List<string> Phrases { get; set; } = [];
    }

    private sealed class KindEntry
    {
        public required string Kind { get; set; }

        public List<string> Numbers { get; set; } = [];

        public string? ReportCategory { get; set; }

        public List<string> Always { get; set; } = [];

        public bool NeverOverruled { get; set; }

        public List<string> Whole { get; set; } = [];
    }
}
