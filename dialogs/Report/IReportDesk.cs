using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Identity;

namespace CitizenBot.Dialogs.Report;

/// <summary>
/// What the Report and Status flows need from the rest of the system (flows never see HTTP, SQL or WeChat).
/// The bot implements it with EF Core tickets, an outbox and the photo store.
/// </summary>
public interface IReportDesk
{
    /// <summary>The configurable taxonomy, mapped to the center's codes, in menu order.</summary>
    IReadOnlyList<ReportCategory> Categories { get; }

    /// <summary>
    /// Takes a photo the citizen sent: checks it by content and size, reads GPS from its EXIF, stores it re-encoded
    /// without metadata. Never throws for bad input: the result says what was wrong.
    /// </summary>
    Task<PhotoIntake> AcceptPhotoAsync(Attachment attachment, Reporter reporter, CancellationToken cancellationToken);

    /// <summary>Community and grid of a point, or <c>null</c> when it lies outside every grid of the map.</summary>
    Task<GridPlace?> LocateAsync(ReportLocation location, CancellationToken cancellationToken);

    /// <summary>An open ticket of the same category within 100 m in the last 24 h, if there is one.</summary>
    Task<TicketSummary?> FindPossibleDuplicateAsync(string categoryCode, ReportLocation location, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the ticket and its outbox row in one transaction; the number is known at once. A submission with the
    /// <see cref="ReportSubmission.SubmissionId"/> of a ticket already written returns that ticket again and writes nothing.
    /// </summary>
    Task<TicketReceipt> SubmitAsync(ReportSubmission submission, CancellationToken cancellationToken);

    /// <summary>
    /// Adds photos and a note to an existing open ticket instead of creating a duplicate; once per
    /// <see cref="ReportSubmission.SubmissionId"/>, like <see cref="SubmitAsync"/>.
    /// </summary>
    Task<TicketReceipt> SupplementAsync(string ticketId, ReportSubmission submission, CancellationToken cancellationToken);

    /// <summary>The reporter's own tickets, newest first, with their status history. Never anyone else's.</summary>
    Task<IReadOnlyList<TicketSummary>> ListMineAsync(Reporter reporter, int take, CancellationToken cancellationToken);
}

/// <param name="Code">The center's category code.</param>
/// <param name="Keywords">Words that route free text to this category (Simplified Chinese).</param>
public sealed record ReportCategory(string Code, string Name, IReadOnlyList<string> Keywords, string? Hint = null);

public enum PhotoRejection
{
    None,
    NotAnImage,
    TooLarge,
    Unreadable,
}

/// <param name="PhotoId">Set when accepted.</param>
/// <param name="GpsLocation">The photo's EXIF GPS position (WGS-84), when it had one.</param>
public sealed record PhotoIntake(string? PhotoId, PhotoRejection Rejection, GeoCoordinates? GpsLocation = null)
{
    public bool Accepted => Rejection == PhotoRejection.None && PhotoId is not null;
}

/// <summary>A place: coordinates in their own system, a typed address, or both.</summary>
public sealed record ReportLocation(double? Latitude, double? Longitude, string Crs = CoordinateSystems.Wgs84, string? Address = null)
{
    public bool HasCoordinates => Latitude is not null && Longitude is not null;

    public static ReportLocation FromGeo(GeoCoordinates point) => new(point.Latitude, point.Longitude, point.Crs, point.Name);
}

public sealed record GridPlace(string GridId, string GridName, string Community, string Street);

public enum Urgency
{
    Normal,
    Urgent,
}

/// <param name="ContactName">Null when anonymous.</param>
/// <param name="ContactPhone">Null when anonymous.</param>
/// <param name="Type">The 诉求类型 code (help=求助, complaint=投诉, …) when it is not the category's default, e.g. a call-back.</param>
/// <param name="SubmissionId">
/// Fixed by the flow before it submits and kept in its saved state (32 lowercase hex digits, <see cref="NewSubmissionId"/>),
/// so the same submission sent again — the turn retried after a crash, the citizen saying 是 again — gets the same ticket
/// and the same number instead of a second one. Null: a new ticket every time.
/// </param>
/// <param name="RoleFromRegistry">
/// <see cref="Reporter.Role"/> was read from the grid-worker registry when the flow started and kept in its state, so the
/// desk takes it as it is; false: the desk looks the reporter up in the registry itself.
/// </param>
public sealed record ReportSubmission(
    Reporter Reporter,
    string CategoryCode,
    string Description,
    IReadOnlyList<string> PhotoIds,
    ReportLocation Location,
    bool Anonymous,
    string? ContactName,
    string? ContactPhone,
    Urgency Urgency = Urgency.Normal,
    string? Type = null,
    string? SubmissionId = null,
    bool RoleFromRegistry = false)
{
    public static string NewSubmissionId() => Guid.NewGuid().ToString("N");
}

/// <param name="DueAt">When the center's answer is due (答复时限), shown on the receipt.</param>
/// <param name="PhotoUrl">A link to the first photo's thumbnail for the receipt card; null without photos.</param>
public sealed record TicketReceipt(string TicketId, string Number, GridPlace? Place, DateTimeOffset? DueAt = null, string? PhotoUrl = null);

/// <param name="DueAt">When the center's answer is due (答复时限); null on tickets filed before due times were kept.</param>
public sealed record TicketSummary(
    string TicketId,
    string Number,
    string CategoryName,
    TicketStatus Status,
    DateTimeOffset CreatedAt,
    string? Address,
    double? DistanceMeters,
    IReadOnlyList<TicketEvent> History,
    DateTimeOffset? DueAt = null);

/// <param name="Status">What happened; shown with <see cref="TicketStatusText.Display"/>.</param>
public sealed record TicketEvent(DateTimeOffset At, TicketStatus Status, string? Note);
