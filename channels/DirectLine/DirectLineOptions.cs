using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Channels.DirectLine;

/// <summary>Settings of the Direct Line 3.0 server, bound from configuration section <c>DirectLine</c>.</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>
    /// The Direct Line secret: trusted callers of <c>/tokens/generate</c> and secret-mode tools send it as
    /// <c>Authorization: Bearer</c>. Never given to browsers.
    /// </summary>
    [Required]
    [MinLength(DirectLineDefaults.MinSecretLength)]
    public string Secret { get; set; } = "";

    /// <summary>HMAC-SHA256 key that signs tokens. Persist it, so that tokens survive a restart.</summary>
    [Required]
    [MinLength(DirectLineDefaults.MinSigningKeyBytes)]
    public byte[] SigningKey { get; set; } = [];

    /// <summary>How long a token is valid.</summary>
    /// <value>60 minutes; at least 30, because DirectLineJS refreshes every 15 minutes and never reads <c>expires_in</c>.</value>
    [Range(typeof(TimeSpan), "00:30:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = DirectLineDefaults.TokenLifetime;

    /// <summary>
    /// Largest posted activity JSON; larger → 413. With <see cref="MaxLogEntries"/> it bounds what one conversation can
    /// make the server hold (32 KB × 200 = 6.4 MB at most).
    /// </summary>
    /// <value>32 KB: a text at <see cref="MaxActivityTextLength"/> in Chinese (3 bytes a character) and room for the rest.
    /// The real service takes 256 KB; citizens send words, locations and (through <c>/upload</c>) photos.</value>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = DirectLineDefaults.MaxActivityBytes;

    /// <summary>
    /// Longest message text a citizen may send; longer → 413. The real service caps an activity at 256K characters;
    /// WeChat caps a text at 2 048 bytes, and nothing a citizen tells the center needs more than a few pages.
    /// </summary>
    /// <value>8 192 characters.</value>
    [Range(100, 256 * 1024)]
    public int MaxActivityTextLength { get; set; } = DirectLineDefaults.MaxActivityTextLength;

    /// <summary>Activities one conversation may post per minute; more → 429 with <c>Retry-After</c>.</summary>
    /// <value>30.</value>
    [Range(1, 10_000)]
    public int MaxActivitiesPerConversationPerMinute { get; set; } = DirectLineDefaults.MaxActivitiesPerConversationPerMinute;

    /// <summary>Activities one client address may post per minute over all its conversations; more → 429.</summary>
    /// <value>120.</value>
    [Range(1, 100_000)]
    public int MaxActivitiesPerClientPerMinute { get; set; } = DirectLineDefaults.MaxActivitiesPerClientPerMinute;

    /// <summary>Entries a conversation's activity log keeps; the oldest are dropped beyond it.</summary>
    /// <value>200: a whole report with its corrections is well under 100.</value>
    [Range(20, 100_000)]
    public int MaxLogEntries { get; set; } = DirectLineDefaults.MaxLogEntries;

    /// <summary>
    /// What all conversations' logs together may hold in this process (the activities' JSON, counted as the memory it
    /// takes). Beyond it the oldest entries of the longest-idle conversations are dropped first, down to nine tenths:
    /// many tokens each filling their own log cannot exhaust memory, and no citizen's new message is refused for it.
    /// </summary>
    /// <value>256 MB: some 40 conversations at their longest, or about 40 000 ordinary ones.</value>
    [Range(1024 * 1024, long.MaxValue)]
    public long MaxTotalLogBytes { get; set; } = DirectLineDefaults.MaxTotalLogBytes;

    /// <summary>
    /// How long a refusal by a limit (429, 413) is held before it is answered (never past its <c>Retry-After</c>). A
    /// client that waits for each answer before it sends again — DirectLineJS, and most flooding scripts — is slowed to
    /// one request a second per connection instead of as many as the server can refuse, which leaves the cores to the
    /// other citizens. At most 1 024 refusals are held at once; beyond that they are answered at once.
    /// </summary>
    /// <value>1 second; zero answers at once.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan RefusalDelay { get; set; } = DirectLineDefaults.RefusalDelay;

    /// <summary>Longest a conversation's tokens can be refreshed: a token never outlives its first issue by more.</summary>
    /// <value>24 hours.</value>
    [Range(typeof(TimeSpan), "00:30:00", "30.00:00:00")]
    public TimeSpan TokenMaxAge { get; set; } = DirectLineDefaults.TokenMaxAge;

    /// <summary>Files one conversation may upload per hour, counted before decoding (kept or not); more → 429.</summary>
    /// <value>30.</value>
    [Range(1, 10_000)]
    public int MaxUploadsPerConversationPerHour { get; set; } = DirectLineDefaults.MaxUploadsPerConversationPerHour;

    /// <summary>Stored upload bytes one conversation may keep per day; more → 429.</summary>
    /// <value>50 MB.</value>
    [Range(1024, long.MaxValue)]
    public long MaxUploadBytesPerConversationPerDay { get; set; } = DirectLineDefaults.MaxUploadBytesPerConversationPerDay;

    /// <summary>Total bytes the upload folder may hold; beyond it uploads are refused (507) until the sweep frees room.</summary>
    /// <value>2 GB.</value>
    [Range(1024, long.MaxValue)]
    public long UploadStorageBudgetBytes { get; set; } = DirectLineDefaults.UploadStorageBudgetBytes;

    /// <summary>How long an upload is kept; the ticket keeps its own cleaned copy, so this is only the chat's view.</summary>
    /// <value>1 day.</value>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan UploadRetention { get; set; } = DirectLineDefaults.UploadRetention;

    /// <summary>Largest single uploaded file; larger → 413.</summary>
    /// <value>10 MB.</value>
    [Range(1024, 200 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = DirectLineDefaults.MaxUploadBytes;

    /// <summary>Most files in one upload.</summary>
    /// <value>9, the most photos a report takes.</value>
    [Range(1, 50)]
    public int MaxUploadFiles { get; set; } = DirectLineDefaults.MaxUploadFiles;

    /// <summary>Folder where cleaned uploaded images are stored, one folder per conversation.</summary>
    [Required]
    public string UploadDirectory { get; set; } = "";

    /// <summary>How often an idle WebSocket gets an empty heartbeat frame.</summary>
    /// <value>15 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = DirectLineDefaults.HeartbeatInterval;

    /// <summary>If a turn has not finished after this long, a <c>typing</c> activity from the bot is appended.</summary>
    /// <value>700 ms; zero turns typing off.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan TypingDelay { get; set; } = DirectLineDefaults.TypingDelay;

    /// <summary>How long a poll with nothing new is held open before it answers an empty set.</summary>
    /// <value>10 seconds: well under DirectLineJS's 20 s XHR timeout, which would end polling for good.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:15")]
    public TimeSpan LongPollTimeout { get; set; } = DirectLineDefaults.LongPollTimeout;

    /// <summary>The bot's account as Web Chat shows it (e.g. in "… is typing").</summary>
    [Required]
    public string BotId { get; set; } = DirectLineDefaults.BotId;

    /// <inheritdoc cref="BotId"/>
    [Required]
    public string BotName { get; set; } = DirectLineDefaults.BotName;

    /// <summary>
    /// What the server itself tells the citizen when a message turn fails. The host sets it from its product text;
    /// the default is the fallback when it does not.
    /// </summary>
    [Required]
    public string TurnFailedText { get; set; } = DirectLineDefaults.TurnFailedText;

    /// <summary>What the citizen is told when they send too much too fast (429); the host sets it from its product text.</summary>
    [Required]
    public string TooManyMessagesText { get; set; } = "您发送得太快了，请稍等一分钟再发。";

    /// <summary>What the citizen is told when a message is too long (413); the host sets it from its product text.</summary>
    [Required]
    public string MessageTooLongText { get; set; } = "这条消息太长了，请分几次发送，或简要说明。";

    /// <summary>What the citizen is told when a photo is refused by a limit; the host sets it from its product text.</summary>
    [Required]
    public string UploadRefusedText { get; set; } = "照片没有收到：照片过大、过多或无法识别。请换一张照片，或稍后再试。";
}
