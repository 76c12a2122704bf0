using CitizenBot.Dialogs.Resources;

namespace CitizenBot.Bot.Turns;

internal static class TurnText
{
    public static string SomethingWentWrong => Texts.TurnFailed;
}
