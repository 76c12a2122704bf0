using System.Text.Json;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Safety;

/// <summary>Insults and spam as data (<c>Safety/AbuseWords.json</c>), each word stored as its match key.</summary>
internal sealed class AbuseWords
{
    private readonly string[] _insults;
    private readonly HashSet<string> _insultsWhole;
    private readonly string[] _spam;

    public AbuseWords()
    {
        using var stream = typeof(AbuseWords).Assembly.GetManifestResourceStream("CitizenBot.Dialogs.Safety.AbuseWords.json")
            ?? throw new InvalidOperationException("Safety/AbuseWords.json is not embedded; check CitizenBot.Dialogs.csproj.");
        var words = JsonSerializer.Deserialize<WordsFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException("Safety/AbuseWords.json is empty.");
        _insults = Keys(words.Insults);
        _insultsWhole = [.. Keys(words.InsultsWhole)];
        _spam = Keys(words.Spam);
    }

    public bool IsInsult(string matchKey) =>
        _insultsWhole.Contains(matchKey) || ChineseText.HoldsAny(matchKey, _insults);

    /// <summary>The message is an insult and not much more (at most <paramref name="slack"/> other letters).</summary>
    public bool IsWholeInsult(string matchKey, int slack) =>
        _insultsWhole.Contains(matchKey) || _insults.Any(w => matchKey.Contains(w, StringComparison.Ordinal) && matchKey.Length - w.Length <= slack);

    public bool IsSpam(string matchKey) => ChineseText.HoldsAny(matchKey, _spam);

    private static string[] Keys(List<string> words) =>
        [.. words.Select(ChineseText.ToMatchKey).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal)];

    private sealed class WordsFile
    {
        public List<string> Insults { get; set; } = [];

        public List<string> InsultsWhole { get; set; } = [];

        public List<string> Spam { get; set; } = [];
    }
}
