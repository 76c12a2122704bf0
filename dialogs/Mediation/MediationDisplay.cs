using System.Globalization;

namespace CitizenBot.Dialogs.Mediation;

/// <summary>How mediation times, statuses and contacts are shown to citizens (China time).</summary>
internal static class MediationDisplay
{
    // China has one time zone and no daylight saving (see Report/TicketDisplay).
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private static readonly string[] WeekDays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    /// <summary>"11月30日（周一）09:00-10:00".</summary>
    public static string Period(DateTimeOffset start, DateTimeOffset end)
    {
        var local = start.ToOffset(ChinaOffset);
        return local.ToString("M月d日", CultureInfo.InvariantCulture) + "（" + WeekDays[(int)local.DayOfWeek] + "）"
            + local.ToString("HH:mm", CultureInfo.InvariantCulture) + "-" + end.ToOffset(ChinaOffset).ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>"11月30日 09:00".</summary>
    public static string Time(DateTimeOffset at) => at.ToOffset(ChinaOffset).ToString("M月d日 HH:mm", CultureInfo.InvariantCulture);

    public static string SlotLine(MediationSlot slot) => Period(slot.Start, slot.End) + " " + slot.MediatorName;

    public static string Status(BookingStatus status) => status switch
    {
        BookingStatus.Invited => Resources.Texts.MediationStatusInvited,
        BookingStatus.Confirmed => Resources.Texts.MediationStatusConfirmed,
        BookingStatus.Declined => Resources.Texts.MediationStatusDeclined,
        BookingStatus.Expired => Resources.Texts.MediationStatusExpired,
        _ => Resources.Texts.MediationStatusCancelled,
    };

    public static string MaskPhone(string phone) => phone.Length == 11 ? phone[..3] + "****" + phone[7..] : "****";
}
