using System.Text.RegularExpressions;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>Mainland China mobile numbers (<c>1[3-9]</c> and 9 digits), with or without +86, spaces or dashes.</summary>
internal static partial class MobileNumber
{
    /// <summary>The 11 digits of the one mobile number in <paramref name="text"/> (already NFKC), or null.</summary>
    public static string? Find(string text)
    {
        var compact = Separators().Replace(text, string.Empty);
        var matches = Number().Matches(compact);
        return matches.Count == 1 ? matches[0].Groups["number"].Value : null;
    }

    /// <summary><paramref name="text"/> with every mobile number in it, however spaced, replaced by <paramref name="replacement"/>.</summary>
    public static string Hide(string text, string replacement) => Spaced().Replace(text, replacement);

    [GeneratedRegex(@"(?<![0-9])(?:(?:\+?86|0086)[\s\-]?)?1[3-9](?:[\s\-]?[0-9]){9}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Spaced();

    [GeneratedRegex(@"[\s\-‐‑–—()（）]", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();

    [GeneratedRegex("(?<![0-9])(?:\\+?86|0086)?(?<number>1[3-9][0-9]{9})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
