using System.Text.RegularExpressions;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Mediation;

/// <summary>How the other party can be reached: a mainland mobile number or a WeChat id. Shared by the flow and the web API.</summary>
public static partial class MediationContacts
{
    /// <summary>The 11 digits of the one mobile number in <paramref name="text"/>, or null.</summary>
    public static string? FindMobile(string? text) => MobileNumber.Find(ChineseText.Normalize(text));

    /// <summary>WeChat's own rule for a 微信号: 6–20 letters, digits, '_' or '-', starting with a letter.</summary>
    public static bool IsWeChatId(string? text) => text is not null && WeChatId().IsMatch(text.Trim());

    /// <summary>The 微信号 in an answer that names it ("微信号 liu602abc", "他微信是liu602abc"), or null.</summary>
    public static string? FindWeChatId(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var id = NamedWeChatId().Match(text) is { Success: true } named ? named.Groups["id"].Value : text.Trim();
        return IsWeChatId(id) ? id : null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{5,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex WeChatId();

    [GeneratedRegex(@"(?:微信号|微信|wechat|vx|wx)\s*(?:号|是|为|id)?\s*[:：]?\s*(?<id>[A-Za-z][A-Za-z0-9_-]{5,19})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NamedWeChatId();
}
