namespace CitizenBot.Channels.DirectLine;

/// <summary>The few user-facing words the Direct Line server says itself.</summary>
internal static class DirectLineTexts
{
    public const string TurnFailed = "抱歉，系统开小差了，请稍后再发一次。";
}
