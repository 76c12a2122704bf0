namespace CitizenBot.Bot.Data;

/// <summary>
/// The staff console's per-day rollup (bot/Insight/InsightDays): for each China day that can no longer change, the
/// counts its trends and heat map are made of, so a year reads a few narrow rows instead of every ticket, its history
/// and its ratings. Measures: <c>created</c> (reports by day of filing), <c>heat</c> (reports by day of filing and grid),
/// <c>resolved</c> (first 办结 by day, <see cref="Value"/> the histogram of the minutes they took, see
/// bot/Insight/DurationHistogram), <c>rated</c> (ratings by day, <see cref="Value"/> the satisfaction, by grid) and a
/// <c>day</c> row marking the day complete; and one <c>generation</c> row (its other key columns empty), whose
/// <see cref="Count"/> every forget of the rollup bumps, so a rollup counted before a forget is not saved after it.
/// </summary>
internal sealed class InsightDayRecord
{
    public required string Measure { get; set; }

    /// <summary>China day, yyyy-MM-dd.</summary>
    public required string Day { get; set; }

    public string CategoryCode { get; set; } = string.Empty;
    public string ChannelId { get; set; } = string.Empty;
    public string ReporterRole { get; set; } = string.Empty;

    /// <summary>Empty when the measure is not by grid, or the ticket had no grid.</summary>
    public string GridId { get; set; } = string.Empty;

    public string? GridName { get; set; }
    public string Value { get; set; } = string.Empty;
    public int Count { get; set; }
}
