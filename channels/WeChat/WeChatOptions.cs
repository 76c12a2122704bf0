using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Channels.WeChat;

/// <summary>The Official Account's settings, bound from the <c>WeChat</c> configuration section.</summary>
public sealed class WeChatOptions : IValidatableObject
{
    public const string SectionName = "WeChat";

    /// <summary>The callback Token set in the platform (3–32 letters or digits).</summary>
    [Required]
    public string Token { get; set; } = string.Empty;

    /// <summary>The 43-character EncodingAESKey; needed for compatible and safe mode.</summary>
    public string? EncodingAESKey { get; set; }

    /// <summary>The key before the last rotation, still accepted for inbound messages.</summary>
    public string? PreviousEncodingAESKey { get; set; }

    [Required]
    public string AppId { get; set; } = string.Empty;

    /// <summary>Needed for every outbound API call (stable_token).</summary>
    public string? AppSecret { get; set; }

    /// <value>Defaults to <see cref="WeChatDefaults.ApiBaseUrl"/>.</value>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new(WeChatDefaults.ApiBaseUrl);

    /// <summary>Refuse plaintext POSTs: the plaintext signature does not cover the body.</summary>
    public bool RequireEncryption { get; set; }

    /// <summary>How long a request waits for its turn before answering <c>success</c> and replying by API.</summary>
    /// <value>Defaults to <see cref="WeChatDefaults.ReplyBudget"/>.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:04.800")]
    public TimeSpan ReplyBudget { get; set; } = WeChatDefaults.ReplyBudget;

    /// <value>Defaults to <see cref="WeChatDefaults.TimestampWindow"/>.</value>
    public TimeSpan TimestampWindow { get; set; } = WeChatDefaults.TimestampWindow;

    /// <value>Defaults to <see cref="WeChatDefaults.MaxBodyBytes"/>.</value>
    [Range(1024, 1_048_576)]
    public int MaxBodyBytes { get; set; } = WeChatDefaults.MaxBodyBytes;

    /// <summary>Menu CLICK keys mapped to the text the bot understands, e.g. <c>REPORT → 我要上报</c>.</summary>
    public Dictionary<string, string> MenuKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Template message ids by our own name for them, e.g. <c>TicketUpdate → 3Kx…</c>.</summary>
    public Dictionary<string, string> Templates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The field of the <c>Notification</c> template that carries the message (the template defines its names).</summary>
    /// <value>Defaults to <c>thing1</c>, the first text field of the platform's category templates.</value>
    [Required]
    public string NotificationTemplateField { get; set; } = "thing1";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RequireEncryption && string.IsNullOrEmpty(EncodingAESKey))
        {
            yield return new ValidationResult(
                "WeChat:RequireEncryption is on but WeChat:EncodingAESKey is empty; set the key from the platform's 服务器配置.",
                [nameof(EncodingAESKey)]);
        }
    }
}
