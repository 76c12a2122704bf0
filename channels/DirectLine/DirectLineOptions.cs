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

    /// <summary>Largest posted activity JSON; larger → 413.</summary>
    /// <value>256 KB, the limit of the real service.</value>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = DirectLineDefaults.MaxActivityBytes;

    /// <summary>Largest single uploaded file; larger → 413.</summary>
    /// <value>10 MB.</value>
    [Range(1024, 200 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = DirectLineDefaults.MaxUploadBytes;

    /// <summary>Most files in one upload.</summary>
    /// <value>9, the most photos a report takes.</value>
    [Range(1, 50)]
    public int MaxUploadFiles { get; set; } = DirectLineDefaults.MaxUploadFiles;

    /// <summary>Folder where uploaded images are stored under unguessable names.</summary>
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
}
