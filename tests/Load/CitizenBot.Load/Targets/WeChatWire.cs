using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CitizenBot.Load.Targets;

/// <summary>
/// What the WeChat server does in safe mode: AES-256-CBC with the EncodingAESKey, 32-byte PKCS#7,
/// a 16-byte random prefix, the big-endian length and the AppId; SHA-1 signatures over the ordinally sorted parts.
/// Written here on purpose rather than borrowed from the bot, so the driver checks the bot as an outsider would.
/// </summary>
internal sealed class WeChatWire
{
    private const int BlockSize = 32;

    private readonly byte[] _key;
    private readonly byte[] _appId;

    public WeChatWire(string encodingAesKey, string appId, string token)
    {
        _key = Convert.FromBase64String(encodingAesKey + "=");
        _appId = Encoding.UTF8.GetBytes(appId);
        Token = token;
    }

    public string Token { get; }

    public string Encrypt(string xml)
    {
        var message = Encoding.UTF8.GetBytes(xml);
        var length = 20 + message.Length + _appId.Length;
        var pad = BlockSize - (length % BlockSize);
        var plain = new byte[length + pad];
        RandomNumberGenerator.Fill(plain.AsSpan(0, 16));
        BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(16, 4), (uint)message.Length);
        message.CopyTo(plain, 20);
        _appId.CopyTo(plain, 20 + message.Length);
        plain.AsSpan(length).Fill((byte)pad);
        using var aes = Aes.Create();
        aes.Key = _key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, _key.AsSpan(0, 16), PaddingMode.None));
    }

    public string Decrypt(string encrypt)
    {
        using var aes = Aes.Create();
        aes.Key = _key;
        var plain = aes.DecryptCbc(Convert.FromBase64String(encrypt), _key.AsSpan(0, 16), PaddingMode.None);
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(plain.AsSpan(16, 4));
        return Encoding.UTF8.GetString(plain, 20, length);
    }

    public static string Sign(params string[] parts)
    {
        Array.Sort(parts, StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));
    }
}
