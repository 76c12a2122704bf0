using System.Security.Cryptography;
using System.Text;
using CitizenBot.Channels.Tests.WeChat.TestData;
using CitizenBot.Channels.WeChat.Crypto;

namespace CitizenBot.Channels.Tests.WeChat.Crypto;

/// <summary>All 16 real vectors of the WeChat protocol</summary>
public sealed class WeChatCryptoVectorTests
{
    [Fact]
    public void Vectors_File_HoldsAllSixteen()
    {
        Assert.Equal(16, WeChatVectors.Ids.Count());
    }

    [Theory]
    [InlineData("KEY-1")]
    [InlineData("KEY-2")]
    public void Parse_RealEncodingAesKey_DerivesKeyAndIv(string id)
    {
        var key = EncodingAesKey.Parse(WeChatVectors.Input(id, "encoding_aes_key"));

        Assert.Equal(WeChatVectors.Expected(id, "aes_key_hex"), Convert.ToHexStringLower(key.Key));
        Assert.Equal(WeChatVectors.Expected(id, "iv_hex"), Convert.ToHexStringLower(key.Iv));
    }

    [Theory]
    [InlineData("SIG-1")]
    [InlineData("SIG-2")]
    [InlineData("SIG-3")]
    [InlineData("SIG-4")]
    public void Compute_UrlSignature_MatchesVector(string id)
    {
        var signature = WeChatSignature.Compute(
            WeChatVectors.Input(id, "token"), WeChatVectors.Input(id, "timestamp"), WeChatVectors.Input(id, "nonce"));

        Assert.Equal(WeChatVectors.Expected(id, "signature"), signature);
    }

    [Fact]
    public void Compute_MsgSignatureWithMixedCase_SortsOrdinally()
    {
        const string id = "MSGSIG-ORD-1";
        var signature = WeChatSignature.Compute(
            WeChatVectors.Input(id, "token"), WeChatVectors.Input(id, "timestamp"),
            WeChatVectors.Input(id, "nonce"), WeChatVectors.Input(id, "encrypt"));

        Assert.Equal(WeChatVectors.Expected(id, "msg_signature"), signature);
        Assert.NotEqual(
            WeChatVectors.Get(id).GetProperty("wrong_if_culture_sorted").GetProperty("msg_signature").GetString(), signature);
    }

    [Fact]
    public void Matches_UppercaseHexOfRightSignature_IsAccepted()
    {
        Assert.True(WeChatSignature.Matches("F464B24FC39322E44B38AA78F5EDD27BD1441696", "AAAAA", "1714036504", "1514711492"));
    }

    [Fact]
    public void Matches_OneCharacterChanged_IsRefused()
    {
        Assert.False(WeChatSignature.Matches("f464b24fc39322e44b38aa78f5edd27bd1441697", "AAAAA", "1714036504", "1514711492"));
        Assert.False(WeChatSignature.Matches(null, "AAAAA", "1714036504", "1514711492"));
    }

    [Theory]
    [InlineData("DEC-1", "msg_signature")]
    [InlineData("DEC-2", null)]
    [InlineData("DEC-3", "msg_signature")]
    public void Decrypt_RealCiphertext_GivesExactPlaintext(string id, string? msgSignatureInput)
    {
        var input = WeChatVectors.Get(id).GetProperty("input");
        var token = input.GetProperty("token").GetString()!;
        var encrypt = input.GetProperty("encrypt").GetString()!;
        string timestamp, nonce, msgSignature;
        if (msgSignatureInput is null)
        {
            var query = System.Web.HttpUtility.ParseQueryString(input.GetProperty("query").GetString()!);
            timestamp = query["timestamp"]!;
            nonce = query["nonce"]!;
            msgSignature = query["msg_signature"]!;
            Assert.True(WeChatSignature.Matches(query["signature"], token, timestamp, nonce));
        }
        else
        {
            timestamp = input.GetProperty("timestamp").GetString()!;
            nonce = input.GetProperty("nonce").GetString()!;
            msgSignature = input.GetProperty(msgSignatureInput).GetString()!;
        }

        var crypto = new WeChatMessageCrypto(
            input.GetProperty("encoding_aes_key").GetString()!, input.GetProperty("appid").GetString()!);

        Assert.True(WeChatSignature.Matches(msgSignature, token, timestamp, nonce, encrypt));
        var decrypted = crypto.Decrypt(encrypt);
        Assert.Equal(WeChatVectors.Expected(id, "plaintext_xml"), decrypted.Message);
        Assert.Equal(0, decrypted.KeyIndex);
    }

