using Microsoft.AspNetCore.Mvc;

namespace CitizenBot.Channels.WeChat.Security;

/// <summary>The query string WeChat puts on every callback.</summary>
internal readonly record struct WeChatCallbackQuery(
    [property: FromQuery(Name = "signature")] string? Signature,
    [property: FromQuery(Name = "timestamp")] string? Timestamp,
    [property: FromQuery(Name = "nonce")] string? Nonce,
    [property: FromQuery(Name = "echostr")] string? Echostr,
    [property: FromQuery(Name = "encrypt_type")] string? EncryptType,
    [property: FromQuery(Name = "msg_signature")] string? MsgSignature);
