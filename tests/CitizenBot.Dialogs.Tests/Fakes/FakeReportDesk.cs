using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Identity;

namespace CitizenBot.Dialogs.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="IReportDesk"/> with a small sample world: two tickets of the test user (one resolved), one open
/// fire-safety ticket of another user at 30.2,114.2, and one grid that covers latitudes 30 to 31 and "人民路".
/// Photos are judged by their file name: "large" too large, "notimage" not an image, "broken" unreadable, "gps" with a position.
/// The open ticket of the test user is due 11月30日 08:10 (half its answer time passes 11月27日 20:10); new tickets are
/// due five days after <see cref="Today"/>. <see cref="Now"/> is the fakes' clock, moved by a transcript's <c>[later …]</c>.
/// </summary>
internal sealed class FakeReportDesk : IReportDesk
{
    public const string OtherUserId = "user-2";
    public static readonly DateTimeOffset Today = new(2026, 11, 27, 10, 30, 0, TimeSpan.FromHours(8));
    public static readonly GridPlace Grid = new("G-003", "第3网格", "人民社区", "城关镇");
    public static readonly GeoCoordinates PhotoGps = new(30.61, 114.31, null, CoordinateSystems.Wgs84);

    public static readonly TimeSpan NewTicketAnswerTime = TimeSpan.FromDays(5);

    private readonly List<StoredTicket> _tickets;
    private int _photos;
    private int _submitted;

    public FakeReportDesk()
    {
        var resolvedHistory = new List<TicketEvent>
        {
            new(At(20, 9, 0), TicketStatus.Submitted, null),
            new(At(20, 10, 0), TicketStatus.Accepted, null),
            new(At(21, 15, 0), TicketStatus.Dispatched, "城关镇市政所"),
            new(At(23, 16, 30), TicketStatus.Resolved, "井盖已更换"),
        };
        _tickets =
        [
            new("t-1", "20261120-0003", "test", "user-1", "02-01", TicketStatus.Resolved, At(20, 9, 0), "城关镇人民路25号", null, resolvedHistory),
            new("t-2", "20261125-0011", "test", "user-1", "01-02", TicketStatus.InProgress, At(25, 8, 10), "城关镇建设路8号", null,
                [new(At(25, 8, 10), TicketStatus.Submitted, null), new(At(25, 9, 0), TicketStatus.Accepted, null), new(At(26, 14, 0), TicketStatus.InProgress, null)], At(30, 8, 10)),
            new("t-3", "20261126-0007", "test", OtherUserId, "05-01", TicketStatus.Accepted, At(26, 18, 20), null, new ReportLocation(30.2, 114.2),
                [new(At(26, 18, 20), TicketStatus.Submitted, null), new(At(26, 19, 0), TicketStatus.Accepted, null)]),
        ];
    }

    public IReadOnlyList<ReportCategory> Categories { get; } =
    [
        new("05-01", "消防/安全隐患", ["消防", "消防通道", "安全出口", "飞线"], "如楼道堆物、消防通道被占。"),
        new("01-01", "私搭乱建/违法建设", ["违建", "私搭乱建", "搭建"], "如楼顶加盖、私自搭建。"),
        new("01-02", "市容环境", ["垃圾", "小广告"], null),
        new("02-01", "公共设施损坏", ["井盖", "路灯", "坏了"], "如井盖缺失、路灯不亮。"),
        new("99-99", "其他", [], null),
    ];

    public List<ReportSubmission> Submissions { get; } = [];

    public List<(string TicketId, ReportSubmission Submission)> Supplements { get; } = [];

    public List<Attachment> PhotosSeen { get; } = [];

    public IReadOnlyList<StoredTicket> Tickets => _tickets;

    /// <summary>The fakes' clock: <see cref="Today"/> until a test moves it.</summary>
    public DateTimeOffset Now { get; set; } = Today;

    public Task<PhotoIntake> AcceptPhotoAsync(Attachment attachment, Reporter reporter, CancellationToken cancellationToken)
    {
        PhotosSeen.Add(attachment);
        var url = attachment.ContentUrl ?? string.Empty;
        PhotoIntake intake = url switch
        {
            _ when url.Contains("large", StringComparison.Ordinal) => new(null, PhotoRejection.TooLarge),
            _ when url.Contains("notimage", StringComparison.Ordinal) => new(null, PhotoRejection.NotAnImage),
            _ when url.Contains("broken", StringComparison.Ordinal) => new(null, PhotoRejection.Unreadable),
            _ when url.Contains("gps", StringComparison.Ordinal) => new("photo-" + ++_photos, PhotoRejection.None, PhotoGps),
            _ => new("photo-" + ++_photos, PhotoRejection.None),
        };
        return Task.FromResult(intake);
    }

