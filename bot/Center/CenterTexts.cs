namespace CitizenBot.Bot.Center;

/// <summary>What the citizen is told when the center reports progress (zh-CN).</summary>
internal static class CenterTexts
{
    public const string Satisfied = "满意";
    public const string BasicallySatisfied = "基本满意";
    public const string Dissatisfied = "不满意";

    public static string StatusMessage(string number, string status, string? unit, string? note)
    {
        var head = status switch
        {
            "accepted" => $"您反映的问题（编号 {number}）已被中心受理。",
            "dispatched" => $"您反映的问题（编号 {number}）已派单{(unit is null ? "" : "至" + unit)}处理。",
            "in_progress" => $"您反映的问题（编号 {number}）正在处置中{(unit is null ? "" : "（" + unit + "）")}。",
            "resolved" => $"您反映的问题（编号 {number}）已办结。",
            "returned" => $"您反映的问题（编号 {number}）被退回。",
            "closed" => $"您反映的问题（编号 {number}）已关闭。",
            _ => $"您反映的问题（编号 {number}）有新进展。",
        };
        var body = string.IsNullOrWhiteSpace(note) ? head : $"{head}\n处理说明：{note}";
        return status == "resolved" ? body + $"\n请您对处理结果进行评价：点下方按钮，或回复“评价 {number}”。" : body;
    }
}
