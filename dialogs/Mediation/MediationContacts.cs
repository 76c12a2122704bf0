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

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{5,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex WeChatId();
}
