namespace CitizenBot.Channels.WeChat.Api;

/// <summary>
/// A WeChat API call answered with a non-zero <c>errcode</c> (often on HTTP 200). Callers decide by
/// <see cref="ErrorCode"/>: 45015 means outside the 48-hour customer-service window and 45047 means its quota is used up,
/// so a notification should go as a template message instead.
/// </summary>
public sealed class WeChatApiException(int errorCode, string? errorMessage, string operation)
    : Exception($"WeChat API {operation} failed with errcode {errorCode} ({errorMessage}).")
{
    /// <summary>Not a WeChat code: our own tracker saw the customer-service quota used up before calling.</summary>
    public const int QuotaExhausted = 45047;

    public const int OutsideWindow = 45015;

    public int ErrorCode { get; } = errorCode;

    public string Operation { get; } = operation;
}
