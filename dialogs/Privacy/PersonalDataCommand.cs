using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Privacy;

/// <summary>"我的信息" and "删除我的信息": whole messages, understood at any step like the interruptions.</summary>
internal enum PersonalDataCommand
{
    None,
    Show,
    Erase,
}

internal static class PersonalDataCommands
{
    private static readonly HashSet<string> ShowWords = Keys(
        ["我的信息", "查看我的信息", "我的个人信息", "我的数据", "个人信息", "你们保存了我什么信息", "你们存了我哪些信息"]);

    private static readonly HashSet<string> EraseWords = Keys(
        ["删除我的信息", "删掉我的信息", "删除我的数据", "删掉我的数据", "删除个人信息", "删除我的个人信息", "清除我的信息", "清除我的数据", "注销我的信息", "删除信息", "删掉我的记录", "删除我的记录"]);

    // A sentence about one's data that holds one of these asks for erasure ("能不能把我的记录都删了").
    private static readonly string[] EraseVerbs = [.. new[] { "删除", "删掉", "删了", "清除", "清空", "注销", "销毁", "抹掉" }.Select(ChineseText.ToMatchKey)];

    /// <summary>A sentence the models read as about one's own data asks to erase it (the erasure flow confirms first).</summary>
    public static bool AsksForErasure(string matchKey) => ChineseText.HoldsAny(matchKey, EraseVerbs);

    public static PersonalDataCommand Recognize(string matchKey) =>
        EraseWords.Contains(matchKey) ? PersonalDataCommand.Erase
            : ShowWords.Contains(matchKey) ? PersonalDataCommand.Show
            : PersonalDataCommand.None;

    private static HashSet<string> Keys(string[] words) => [.. words.Select(ChineseText.ToMatchKey)];
}
