using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Report;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CitizenBot.Bot.Ticketing.Lifecycle;

/// <summary>
/// The typed lifecycle values as the columns have always held them (<c>resolved</c>, <c>urgent</c>, <c>grid_worker</c>, <c>center</c>):
/// the same strings, so the columns, their indexes and the rows already written stay as they are. A query that filters
/// on a typed value is still SQL: EF converts the value, not the column.
/// </summary>
internal static class StoredValueConverters
{
    public static readonly ValueConverter<TicketStatus, string> Status = new(s => TicketStatuses.ToStored(s), s => TicketStatuses.ToTyped(s));

    public static readonly ValueConverter<Urgency, string> Urgency = new(u => Urgencies.ToStored(u), u => Urgencies.ToTyped(u));

    public static readonly ValueConverter<ReporterRole, string> Role = new(r => ReporterRoles.ToStored(r), r => ReporterRoles.ToTyped(r));

    public static readonly ValueConverter<Actor, string> Actor = new(a => Actors.ToStored(a), a => Actors.ToTyped(a));
}