    public Task<GridPlace?> LocateAsync(ReportLocation location, CancellationToken cancellationToken)
    {
        var inside = location.HasCoordinates
            ? location.Latitude is >= 30 and <= 31
            : location.Address?.Contains("人民路", StringComparison.Ordinal) == true;
        return Task.FromResult(inside ? Grid : null);
    }

    public Task<TicketSummary?> FindPossibleDuplicateAsync(string categoryCode, ReportLocation location, CancellationToken cancellationToken)
    {
        var near = _tickets.FirstOrDefault(t =>
            t.CategoryCode == categoryCode && t.Status != TicketStatus.Resolved && t.Location is { HasCoordinates: true } at && location.HasCoordinates
            && Math.Abs(at.Latitude!.Value - location.Latitude!.Value) < 0.001 && Math.Abs(at.Longitude!.Value - location.Longitude!.Value) < 0.001);
        return Task.FromResult(near is null ? null : Summary(near));
    }

    public Task<TicketReceipt> SubmitAsync(ReportSubmission submission, CancellationToken cancellationToken)
    {
        Submissions.Add(submission);
        var number = $"20261127-{++_submitted:0000}";
        var ticket = new StoredTicket(
            "new-" + _submitted, number, submission.Reporter.ChannelId, submission.Reporter.UserId, submission.CategoryCode, TicketStatus.Submitted, Today,
            submission.Location.Address, submission.Location, [new(Today, TicketStatus.Submitted, null)], Today + NewTicketAnswerTime);
        _tickets.Add(ticket);
        return Task.FromResult(new TicketReceipt(ticket.TicketId, number, null, ticket.DueAt));
    }

    public Task<TicketReceipt> SupplementAsync(string ticketId, ReportSubmission submission, CancellationToken cancellationToken)
    {
        Supplements.Add((ticketId, submission));
        var ticket = _tickets.Single(t => t.TicketId == ticketId);
        return Task.FromResult(new TicketReceipt(ticket.TicketId, ticket.Number, null));
    }

    public Task<IReadOnlyList<TicketSummary>> ListMineAsync(Reporter reporter, int take, CancellationToken cancellationToken)
    {
        IReadOnlyList<TicketSummary> mine =
        [
            .. _tickets
                .Where(t => t.ChannelId == reporter.ChannelId && t.UserId == reporter.UserId)
                .OrderByDescending(t => t.CreatedAt)
                .Take(take)
                .Select(Summary),
        ];
        return Task.FromResult(mine);
    }

    public void AddEvent(string ticketId, TicketEvent entry)
    {
        var index = _tickets.FindIndex(t => t.TicketId == ticketId);
        _tickets[index] = _tickets[index] with { History = [.. _tickets[index].History, entry] };
    }

    /// <summary>A step of the ticket's life that changes its status (the center's callback, or a request of the citizen's).</summary>
    public void ChangeStatus(string ticketId, TicketStatus status, string? note = null, DateTimeOffset? dueAt = null)
    {
        var index = _tickets.FindIndex(t => t.TicketId == ticketId);
        var ticket = _tickets[index];
        _tickets[index] = ticket with { Status = status, History = [.. ticket.History, new TicketEvent(Now, status, note)], DueAt = dueAt ?? ticket.DueAt };
    }

    private TicketSummary Summary(StoredTicket t) =>
        new(t.TicketId, t.Number, Categories.Single(c => c.Code == t.CategoryCode).Name, t.Status, t.CreatedAt, t.Address, null, t.History, t.DueAt);

    private static DateTimeOffset At(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    internal sealed record StoredTicket(
        string TicketId,
        string Number,
        string ChannelId,
        string UserId,
        string CategoryCode,
        TicketStatus Status,
        DateTimeOffset CreatedAt,
        string? Address,
        ReportLocation? Location,
        IReadOnlyList<TicketEvent> History,
        DateTimeOffset? DueAt = null);
}
