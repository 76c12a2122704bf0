using System.Text.RegularExpressions;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>
/// An address written inside a sentence ("我是和平路12号的王阿姨，楼下井盖没了" → "和平路12号"): a run of place names
/// (路, 街, 村, 小区 …) and the numbers after them (12号, 3栋, 2单元). Offered at the address question as a button, so a
/// citizen who already said where need not type it again; never filed without their tap.
/// </summary>
internal static partial class AddressInText
{
    public static string? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (Match match in Address().Matches(text))
        {
            if (match.Value.Length >= LocationPrompt.MinPlaceLength)
            {
                return match.Value;
            }
        }

        return null;
    }

    // A place name's own letters exclude the words that open or join a sentence (我, 是, 在, 的, 那, 这 …), so "我是和平路"
    // gives "和平路"; then the numbers of the house, building, unit and room.
    [GeneratedRegex(
        @"(?:[^\s\p{P}\p{S}0-9我你他她它是在的了把被那这个要就都也还从到住家们有]{1,8}?(?:大道|大街|胡同|社区|小区|花园|家园|公寓|新村|广场|市场|路|街|巷|弄|村|镇|乡|苑))+"
        + @"(?:[0-9一二三四五六七八九十百]+(?:号楼(?![下上里前后道顶梯])|号院|号|栋|幢|单元|楼(?![下上里前后道顶梯])|室|组|排))*",
        RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
