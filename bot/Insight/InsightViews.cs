namespace CitizenBot.Bot.Insight;

// What the console's endpoints return. Never a citizen's name, phone, openid or own words: numbers, categories,
// places (grid, WGS-84 point) and times only.

internal sealed record TicketRow(
    string Number,
    string CategoryCode,
    string CategoryName,
    string Status,
    string Channel,
    string Role,
    string Urgency,
    string? GridId,
    string? GridName,
    string? Community,
    double? Lat,
    double? Lng,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    bool HighValue);

internal sealed record TicketPage(int Total, int Shown, IReadOnlyList<TicketRow> Tickets);

internal sealed record CountBy(string Key, string Name, int Count);

internal sealed record HeatView(int Total, IReadOnlyList<CountBy> ByGrid, IReadOnlyList<CountBy> ByCategory, IReadOnlyList<CountBy> ByStatus,
    IReadOnlyList<CountBy> ByChannel, IReadOnlyList<CountBy> ByRole);

internal sealed record HotspotTicketView(string Number, string Status, string? GridName, double? Lat, double? Lng, DateTimeOffset CreatedAt);

internal sealed record HotspotView(
    string Id,
    string CategoryCode,
    string CategoryName,
    double Lat,
    double Lng,
    string? GridId,
    string? GridName,
    DateTimeOffset FormedAt,
    DateTimeOffset LastReportAt,
    int TicketCount,
    IReadOnlyList<HotspotTicketView> Tickets);

internal sealed record OverdueRow(TicketRow Ticket, bool Overdue, double HoursLate);

internal sealed record DayCount(string Day, string CategoryCode, int Count);

internal sealed record DurationView(string Key, string Name, int Count, double MedianHours);

internal sealed record SatisfactionView(string Key, string Name, int Satisfied, int BasicallySatisfied, int Dissatisfied, double Rate);

internal sealed record WorkerPoints(long WorkerNo, string Platform, int Points);

internal sealed record GridWorkerView(int Reports, int HighValue, int Points, IReadOnlyList<WorkerPoints> TopWorkers);

internal sealed record TrendsView(
    IReadOnlyList<string> Days,
    IReadOnlyList<CountBy> Categories,
    IReadOnlyList<DayCount> PerDay,
    DurationView TimeToResolve,
    IReadOnlyList<DurationView> TimeToResolveByCategory,
    IReadOnlyList<SatisfactionView> SatisfactionByCategory,
    IReadOnlyList<SatisfactionView> SatisfactionByGrid,
    GridWorkerView GridWorkers);

internal sealed record BodyWeek(string BodyId, string BodyName, string Week, int Bookings);

internal sealed record InvitationCounts(int Accepted, int Declined, int Expired, int Pending, int Cancelled);

internal sealed record MediationView(int Bookings, IReadOnlyList<BodyWeek> PerBodyAndWeek, InvitationCounts Invitations);
