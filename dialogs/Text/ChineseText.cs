using System.Globalization;
using System.Text;

namespace CitizenBot.Dialogs.Text;

/// <summary>
/// The one way user input is prepared for matching: NFKC (full-width digits and letters, circled numbers),
/// trimmed, and Traditional Chinese converted to Simplified with OpenCC's dictionaries.
/// </summary>
internal static class ChineseText
{
    private static readonly Lazy<OpenCcDictionary> Phrases =
        new(() => OpenCcDictionary.Load("opencc/TSPhrases.js"), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<OpenCcDictionary> Characters =
        new(() => OpenCcDictionary.Load("opencc/TSCharacters.js"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Traditional to Simplified: at each position the longest phrase, else the character, else the input as is.</summary>
    public static string ToSimplified(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var phrases = Phrases.Value;
        var characters = Characters.Value;
        var span = text.AsSpan();
        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < span.Length)
        {
            if (TryLongestPhrase(phrases, span[i..], out var phraseLength, out var phrase))
            {
                builder.Append(phrase);
                i += phraseLength;
                continue;
            }

            var charLength = char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]) ? 2 : 1;
            if (characters.TryGet(span.Slice(i, charLength), out var simplified))
            {
                builder.Append(simplified);
            }
            else
            {
                builder.Append(span.Slice(i, charLength));
            }

            i += charLength;
        }

        return builder.ToString();
    }

    /// <summary>NFKC, trimmed, Simplified: the text a prompt stores and a recognizer reads.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var valid = ReplaceLoneSurrogates(text);
        var normalized = valid.IsNormalized(NormalizationForm.FormKC) ? valid : valid.Normalize(NormalizationForm.FormKC);
        return ToSimplified(normalized.Trim());
    }

    /// <summary>
    /// <see cref="Normalize"/>, lower-cased, with whitespace, punctuation, symbols (emoji) and invisible format
    /// marks (e.g. RTL marks) removed: the key that keywords and options are compared with.
    /// </summary>
    public static string ToMatchKey(string? text) => MatchKeyOfNormalized(Normalize(text));

    /// <summary>
    /// The match key of a normalized text's opening clause, up to its first whitespace or punctuation after a letter
    /// ("算了，我找物业" → "算了"); empty when the text is one clause (a whole message is never its own opening clause)
    /// or when what follows is longer than <paramref name="maxRestLength"/> (a story that happens to open that way).
    /// </summary>
    public static string OpeningClauseKey(string normalized, int maxRestLength = int.MaxValue)
    {
        var seenLetter = false;
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (char.IsLetterOrDigit(c))
            {
                seenLetter = true;
            }
            else if (seenLetter && (char.IsWhiteSpace(c) || char.IsPunctuation(c)))
            {
                var rest = MatchKeyOfNormalized(normalized[(i + 1)..]);
                return rest.Length == 0 || rest.Length > maxRestLength ? string.Empty : MatchKeyOfNormalized(normalized[..i]);
            }
        }

        return string.Empty;
    }

    /// <summary>Whether a match key holds any of <paramref name="words"/> (match keys too) anywhere in it.</summary>
    public static bool HoldsAny(string matchKey, IEnumerable<string> words) => words.Any(w => matchKey.Contains(w, StringComparison.Ordinal));

    /// <summary><see cref="ToMatchKey"/> of a text already <see cref="Normalize"/>d (the turn has both).</summary>
    public static string MatchKeyOfNormalized(string normalized)
    {
        var builder = new StringBuilder(normalized.Length);
        Span<char> lower = stackalloc char[2];
        foreach (var rune in normalized.EnumerateRunes())
        {
            switch (Rune.GetUnicodeCategory(rune))
            {
                // Chinese characters and digits have no case: appended as they are.
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    builder.Append(lower[..rune.EncodeToUtf16(lower)]);
                    break;
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.OtherNumber:
                    builder.Append(lower[..Rune.ToLowerInvariant(rune).EncodeToUtf16(lower)]);
                    break;
            }
        }

        return builder.ToString();
    }

    // string.Normalize throws on ill-formed UTF-16, which a channel can hand us; such a unit becomes U+FFFD.
    private static string ReplaceLoneSurrogates(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var paired = char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) : !char.IsLowSurrogate(c);
            if (char.IsHighSurrogate(c) && paired)
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (!paired)
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
                builder.Append(Rune.ReplacementChar.ToString());
                continue;
            }

            builder?.Append(c);
        }

        return builder?.ToString() ?? text;
    }

    private static bool TryLongestPhrase(OpenCcDictionary phrases, ReadOnlySpan<char> rest, out int length, out string value)
    {
        for (length = Math.Min(phrases.MaxKeyLength, rest.Length); length >= 2; length--)
        {
            if (phrases.TryGet(rest[..length], out value))
            {
                return true;
            }
        }

        value = string.Empty;
        return false;
    }
}
