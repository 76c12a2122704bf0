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

/// <summary>Who took a step of a ticket's life (a <c>ticket_history</c> row).</summary>
internal enum Actor
{
    /// <summary>The citizen (or grid worker) who reported: filed, supplemented, urged, withdrew, asked for 重办, rated.</summary>
    Citizen,

    /// <summary>The center, by a callback.</summary>
    Center,

    /// <summary>The bot itself, e.g. telling the citizen a ticket is overdue.</summary>
    Bot,
}

/// <summary>Who took a step, as stored in <c>ticket_history.Actor</c>.</summary>
internal static class Actors
{
    public const string Citizen = "citizen";
    public const string Center = "center";
    public const string Bot = "bot";

    public static string ToStored(Actor actor) => actor switch
    {
        Actor.Citizen => Citizen,
        Actor.Center => Center,
        Actor.Bot => Bot,
        _ => throw new ArgumentOutOfRangeException(nameof(actor), actor, null),
    };

    public static Actor ToTyped(string actor) => actor switch
    {
        Citizen => Actor.Citizen,
        Center => Actor.Center,
        Bot => Actor.Bot,
        _ => throw new ArgumentOutOfRangeException(nameof(actor), actor, "Not an actor this bot writes."),
    };
}
