using System.Text.Json.Serialization;

namespace CitizenBot.Bot.Ticketing.Center;

/// <summary>Body of <c>POST {Center:BaseUrl}/tickets</c> (center-api.yaml, schema Ticket).</summary>
internal sealed record CenterTicket(
    string Id,
    string Number,
    string Type,
    CenterCategory Category,
    string Urgency,
    string Description,
    CenterLocation Location,
    IReadOnlyList<CenterPhoto> Photos,
    CenterReporter Reporter,
    string Channel,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt = null);

internal sealed record CenterCategory(string Code, string Name);

internal sealed record CenterLocation(double? Lat, double? Lng, string? Crs, string? Address, string? GridId);

internal sealed record CenterPhoto(string Url, string Sha256, int Width, int Height);

/// <param name="Name">Omitted when anonymous.</param>
/// <param name="Phone">Omitted when anonymous.</param>
internal sealed record CenterReporter(bool Anonymous, string Role, string? Name, string? Phone);

/// <summary>Body of <c>POST {Center:BaseUrl}/tickets/{id}/feedback</c>.</summary>
/// <param name="Round">1 for the first 办结; 2 for the one after a 重办.</param>
internal sealed record CenterFeedback(string TicketId, string Satisfaction, bool Resolved, string? Comment, DateTimeOffset At, int Round = 1);

/// <summary>Body of <c>POST {Center:BaseUrl}/tickets/{id}/reminders</c> (schema Reminder): the citizen's 催办.</summary>
/// <param name="ReminderId">Stable; equals the <c>Idempotency-Key</c>.</param>
/// <param name="Count">How many times this ticket has been urged, this one included.</param>
internal sealed record CenterReminder(string TicketId, string ReminderId, int Count, DateTimeOffset? DueAt, DateTimeOffset At);

/// <summary>Body of <c>POST {Center:BaseUrl}/tickets/{id}/withdrawal</c> (schema Withdrawal): the citizen asks to withdraw.</summary>
internal sealed record CenterWithdrawal(string TicketId, string? Reason, DateTimeOffset At);

/// <summary>Body of <c>POST {Center:BaseUrl}/tickets/{id}/reopen</c> (schema Reopen): 不满意, the citizen asks for 重办.</summary>
/// <param name="DueAt">The new answer time, counted from the request.</param>
internal sealed record CenterReopen(string TicketId, string? Reason, IReadOnlyList<CenterPhoto> Photos, DateTimeOffset? DueAt, DateTimeOffset At);

/// <summary>Body of <c>POST {Center:BaseUrl}/tickets/{id}/followers</c> (schema Follower): one more citizen asks about it; nobody's identity.</summary>
/// <param name="FollowerId">Stable; equals the <c>Idempotency-Key</c>.</param>
/// <param name="Followers">How many citizens follow the ticket, this one included.</param>
internal sealed record CenterFollower(string TicketId, string FollowerId, int Followers, DateTimeOffset At);

/// <summary>
/// Body of <c>POST {Center:BaseUrl}/tickets/{id}/supplements</c> (schema Supplement): another citizen's description and
/// photos for a ticket the center already has, sent instead of a duplicate ticket.
/// </summary>
/// <param name="SupplementId">Stable; equals the <c>Idempotency-Key</c>.</param>
/// <param name="Description">Omitted when the citizen added only photos.</param>
internal sealed record CenterSupplement(
    string TicketId,
    string SupplementId,
    string? Description,
    IReadOnlyList<CenterPhoto> Photos,
    CenterReporter Reporter,
    string Channel,
    DateTimeOffset At);

/// <summary>Body of <c>POST {Center:BaseUrl}/hotspots</c> (schema Hotspot): reports of one category close together, flagged as they formed.</summary>
/// <param name="Id">Stable; equals the <c>Idempotency-Key</c>.</param>
internal sealed record CenterHotspot(
    string Id,
    CenterCategory Category,
    double Lat,
    double Lng,
    string? GridId,
    string? GridName,
    DateTimeOffset FormedAt,
    int ReportCount,
    IReadOnlyList<CenterHotspotTicket> Tickets);

/// <param name="Id">The bot ticket id, as pushed in <c>POST /tickets</c>.</param>
internal sealed record CenterHotspotTicket(string Id, string Number, DateTimeOffset CreatedAt);

/// <summary>Body of <c>POST {Center:BaseUrl}/digests</c> (schema Digest): the daily digest (研判日报) of one day.</summary>
internal sealed record CenterDigest(
    string Day,
    int Tickets,
    int Resolved,
    int Rated,
    double SatisfactionRate,
    int NewHotspots,
    int Overdue,
    string Markdown);

/// <summary>What the center may answer to a push; every field optional.</summary>
internal sealed record CenterAcceptance(string? CenterId);

/// <summary>Body of <c>POST /center/callbacks</c>.</summary>
internal sealed record CenterCallback(
    string TicketId,
    string Status,
    DateTimeOffset At,
    string? Note = null,
    string? Unit = null,
    IReadOnlyList<string>? Photos = null,
    bool? HighValue = null);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(CenterTicket))]
[JsonSerializable(typeof(CenterFeedback))]
[JsonSerializable(typeof(CenterReminder))]
[JsonSerializable(typeof(CenterWithdrawal))]
[JsonSerializable(typeof(CenterReopen))]
[JsonSerializable(typeof(CenterFollower))]
[JsonSerializable(typeof(CenterSupplement))]
[JsonSerializable(typeof(CenterHotspot))]
[JsonSerializable(typeof(CenterDigest))]
[JsonSerializable(typeof(CenterAcceptance))]
[JsonSerializable(typeof(CenterCallback))]
internal sealed partial class CenterJson : JsonSerializerContext;