    [Fact]
    public void Decrypt_PadThirty_DotNetPkcs7WouldThrowButOursWorks()
    {
        const string id = "DEC-3";
        var key = EncodingAesKey.Parse(WeChatVectors.Input(id, "encoding_aes_key"));
        var cipher = Convert.FromBase64String(WeChatVectors.Input(id, "encrypt"));
        using var aes = Aes.Create();
        aes.Key = key.Key;

        Assert.ThrowsAny<CryptographicException>(() => aes.DecryptCbc(cipher, key.Iv, PaddingMode.PKCS7));
        Assert.Equal(30, aes.DecryptCbc(cipher, key.Iv, PaddingMode.None)[^1]);
        var crypto = new WeChatMessageCrypto(WeChatVectors.Input(id, "encoding_aes_key"), WeChatVectors.Input(id, "appid"));
        Assert.Contains("<Content><![CDATA[hello]]></Content>", crypto.Decrypt(WeChatVectors.Input(id, "encrypt")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_WeComEchostr_GivesEchoAndSignatureMatches()
    {
        const string id = "ECHO-1";
        var crypto = new WeChatMessageCrypto(WeChatVectors.Input(id, "encoding_aes_key"), WeChatVectors.Input(id, "receiver_id"));
        var echostr = WeChatVectors.Input(id, "echostr");

        Assert.True(WeChatSignature.Matches(
            WeChatVectors.Input(id, "msg_signature"), WeChatVectors.Input(id, "token"),
            WeChatVectors.Input(id, "timestamp"), WeChatVectors.Input(id, "nonce"), echostr));
        Assert.Equal(WeChatVectors.Expected(id, "response_body"), crypto.Decrypt(echostr).Message);
    }

    [Theory]
    [InlineData("ENC-1")]
    [InlineData("ENC-2")]
    public void Encrypt_FixedRandomPrefix_GivesExactCiphertext(string id)
    {
        var crypto = new WeChatMessageCrypto(WeChatVectors.Input(id, "encoding_aes_key"), WeChatVectors.Input(id, "appid"));

        var encrypt = crypto.Encrypt(
            WeChatVectors.Input(id, "message"), random: Encoding.ASCII.GetBytes(WeChatVectors.Input(id, "random16_ascii")));

        Assert.Equal(WeChatVectors.Expected(id, "encrypt"), encrypt);
    }

    [Fact]
    public void Compute_ReplySignatureOfEnc1_MatchesDerivedVector()
    {
        var derived = WeChatVectors.Get("ENC-1").GetProperty("derived_not_in_source");

        var signature = WeChatSignature.Compute(
            derived.GetProperty("token").GetString()!, derived.GetProperty("timestamp").GetString()!,
            derived.GetProperty("nonce").GetString()!, WeChatVectors.Expected("ENC-1", "encrypt"));

        Assert.Equal(derived.GetProperty("msg_signature").GetString(), signature);
    }

    [Theory]
    [InlineData("JSSDK-1")]
    [InlineData("JSSDK-2")]
    [InlineData("JSSDK-3")]
    public void JsSdkSignature_RawValues_MatchVector(string id)
    {
        // The JS-SDK signature is plain SHA-1 of string1; checked so the vectors file stays whole.
        var string1 = $"jsapi_ticket={WeChatVectors.Input(id, "jsapi_ticket")}&noncestr={WeChatVectors.Input(id, "noncestr")}"
            + $"&timestamp={WeChatVectors.Input(id, "timestamp")}&url={WeChatVectors.Input(id, "url")}";

        Assert.Equal(WeChatVectors.Expected(id, "string1"), string1);
        Assert.Equal(WeChatVectors.Expected(id, "signature"), Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string1))));
    }
}
