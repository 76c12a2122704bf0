using System.Text.RegularExpressions;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>
/// Mainland China mobile numbers (<c>1[3-9]</c> and 9 digits), with or without +86, and however spaced: "138 0013 8000",
/// "(138)0013-8000". One pattern both finds a number and hides the numbers in a text.
/// </summary>
internal static partial class MobileNumber
{
    private const int Digits = 11;

    /// <summary>The 11 digits of the one mobile number in <paramref name="text"/> (already NFKC), or null.</summary>
    public static string? Find(string text)
    {
        var matches = Spaced().Matches(text);
        return matches.Count == 1 ? string.Concat(matches[0].Value.Where(char.IsAsciiDigit))[^Digits..] : null;
    }

    /// <summary><paramref name="text"/> with every mobile number in it, however spaced, replaced by <paramref name="replacement"/>.</summary>
    public static string Hide(string text, string replacement) => Spaced().Replace(text, replacement);

    // Separators may stand between any two digits: spaces, dashes and brackets.
    [GeneratedRegex(@"(?<![0-9])(?:(?:\+?86|0086)[\s\-‐‑–—()（）]*)?[(（]?1[\s\-‐‑–—()（）]*[3-9](?:[\s\-‐‑–—()（）]*[0-9]){9}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Spaced();
}
