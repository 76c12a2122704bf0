namespace CitizenBot.Channels.DirectLine;

public static class DirectLineDefaults
{
    public const string ChannelId = "directline";
    public const string RoutePrefix = "/v3/directline";

    public const int MinSecretLength = 16;
    public const int MinSigningKeyBytes = 32;
    public const int MaxActivityBytes = 32 * 1024;
    public const long MaxUploadBytes = 10 * 1024 * 1024;
    public const int MaxUploadFiles = 9;
    public const int MaxActivityTextLength = 8 * 1024;
    public const int MaxActivitiesPerConversationPerMinute = 30;
    public const int MaxActivitiesPerClientPerMinute = 120;
    public const int MaxLogEntries = 200;
    public const long MaxTotalLogBytes = 256L * 1024 * 1024;

    /// <summary>Refusals held back at once (<see cref="DirectLineOptions.RefusalDelay"/>); past it they are answered at once.</summary>
    public const int MaxHeldRefusals = 1024;

    /// <summary>A refused upload whose unread rest is larger than this closes its connection instead of draining it.</summary>
    public const long MaxDrainedBytes = 1024 * 1024;
    public const int MaxUploadsPerConversationPerHour = 30;
    public const long MaxUploadBytesPerConversationPerDay = 50L * 1024 * 1024;
    public const long UploadStorageBudgetBytes = 2L * 1024 * 1024 * 1024;
    public const string AttachmentCookie = "dl_attachments";

    /// <summary>The event the page gets after its conversation was erased; it then starts a new one.</summary>
    public const string ConversationErasedEvent = "citizenbot/conversationErased";
    public const string BotId = "citizenbot";
    public const string BotName = "综治中心小助手";
    public const string TurnFailedText = "抱歉，系统开小差了，请稍后再发一次。";

    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(60);
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan TypingDelay = TimeSpan.FromMilliseconds(700);
    public static readonly TimeSpan TokenMaxAge = TimeSpan.FromHours(24);
    public static readonly TimeSpan UploadRetention = TimeSpan.FromDays(1);
    public static readonly TimeSpan LongPollTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan RefusalDelay = TimeSpan.FromSeconds(1);

    /// <summary>The real service keeps messages for 24 h; idle conversations are dropped after that.</summary>
    public static readonly TimeSpan ConversationRetention = TimeSpan.FromHours(24);
}
