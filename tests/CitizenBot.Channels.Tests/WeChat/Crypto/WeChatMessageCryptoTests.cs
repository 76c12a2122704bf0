using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CitizenBot.Channels.WeChat.Crypto;

namespace CitizenBot.Channels.Tests.WeChat.Crypto;

public sealed class WeChatMessageCryptoTests
{
    private const string Key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private const string OtherKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private const string AppId = "wx2c2769f8efd9abc2";

    private static WeChatMessageCrypto CreateSut(string key = Key, string appId = AppId, string? previous = null) => new(key, appId, previous);

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("我是中文abcd123")]
    [InlineData("<xml><Content><![CDATA[老板跑路了工资不给怎么办]]></Content></xml>")]
    public void Encrypt_ThenDecrypt_RoundTrips(string message)
    {
        var sut = CreateSut();

        Assert.Equal(message, sut.Decrypt(sut.Encrypt(message)).Message);
    }

    [Fact]
    public void Encrypt_LengthAlreadyAligned_AddsAFullBlockOf32()
    {
        // 16 + 4 + msg + 18 (AppId) = 64 when msg is 26 bytes.
        var sut = CreateSut();
        var cipher = Convert.FromBase64String(sut.Encrypt(new string('x', 26)));
        var key = EncodingAesKey.Parse(Key);
        using var aes = Aes.Create();
        aes.Key = key.Key;

        var plain = aes.DecryptCbc(cipher, key.Iv, PaddingMode.None);

        Assert.Equal(96, plain.Length);
        Assert.Equal(32, plain[^1]);
    }

    [Fact]
    public void Encrypt_TwoCalls_UseDifferentRandomPrefixes()
    {
        var sut = CreateSut();

        Assert.NotEqual(sut.Encrypt("hello"), sut.Encrypt("hello"));
    }

    [Fact]
    public void Decrypt_WrongAppIdInside_IsRefused()
    {
        var ciphertext = CreateSut(appId: "wxEVIL0000000000000").Encrypt("<xml/>");

        var error = Assert.Throws<WeChatCryptoException>(() => CreateSut().Decrypt(ciphertext));
        Assert.Equal(WeChatCryptoError.AppIdMismatch, error.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(200)]
    public void Decrypt_PadOutOfRange_IsRefused(int pad)
    {
        var ciphertext = EncryptRaw(Encoding.UTF8.GetBytes("<xml/>"), padValue: (byte)pad);

        var error = Assert.Throws<WeChatCryptoException>(() => CreateSut().Decrypt(ciphertext));
        Assert.Equal(WeChatCryptoError.DecryptFailed, error.Error);
    }

    [Fact]
    public void Decrypt_PadBytesNotAllEqual_IsRefused()
    {
        var ciphertext = EncryptRaw(Encoding.UTF8.GetBytes("<xml/>"), padValue: null, corruptPad: true);

        var error = Assert.Throws<WeChatCryptoException>(() => CreateSut().Decrypt(ciphertext));
        Assert.Equal(WeChatCryptoError.DecryptFailed, error.Error);
    }

    [Fact]
    public void Decrypt_LengthFieldBeyondBuffer_IsRefused()
    {
        var ciphertext = EncryptRaw(Encoding.UTF8.GetBytes("<xml/>"), padValue: null, lengthOverride: 10_000);

        var error = Assert.Throws<WeChatCryptoException>(() => CreateSut().Decrypt(ciphertext));
        Assert.Equal(WeChatCryptoError.IllegalBuffer, error.Error);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("")]
    [InlineData("AAAA")]
    public void Decrypt_NotACiphertext_IsRefused(string encrypt)
    {
        Assert.Throws<WeChatCryptoException>(() => CreateSut().Decrypt(encrypt));
    }

    [Fact]
    public void Decrypt_MessageUnderPreviousKey_IsAcceptedAndReportsThatKey()
    {
        var oldSender = CreateSut(key: OtherKey);
        var sut = CreateSut(previous: OtherKey);

        var decrypted = sut.Decrypt(oldSender.Encrypt("<xml>old</xml>"));

        Assert.Equal("<xml>old</xml>", decrypted.Message);
        Assert.Equal(1, decrypted.KeyIndex);
        Assert.Equal("reply", oldSender.Decrypt(sut.Encrypt("reply", decrypted.KeyIndex)).Message);
    }

    [Fact]
    public void Decrypt_MessageUnderUnknownKey_IsRefused()
    {
        var stranger = CreateSut(key: OtherKey);

        Assert.Throws<WeChatCryptoException>(() => CreateSut().Decrypt(stranger.Encrypt("<xml/>")));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF!")]
    public void Constructor_MalformedEncodingAesKey_Throws(string key)
    {
        Assert.Throws<WeChatCryptoException>(() => CreateSut(key: key));
    }

    private static string EncryptRaw(byte[] msg, byte? padValue, bool corruptPad = false, uint? lengthOverride = null)
    {
        var appId = Encoding.UTF8.GetBytes(AppId);
        var length = 20 + msg.Length + appId.Length;
        var pad = 32 - (length % 32);
        var plain = new byte[length + pad];
        BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(16, 4), lengthOverride ?? (uint)msg.Length);
        msg.CopyTo(plain, 20);
        appId.CopyTo(plain, 20 + msg.Length);
        plain.AsSpan(length).Fill((byte)pad);
        if (padValue is { } value)
        {
            plain[^1] = value;
        }

        if (corruptPad)
        {
            plain[^2] = (byte)(plain[^1] + 1);
        }

        var key = EncodingAesKey.Parse(Key);
        using var aes = Aes.Create();
        aes.Key = key.Key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, key.Iv, PaddingMode.None));
    }
}
