namespace CitizenBot.Channels.WeChat.Crypto;

/// <summary>The AES-256 key and IV derived from a 43-character EncodingAESKey.</summary>
internal sealed class EncodingAesKey
{
    public const int EncodedLength = 43;

    private EncodingAesKey(byte[] key) => Key = key;

    /// <summary>32 bytes: Base64Decode(EncodingAESKey + "=").</summary>
    public byte[] Key { get; }

    /// <summary>The first 16 bytes of the key.</summary>
    public byte[] Iv => Key[..16];

    /// <remarks>
    /// Real keys carry non-zero trailing bits in their 43rd character; <see cref="Convert.FromBase64String"/> accepts them,
    /// strict decoders do not.
    /// </remarks>
    public static EncodingAesKey Parse(string encodingAesKey)
    {
        if (encodingAesKey is not { Length: EncodedLength } || !encodingAesKey.All(char.IsAsciiLetterOrDigit))
        {
            throw new WeChatCryptoException(WeChatCryptoError.IllegalAesKey);
        }

        return new EncodingAesKey(Convert.FromBase64String(encodingAesKey + "="));
    }
}
