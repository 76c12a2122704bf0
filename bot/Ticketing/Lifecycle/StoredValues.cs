using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Report;

namespace CitizenBot.Bot.Ticketing.Lifecycle;

/// <summary>A ticket's urgency as stored in <c>tickets.Urgency</c> and sent to the center (center-api.yaml).</summary>
internal static class Urgencies
{
    public const string Normal = "normal";
    public const string Urgent = "urgent";

    public static string ToStored(Urgency urgency) => urgency switch
    {
        Urgency.Normal => Normal,
        Urgency.Urgent => Urgent,
        _ => throw new ArgumentOutOfRangeException(nameof(urgency), urgency, null),
    };

    public static Urgency ToTyped(string urgency) => urgency switch
    {
        Normal => Urgency.Normal,
        Urgent => Urgency.Urgent,
        _ => throw new ArgumentOutOfRangeException(nameof(urgency), urgency, "Not an urgency this bot writes."),
    };
}

/// <summary>Who reported, as stored in <c>tickets.ReporterRole</c> and sent to the center (center-api.yaml).</summary>
internal static class ReporterRoles
{
    public const string Resident = "resident";
    public const string GridWorker = "grid_worker";

    public static string ToStored(ReporterRole role) => role switch
    {
        ReporterRole.Resident => Resident,
        ReporterRole.GridWorker => GridWorker,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static ReporterRole ToTyped(string role) => role switch
    {
        Resident => ReporterRole.Resident,
        GridWorker => ReporterRole.GridWorker,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a reporter role this bot writes."),
    };
}
