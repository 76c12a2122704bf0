using CitizenBot.Testing.WeChat;
using System.Globalization;
using System.Text;
using CitizenBot.Channels.Turns;
using CitizenBot.Channels.WeChat.Crypto;
using CitizenBot.Channels.WeChat.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.Channels.Tests.WeChat.Fakes;

/// <summary>The WeChat endpoint hosted on loopback exactly as the bot wires it, with a fake turn processor and clock.</summary>
internal sealed class WeChatChannelHost : IAsyncDisposable
{
    public const string Token = "citizenbot2026";
    public const string AppId = "wx0123456789abcdef";
    public const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    public const string Account = "gh_10f6c3c3ac5a";
    public const string OpenId = "oyORnuP8q7ou2gfYjqLzSIWZf0rs";
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000);

    private readonly WebApplication _app;
    private int _nonce = 1000;

    private WeChatChannelHost(WebApplication app, FakeTimeProvider time, HttpClient client)
    {
        _app = app;
        Time = time;
        Client = client;
    }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public WeChatMessageCrypto Crypto { get; } = new(EncodingAesKey, AppId);

    public static async Task<WeChatChannelHost> StartAsync(
        FakeWeChatApi api, FakeTurnProcessor turns, IDictionary<string, string?>? settings = null, DateTimeOffset? now = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var configuration = new Dictionary<string, string?>
        {
            ["WeChat:Token"] = Token,
            ["WeChat:AppId"] = AppId,
            ["WeChat:AppSecret"] = "test-secret",
            ["WeChat:EncodingAESKey"] = EncodingAesKey,
            ["WeChat:ApiBaseUrl"] = api.BaseUrl.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var time = new FakeTimeProvider(now ?? Now);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<ITurnProcessor>(turns);
        builder.Services.AddWeChatChannel(builder.Configuration);
        var app = builder.Build();
        app.MapWeChatEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new WeChatChannelHost(app, time, new HttpClient { BaseAddress = new Uri(address) });
    }

    public string NextNonce() => Interlocked.Increment(ref _nonce).ToString(CultureInfo.InvariantCulture);

    public string Timestamp => Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>A plaintext-mode POST signed like WeChat signs it.</summary>
    public Task<HttpResponseMessage> PostPlainAsync(string xml, string? nonce = null, string? timestamp = null, string? signature = null)
    {
        nonce ??= NextNonce();
        timestamp ??= Timestamp;
        signature ??= WeChatSignature.Compute(Token, timestamp, nonce);
        return PostRawAsync($"/wechat?signature={signature}&timestamp={timestamp}&nonce={nonce}&openid={OpenId}", xml);
    }

    /// <summary>A safe-mode POST: envelope with Encrypt only, signature and msg_signature.</summary>
    public Task<HttpResponseMessage> PostEncryptedAsync(string? xml = null, string? encrypt = null, string? nonce = null, string? msgSignature = null)
    {
        nonce ??= NextNonce();
        var timestamp = Timestamp;
        encrypt ??= Crypto.Encrypt(xml!);
        msgSignature ??= WeChatSignature.Compute(Token, timestamp, nonce, encrypt);
        var signature = WeChatSignature.Compute(Token, timestamp, nonce);
        return PostRawAsync(
            $"/wechat?signature={signature}&timestamp={timestamp}&nonce={nonce}&openid={OpenId}&encrypt_type=aes&msg_signature={msgSignature}",
            $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>");
    }

    public Task<HttpResponseMessage> PostRawAsync(string pathAndQuery, string body) =>
        Client.PostAsync(pathAndQuery, new StringContent(body, Encoding.UTF8, "text/xml"));

    /// <summary>Moves the fake clock on until the request has answered (the reply budget runs on this clock).</summary>
    public async Task<HttpResponseMessage> AdvanceUntilAnsweredAsync(Task<HttpResponseMessage> request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!request.IsCompleted)
        {
            Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(20, timeout.Token);
        }

        return await request;
    }

    public static string TextMessage(string content, long msgId = 6054768590064713728, string from = OpenId) =>
        $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName>"
        + $"<CreateTime>{Now.ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        + $"<Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId></xml>";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
