namespace CitizenBot.Channels.WeChat;

/// <summary>What the channel itself says to citizens (zh-CN), kept in one place.</summary>
internal static class WeChatTexts
{
    public const string VoiceNotRecognised = "抱歉，暂时无法识别语音。请直接打字告诉我您要办理的事情。";
    public const string UnsupportedMessage = "抱歉，暂不支持这类消息。您可以发送文字、图片或位置。";
    public const string PhotoNotReceived = "抱歉，图片没有接收成功，请重新发送一次。";
    public const string TemporaryFailure = "抱歉，系统暂时繁忙，请稍后再试。";
    public const string ChooseByNumber = "请回复序号进行选择。";

    /// <summary>
    /// The turn that asked for a person outlived the passive-reply window: only a passive reply can transfer to the
    /// customer-service desk, so the citizen is asked to send 人工 again instead of being told a
    /// transfer happened.
    /// </summary>
    public const string HandOffMissed = "抱歉，这次没能为您接通人工客服，请再发送“人工”试一次。";
}
