using System.Globalization;
using System.Text.RegularExpressions;
using BitFaster.Caching.Lru;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>
/// Finds the option a message picks. In order: the whole message is a title or synonym; the message is an option's
/// number and nothing more ("2", "②", "第二个", "我选2"); the message contains a title or synonym, or is a unique part of one.
/// Input is a <see cref="ChineseText.ToMatchKey"/> key.
/// </summary>
internal static partial class ChoiceRecognizer
{
    // The options' titles and synonyms are mostly the product's own words, asked about at every prompt: their match keys
    // are kept rather than worked out again each time. The cache is bounded; the few dynamic options (ticket numbers)
    // come and go in it.
    private static readonly FastConcurrentLru<string, string> OptionKeys = new(4096);

    /// <summary>The longest message in which a one-character option word still counts as the answer ("要吧", "好的呀").</summary>
    private const int ShortAnswerLength = 3;

    public static PromptRecognition<FoundChoice> Recognize(string key, IReadOnlyList<Choice> choices)
    {
        if (key.Length == 0)
        {
            return PromptRecognition<FoundChoice>.Failure(Texts.RetryChoiceUnknown);
        }

        var keyed = choices
            .Select((choice, index) => (index, choice, words: Words(choice)))
            .ToList();

        foreach (var (index, choice, words) in keyed)
        {
            if (words.Contains(key))
            {
                return Found(index, choice);
            }
        }

        if (TryReadPick(key, out var number))
        {
            return number >= 1 && number <= choices.Count
                ? Found(number - 1, choices[number - 1])
                : PromptRecognition<FoundChoice>.Failure(
                    string.Format(CultureInfo.CurrentCulture, Texts.RetryChoiceOutOfRange, number, choices.Count));
        }

        // The message holds a title or synonym: the longest one wins; two options tied is no answer. A one-character word
        // ("要", "好") counts only in a message of a few characters ("要吧"): in a sentence it is a part of other words
        // ("保护令要什么材料" is not a yes).
        var contained = keyed
            .Select(k => (k.index, k.choice, length: k.words.Where(w => (w.Length > 1 || key.Length <= ShortAnswerLength) && key.Contains(w)).Select(w => w.Length).DefaultIfEmpty(0).Max()))
            .Where(k => k.length > 0)
            .OrderByDescending(k => k.length)
            .ToList();
        if (contained.Count > 0 && (contained.Count == 1 || contained[0].length > contained[1].length))
        {
            return Found(contained[0].index, contained[0].choice);
        }

        // The message is a part of exactly one title ("上报" for "事件上报").
        if (key.Length >= 2)
        {
            var partOf = keyed.Where(k => k.words.Any(w => w.Contains(key, StringComparison.Ordinal))).ToList();
            if (partOf.Count == 1)
            {
                return Found(partOf[0].index, partOf[0].choice);
            }
        }

        return PromptRecognition<FoundChoice>.Failure(Texts.RetryChoiceUnknown);
    }

    /// <summary>
    /// The message says nothing but an option's number ("2", "我选2", "选第二个吧", "3号"). A number with more said is
    /// not a pick: "2楼漏水" and "5栋门口垃圾没人清" are about a floor and a building, read by the models like any sentence.
    /// </summary>
    internal static bool TryReadPick(string key, out int number)
    {
        number = 0;
        var pick = NumberPick().Match(key);
        if (!pick.Success)
        {
            return false;
        }

        var n = pick.Groups["n"].ValueSpan;
        number = char.IsAsciiDigit(n[0])
            ? int.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture)
            : ChineseNumeral(n);
        return number >= 1;
    }

    private static int ChineseNumeral(ReadOnlySpan<char> text)
    {
        const string Units = "零一二三四五六七八九";
        if (text.Length == 1 && text[0] == '十')
        {
            return 10;
        }

        if (text.Length == 1)
        {
            return text[0] == '两' ? 2 : Units.IndexOf(text[0]);
        }

        // 十一..十九, 二十.
        if (text.Length == 2 && text[0] == '十')
        {
            return 10 + Units.IndexOf(text[1]);
        }

        return text.Length == 2 && text[1] == '十' ? Units.IndexOf(text[0]) * 10 : 0;
    }

    private static HashSet<string> Words(Choice choice)
    {
        var words = new HashSet<string>(StringComparer.Ordinal) { OptionKey(choice.Value) };
        foreach (var synonym in choice.Synonyms ?? [])
        {
            words.Add(OptionKey(synonym));
        }

        words.Remove(string.Empty);
        return words;
    }

    private static string OptionKey(string text) => OptionKeys.GetOrAdd(text, ChineseText.ToMatchKey);

    private static PromptRecognition<FoundChoice> Found(int index, Choice choice) =>
        PromptRecognition<FoundChoice>.Success(new FoundChoice(index, choice.Value));

    // The words people wrap around an option's number, and nothing more: 我选2, 就要第三个吧, 选择1号, 那就选项2.
    [GeneratedRegex("^(?:好的|好|那就|那|我就|我|就)?(?:选择|选的是|选|要|是)?(?:选项|第)?(?<n>[0-9]{1,2}|[一二两三四五六七八九十]{1,2})(?:个|项|条|种|号)?(?:吧|啊|呀|呢|嘛)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPick();
}
