namespace CitizenBot.Load.Script;

/// <summary>One citizen message and the words its answer must contain for the turn to count as done.</summary>
/// <param name="Text">What the citizen types; <c>null</c> for the location step.</param>
/// <param name="Expect">A fragment of the reply that proves the bot moved to the next question.</param>
internal sealed record ReportStep(string? Text, string Expect)
{
    public bool IsLocation => Text is null;
}

/// <summary>
/// The report conversation (tests/CitizenBot.Dialogs.Tests/FlowTranscripts/01-report-full.transcript): greeting → 事件上报
/// → category → photos skipped → a location inside the sample grid → description → anonymous → confirm → receipt.
/// The peer bot (tests/Load/peer) asks the same questions, so one script drives every system.
/// </summary>
internal static class ReportScript
{
    public const string Receipt = "工单编号：";

    /// <summary>What the bot asks when an open ticket of the same category lies within its duplicate radius.</summary>
    public const string DuplicateQuestion = "附近已有相同问题";

    /// <summary>The answer to the duplicate question: a new ticket, so the conversation still ends in a receipt.</summary>
    public static ReportStep NewTicketAnyway(string expect) => new("仍然新建", expect);

    /// <summary>
    /// A point in the sample grid SAMPLE-001 (bot/Ticketing/Geo/sample-grids.geojson: lat 30.00–30.01, lng 120.00–120.01), around
    /// 30.003, 120.005, spread over the cell so that thousands of load tickets are not all "the same problem here".
    /// WGS-84 for browsers; <paramref name="gcj02"/> shifts it to the datum WeChat sends (about −0.0024° lat,
    /// +0.0046° lng here), so the bot's conversion lands it in the same cell.
    /// </summary>
    public static (double Latitude, double Longitude) RandomPoint(bool gcj02)
    {
        var lat = 30.001 + (Random.Shared.NextDouble() * 0.008);
        var lng = 120.001 + (Random.Shared.NextDouble() * 0.008);
        return gcj02 ? (lat - 0.0024, lng + 0.0046) : (lat, lng);
    }

    public static IReadOnlyList<ReportStep> Steps { get; } =
    [
        new("你好", "您好"),
        new("事件上报", "请选择要上报的问题类别"),
        new("市容环境", "请拍摄或上传现场照片"),
        new("跳过", "问题在哪里"),
        new(null, "请简单描述一下问题"),
        new("小区门口的垃圾桶满了好几天没人清运，气味很大", "是否留下联系方式"),
        new("匿名上报", "请核对上报内容"),
        new("是", Receipt),
    ];
}
