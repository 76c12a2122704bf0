using CitizenBot.Dialogs.Mediation;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CitizenBot.Bot.Data;

/// <summary>
/// A booking's status as stored in <c>mediation_bookings.Status</c>: the <see cref="BookingStatus"/> names it has always
/// held (<c>Invited</c>, <c>Confirmed</c>, …), so the column, the partial unique index on active rows and the rows already
/// written stay as they are. An unknown string is an error, not a default status.
/// </summary>
internal static class BookingStatuses
{
    /// <summary>An active booking holds its mediator's slot; the partial unique index filters on these stored names.</summary>
    public static readonly IReadOnlySet<BookingStatus> Active = new HashSet<BookingStatus> { BookingStatus.Invited, BookingStatus.Confirmed };

    public static readonly ValueConverter<BookingStatus, string> Converter = new(s => ToStored(s), s => ToTyped(s));

    public static string ToStored(BookingStatus status) => status switch
    {
        BookingStatus.Invited => nameof(BookingStatus.Invited),
        BookingStatus.Confirmed => nameof(BookingStatus.Confirmed),
        BookingStatus.Declined => nameof(BookingStatus.Declined),
        BookingStatus.Expired => nameof(BookingStatus.Expired),
        BookingStatus.Cancelled => nameof(BookingStatus.Cancelled),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static BookingStatus ToTyped(string status) => status switch
    {
        nameof(BookingStatus.Invited) => BookingStatus.Invited,
        nameof(BookingStatus.Confirmed) => BookingStatus.Confirmed,
        nameof(BookingStatus.Declined) => BookingStatus.Declined,
        nameof(BookingStatus.Expired) => BookingStatus.Expired,
        nameof(BookingStatus.Cancelled) => BookingStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a booking status this bot writes."),
    };
}
