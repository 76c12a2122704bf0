using System.Globalization;

namespace CitizenBot.Bot.Mediation;

/// <summary>What parties are told outside the conversation: invitations, answers, reminders and the link pages (zh-CN).</summary>
internal static class MediationTexts
{
    public const string OtherWays = "您还可以：1. 到调解组织或司法所申请线下调解；2. 回复“法律咨询”了解法律规定和法律援助；3. 拨打12348公共法律服务热线。";

    public static readonly IReadOnlyList<string> OtherWayReplies = ["预约调解", "法律咨询"];

    public static string Period(DateTimeOffset start, DateTimeOffset end)
    {
        var local = TimeZoneInfo.ConvertTime(start, MediationCalendar.China);
        var localEnd = TimeZoneInfo.ConvertTime(end, MediationCalendar.China);
        return local.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture) + "-" + localEnd.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    public static string Invitation(string applicant, string disputeType, string body, string period, string link, string deadline) =>
        $"{applicant}邀请您通过视频参加{body}主持的{disputeType}调解，时间：{period}。调解遵循自愿原则，请在{deadline}前打开链接选择接受或拒绝：{link}";

    public static string Accepted(string number, string period, string join) =>
        $"对方已接受调解邀请，预约{number}已确认。时间：{period}。开始前15分钟可以通过您的专属链接进入：{join}";

    public static string Declined(string number) => $"对方拒绝了调解邀请，预约{number}已取消。调解需要双方自愿。" + OtherWays;

    public static string Expired(string number) => $"对方没有在期限内接受调解邀请，预约{number}已失效。" + OtherWays;

    public static string Reminder(string number, string lead, string period, string join) =>
        $"提醒：您预约的视频调解（{number}）将在{lead}后开始，时间：{period}。开始前15分钟可以进入：{join}";

    public static string OtherCancelled(string applicant, string period) => $"{applicant}已取消原定于{period}的视频调解。";

    public static string OtherRescheduled(string applicant, string period, string join) => $"{applicant}把视频调解改到了{period}。进入链接：{join}";

    public const string PageInvalid = "链接无效。请使用短信或聊天中收到的完整链接。";
    public const string PageEnded = "这次视频调解已经结束，链接已失效。";
    public const string PageNotConfirmed = "这次调解还没有确认（对方尚未接受），或已被取消、拒绝。请在对话中回复“我的调解”查看。";
    public const string PageInvitationClosed = "这份邀请已经答复过或已过期。";
    public const string PageAcceptButton = "接受调解";
    public const string PageDeclineButton = "拒绝";
    public const string PageDeclinedDone = "您已拒绝这次调解，我们会告知申请人。如改变主意，可以联系对方重新预约。";

    public static string PageNotOpenYet(string period, string opens) =>
        $"视频调解室尚未开放。调解时间：{period}，{opens}起可以进入。请到时再打开这个链接。";

    public static string PageInvitation(string applicant, string disputeType, string body, string period, string deadline) =>
        $"{applicant}邀请您参加在线视频调解。\n纠纷类型：{disputeType}\n调解组织：{body}\n时间：{period}\n请在{deadline}前答复。在线调解需要双方同意，您可以接受，也可以拒绝（拒绝后可选择线下调解等其他途径）。";

    public static string PageAccepted(string period) => $"您已接受调解邀请。调解时间：{period}。开始前15分钟可以通过下面的专属链接进入视频调解室：";
}
