namespace CitizenBot.Bot.Turns;

internal static class TurnText
{
    public const string SomethingWentWrong = "抱歉，系统刚才出了点问题，您的信息没有丢失，请稍后再发一次。如遇紧急情况请直接拨打 110、119 或 120。";
}
