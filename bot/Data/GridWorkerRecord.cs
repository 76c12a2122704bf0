namespace CitizenBot.Bot.Data;

/// <summary>A registered 流动网格员.</summary>
internal sealed class GridWorkerRecord
{
    public long Id { get; set; }
    public required string ChannelId { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string Mobile { get; set; }

    /// <summary>The <c>GigPlatform</c> name: Meituan, Eleme, Didi, SfExpress, Other, None.</summary>
    public required string Platform { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
}

/// <summary>Points earned; unique per (ticket, reason) so a repeated callback never pays twice.</summary>
internal sealed class GridWorkerPointsRecord
{
    public long Id { get; set; }
    public long WorkerId { get; set; }
    public required string TicketId { get; set; }

    /// <summary><c>accepted</c> or <c>high_value</c>.</summary>
    public required string Reason { get; set; }

    public int Points { get; set; }
    public DateTimeOffset At { get; set; }
}
