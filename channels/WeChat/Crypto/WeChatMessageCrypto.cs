using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CitizenBot.Channels.WeChat.Crypto;

/// <summary>
/// Safe-mode message encryption: AES-256-CBC, IV = key[0..16), our own PKCS#7 to a multiple of 32,
/// plaintext = random(16) ‖ big-endian length(4) ‖ message ‖ AppId. Holds the current key and, during a rotation,
/// the previous one.
/// </summary>
internal sealed class WeChatMessageCrypto
{
    private const int BlockSize = 32;
    private const int RandomLength = 16;
    private const int HeaderLength = RandomLength + 4;

    private readonly IReadOnlyList<EncodingAesKey> _keys;
    private readonly byte[] _appId;

    public WeChatMessageCrypto(string encodingAesKey, string appId, string? previousEncodingAesKey = null)
    {
        var keys = new List<EncodingAesKey> { EncodingAesKey.Parse(encodingAesKey) };
        if (!string.IsNullOrEmpty(previousEncodingAesKey))
        {
            keys.Add(EncodingAesKey.Parse(previousEncodingAesKey));
        }

        _keys = keys;
        _appId = Encoding.UTF8.GetBytes(appId);
    }

    /// <summary>Decrypts with the current key, then the previous one; says which key worked so the reply uses it.</summary>
    public DecryptedMessage Decrypt(string encrypt)
    {
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypt);
        }
        catch (FormatException)
        {
            throw new WeChatCryptoException(WeChatCryptoError.Base64Invalid);
        }

        if (cipher.Length == 0 || cipher.Length % 16 != 0)
        {
            throw new WeChatCryptoException(WeChatCryptoError.IllegalBuffer);
        }

        WeChatCryptoException? first = null;
        for (var i = 0; i < _keys.Count; i++)
        {
            try
            {
                return new DecryptedMessage(DecryptWith(_keys[i], cipher), i);
            }
            catch (WeChatCryptoException e)
            {
                first ??= e;
            }
        }

        throw first!;
    }

    /// <summary>Encrypts a reply with the key at <paramref name="keyIndex"/> (0 = current, 1 = previous).</summary>
    /// <param name="random">The 16-byte prefix; fresh random bytes unless a test fixes it.</param>
    public string Encrypt(string message, int keyIndex = 0, byte[]? random = null)
    {
        var key = _keys[Math.Clamp(keyIndex, 0, _keys.Count - 1)];
        var msg = Encoding.UTF8.GetBytes(message);
        var length = HeaderLength + msg.Length + _appId.Length;
        var pad = BlockSize - (length % BlockSize);
        var plain = new byte[length + pad];

        if (random is { Length: RandomLength })
        {
            random.CopyTo(plain, 0);
        }
        else
        {
            RandomNumberGenerator.Fill(plain.AsSpan(0, RandomLength));
        }

        BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(RandomLength, 4), (uint)msg.Length);
        msg.CopyTo(plain, HeaderLength);
        _appId.CopyTo(plain, HeaderLength + msg.Length);
        plain.AsSpan(length).Fill((byte)pad);

        using var aes = Aes.Create();
        aes.Key = key.Key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, key.Iv, PaddingMode.None));
    }

    private string DecryptWith(EncodingAesKey key, byte[] cipher)
    {
        byte[] plain;
        using (var aes = Aes.Create())
        {
            aes.Key = key.Key;
            // .NET's PKCS7 mode only knows 16-byte blocks and throws on WeChat's pad values 17..32 (vector DEC-3).
            plain = aes.DecryptCbc(cipher, key.Iv, PaddingMode.None);
        }

        int pad = plain[^1];
        if (pad is < 1 or > BlockSize || pad > plain.Length || plain.AsSpan(plain.Length - pad).ContainsAnyExcept((byte)pad))
        {
            throw new WeChatCryptoException(WeChatCryptoError.DecryptFailed);
        }

        var content = plain.AsSpan(0, plain.Length - pad);
        if (content.Length < HeaderLength)
        {
            throw new WeChatCryptoException(WeChatCryptoError.IllegalBuffer);
        }

        var msgLength = BinaryPrimitives.ReadUInt32BigEndian(content.Slice(RandomLength, 4));
        if (msgLength > (uint)(content.Length - HeaderLength))
        {
            throw new WeChatCryptoException(WeChatCryptoError.IllegalBuffer);
        }

        var appId = content[(HeaderLength + (int)msgLength)..];
        if (!CryptographicOperations.FixedTimeEquals(appId, _appId))
        {
            throw new WeChatCryptoException(WeChatCryptoError.AppIdMismatch);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content.Slice(HeaderLength, (int)msgLength));
        }
        catch (DecoderFallbackException)
        {
            throw new WeChatCryptoException(WeChatCryptoError.IllegalBuffer);
        }
    }
}

/// <param name="Message">The decrypted XML.</param>
/// <param name="KeyIndex">0 when the current EncodingAESKey worked, 1 for the previous one.</param>
internal sealed record DecryptedMessage(string Message, int KeyIndex);
