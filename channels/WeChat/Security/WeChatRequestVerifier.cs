using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CitizenBot.Channels.WeChat.Crypto;
using CitizenBot.Channels.WeChat.Inbound;
using CitizenBot.Channels.WeChat.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.WeChat.Security;

/// <summary>
/// Everything between the raw POST and a trusted message: the signature first, then the
/// timestamp window, then in safe mode the <c>msg_signature</c> over the ciphertext, the replay guard, and only then
/// decryption and parsing. Each refusal is a 4xx with nothing processed.
/// </summary>
internal sealed class WeChatRequestVerifier
{
    private readonly WeChatOptions _options;
    private readonly IWeChatReplayGuard _replay;
    private readonly TimeProvider _time;

    public WeChatRequestVerifier(IOptions<WeChatOptions> options, IWeChatReplayGuard replay, TimeProvider time)
    {
        _options = options.Value;
        _replay = replay;
        _time = time;
        Crypto = string.IsNullOrEmpty(_options.EncodingAESKey)
            ? null
            : new WeChatMessageCrypto(_options.EncodingAESKey, _options.AppId, _options.PreviousEncodingAESKey);
    }

    /// <summary>Null when no EncodingAESKey is configured (plaintext mode only).</summary>
    public WeChatMessageCrypto? Crypto { get; }

    /// <summary>The GET check: signature over (token, timestamp, nonce) only; echostr is never decrypted for an Official Account.</summary>
    public bool IsSignatureValid(WeChatCallbackQuery query) =>
        query is { Timestamp: { } timestamp, Nonce: { } nonce }
        && WeChatSignature.Matches(query.Signature, _options.Token, timestamp, nonce);

    public async Task<WeChatVerification> VerifyAsync(WeChatCallbackQuery query, HttpRequest request, CancellationToken cancellationToken)
    {
        if (query.Timestamp is null || query.Nonce is null || query.Signature is null)
        {
            return WeChatVerification.Refuse(StatusCodes.Status400BadRequest, "query incomplete");
        }

        if (!IsSignatureValid(query))
        {
            return WeChatVerification.Refuse(StatusCodes.Status401Unauthorized, "signature");
        }

        if (!long.TryParse(query.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(_time.GetUtcNow().ToUnixTimeSeconds() - seconds) > _options.TimestampWindow.TotalSeconds)
        {
            return WeChatVerification.Refuse(StatusCodes.Status401Unauthorized, "timestamp outside window");
        }

        var encrypted = string.Equals(query.EncryptType, "aes", StringComparison.OrdinalIgnoreCase);
        if (!encrypted && query.EncryptType is not (null or "" or "raw"))
        {
            return WeChatVerification.Refuse(StatusCodes.Status400BadRequest, "unknown encrypt_type");
        }

        if (!encrypted && _options.RequireEncryption)
        {
            return WeChatVerification.Refuse(StatusCodes.Status403Forbidden, "plaintext refused");
        }

        var body = await ReadCappedAsync(request, _options.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return WeChatVerification.Refuse(StatusCodes.Status413PayloadTooLarge, "body too large");
        }

        try
        {
            var xml = Encoding.UTF8.GetString(body);
            var fingerprint = Convert.ToHexStringLower(SHA256.HashData(body));
            if (!encrypted)
            {
                // The plaintext signature does not cover the body: a captured triple must not carry new content.
                if (!await _replay.TryAcceptAsync($"{query.Timestamp}|{query.Nonce}|{query.Signature}", fingerprint, cancellationToken).ConfigureAwait(false))
                {
                    return WeChatVerification.Refuse(StatusCodes.Status409Conflict, "replayed signature");
                }

                return WeChatVerification.Accept(WeChatInboundMessage.Parse(xml), encrypted: false, keyIndex: 0);
            }

            if (Crypto is null)
            {
                return WeChatVerification.Refuse(StatusCodes.Status400BadRequest, "encrypted message but no EncodingAESKey");
            }

            var envelope = WeChatXml.Parse(xml);
            if (!envelope.TryGetValue("Encrypt", out var ciphertext) || ciphertext.Length == 0)
            {
                return WeChatVerification.Refuse(StatusCodes.Status400BadRequest, "Encrypt missing");
            }

            if (!WeChatSignature.Matches(query.MsgSignature, _options.Token, query.Timestamp, query.Nonce, ciphertext))
            {
                return WeChatVerification.Refuse(StatusCodes.Status401Unauthorized, "msg_signature");
            }

            if (!await _replay.TryAcceptAsync($"{query.Timestamp}|{query.Nonce}|{query.MsgSignature}", fingerprint, cancellationToken).ConfigureAwait(false))
            {
                return WeChatVerification.Refuse(StatusCodes.Status409Conflict, "replayed signature");
            }

            // Only the decrypted copy is authoritative, also in compatible mode.
            var decrypted = Crypto.Decrypt(ciphertext);
            return WeChatVerification.Accept(WeChatInboundMessage.Parse(decrypted.Message), encrypted: true, decrypted.KeyIndex);
        }
        catch (WeChatXmlException)
        {
            return WeChatVerification.Refuse(StatusCodes.Status400BadRequest, "xml");
        }
        catch (WeChatCryptoException e)
        {
            return WeChatVerification.Refuse(StatusCodes.Status400BadRequest, $"ciphertext {e.Error}");
        }
    }

    /// <returns>The body, or null when it is longer than <paramref name="maxBytes"/>.</returns>
    private static async Task<byte[]?> ReadCappedAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>The outcome of <see cref="WeChatRequestVerifier.VerifyAsync"/>: a trusted message, or a status and a reason to log.</summary>
internal sealed record WeChatVerification(WeChatInboundMessage? Message, bool Encrypted, int KeyIndex, int StatusCode, string? Reason)
{
    public static WeChatVerification Accept(WeChatInboundMessage message, bool encrypted, int keyIndex) =>
        new(message, encrypted, keyIndex, StatusCodes.Status200OK, null);

    public static WeChatVerification Refuse(int statusCode, string reason) => new(null, false, 0, statusCode, reason);
}
