namespace CitizenBot.Channels.WeChat.Crypto;

/// <summary>Why a ciphertext was refused; the values are the error codes of Tencent's samples.</summary>
internal enum WeChatCryptoError
{
    IllegalAesKey = -40004,
    AppIdMismatch = -40005,
    DecryptFailed = -40007,
    IllegalBuffer = -40008,
    Base64Invalid = -40010,
}

internal sealed class WeChatCryptoException(WeChatCryptoError error)
    : Exception($"WeChat ciphertext refused: {error} ({(int)error}).")
{
    public WeChatCryptoError Error { get; } = error;
}
