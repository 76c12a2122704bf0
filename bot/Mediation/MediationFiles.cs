using CitizenBot.Bot.Data;
using CitizenBot.Dialogs.Resources;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using QRCoder;

namespace CitizenBot.Bot.Mediation;

/// <summary>The calendar invitation (.ics, Ical.Net) and the QR code (QRCoder) of a party's join link.</summary>
internal static class MediationFiles
{
    public const string CalendarContentType = "text/calendar; charset=utf-8";

    public static string Calendar(MediationBookingRecord booking, string bodyName, string disputeTypeName, string joinUrl, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//CitizenBot//Mediation//ZH" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = booking.Id + "@citizenbot",
            Sequence = (int)(booking.SlotStart.ToUnixTimeSeconds() / 60 % int.MaxValue),
            DtStamp = new CalDateTime(now.UtcDateTime),
            DtStart = new CalDateTime(booking.SlotStart.UtcDateTime),
            DtEnd = new CalDateTime(booking.SlotEnd.UtcDateTime),
            Summary = string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts.MediationCalendarSummary, disputeTypeName, booking.Number),
            Location = joinUrl,
            Url = new Uri(joinUrl),
            Description = string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts.MediationCalendarDescription, bodyName, joinUrl),
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    public static byte[] QrPng(string joinUrl)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(joinUrl, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}
