using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Bot.Ticketing.GridWorker;

/// <summary>Bound from configuration section <c>GridWorkers</c>.</summary>
public sealed class GridWorkerOptions
{
    public const string SectionName = "GridWorkers";

    /// <summary>Points when the center accepts a grid worker's report. <value>10.</value></summary>
    [Range(0, 1000)]
    public int PointsPerAcceptedReport { get; set; } = 10;

    /// <summary>Extra points when the center marks the report 高价值信息. <value>20.</value></summary>
    [Range(0, 10000)]
    public int HighValueBonus { get; set; } = 20;
}
