using CitizenBot.Testing.WeChat;
using CitizenBot.Channels.Tests.WeChat.Fakes;
using CitizenBot.Channels.WeChat.Api;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Channels.Tests.WeChat.Api;

/// <summary>The API client against the fake WeChat API on loopback, wired by AddWeChatChannel.</summary>
public sealed class WeChatApiClientTests : IAsyncLifetime
{
    private FakeWeChatApi _api = null!;
    private WeChatChannelHost _host = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWeChatApi.StartAsync();
        _host = await WeChatChannelHost.StartAsync(_api, new FakeTurnProcessor(), new Dictionary<string, string?>
        {
            ["WeChat:Templates:TicketUpdate"] = "tpl-3Kx",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _api.DisposeAsync();
    }

    private WeChatApiClient CreateSut() => _host.Services.GetRequiredService<WeChatApiClient>();

    [Fact]
    public async Task SendTextAsync_TwentyConcurrentCalls_FetchOneToken()
    {
        _api.TokenGate = new TaskCompletionSource();
        var sends = Enumerable.Range(0, 20).Select(i => CreateSut().SendTextAsync("o" + i, "您好", CancellationToken.None)).ToList();
        await WaitUntilAsync(() => _api.TokenRequests >= 1);

        _api.TokenGate.SetResult();
        await Task.WhenAll(sends);

        Assert.Equal(1, _api.TokenRequests);
        Assert.All(_api.Calls, call => Assert.Equal("token-1", call.Token));
    }

    [Fact]
    public async Task SendTextAsync_TokenInvalidated_RefreshesOnceAndRetries()
    {
        await CreateSut().SendTextAsync("o1", "第一条", CancellationToken.None);
        _api.RejectedTokens["token-1"] = true;

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => CreateSut().SendTextAsync("o1", "第二条", CancellationToken.None)));

        Assert.Equal(2, _api.TokenRequests);
        Assert.Equal(6, _api.CustomMessages.Count);
    }

    [Fact]
    public async Task SendTextAsync_TokenRejectedEvenAfterRefresh_ThrowsInsteadOfLooping()
    {
        _api.RejectedTokens["token-1"] = true;
        _api.RejectedTokens["token-2"] = true;

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => CreateSut().SendTextAsync("o1", "hi", CancellationToken.None));

        Assert.Equal(40001, error.ErrorCode);
        Assert.Equal(2, _api.TokenRequests);
    }

    [Fact]
    public async Task SendTextAsync_ErrcodeOnHttp200_Throws()
    {
        _api.SendErrorCode = WeChatApiException.OutsideWindow;

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => CreateSut().SendTextAsync("o1", "hi", CancellationToken.None));

        Assert.Equal(45015, error.ErrorCode);
    }

    [Fact]
    public async Task SendTextAsync_DailyQuotaReached_StopsCallingForAWhile()
    {
        _api.SendErrorCode = 45009;
        await Assert.ThrowsAsync<WeChatApiException>(() => CreateSut().SendTextAsync("o1", "hi", CancellationToken.None));
        _api.SendErrorCode = 0;

        await Assert.ThrowsAsync<WeChatApiException>(() => CreateSut().SendTextAsync("o1", "hi", CancellationToken.None));
        _host.Time.Advance(WeChatApiBackoff.BlockFor);
        await CreateSut().SendTextAsync("o1", "hi", CancellationToken.None);

        Assert.Equal(2, _api.Calls.Count);
    }

    [Fact]
    public async Task DownloadAsync_KnownMedia_ReturnsBytesAndType()
    {
        _api.Media["m1"] = ([0xFF, 0xD8, 0xFF, 0xE0], "image/jpeg");

        var media = await CreateSut().DownloadAsync("m1", CancellationToken.None);

        Assert.Equal("image/jpeg", media.ContentType);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, media.Content);
    }

    [Fact]
    public async Task DownloadAsync_ExpiredMedia_ThrowsWithWeChatCode()
    {
        var error = await Assert.ThrowsAsync<WeChatApiException>(() => CreateSut().DownloadAsync("gone", CancellationToken.None));

        Assert.Equal(40007, error.ErrorCode);
    }

    [Fact]
    public async Task SendTemplateAsync_ConfiguredName_SendsItsTemplateId()
    {
        var msgId = await CreateSut().SendTemplateAsync(
            "o1", "TicketUpdate", new Dictionary<string, string> { ["thing1"] = "已办结" }, null, "ticket-1:done", CancellationToken.None);

        var call = Assert.Single(_api.Calls);
        Assert.Equal("/cgi-bin/message/template/send", call.Path);
        Assert.Equal("tpl-3Kx", (string?)call.Body["template_id"]);
        Assert.Equal("已办结", (string?)call.Body["data"]!["thing1"]!["value"]);
        Assert.Equal(200228332, msgId);
    }

    [Fact]
    public async Task SendTemplateAsync_UnknownName_ThrowsWithoutCalling()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => CreateSut().SendTemplateAsync(
            "o1", "Nope", new Dictionary<string, string>(), null, null, CancellationToken.None));

        Assert.Empty(_api.Calls);
    }

    [Fact]
    public async Task CreateMenuAsync_MenuFile_PostsItsButtons()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, """{"button":[{"type":"click","name":"我要上报","key":"REPORT"}]}""");

        await CreateSut().CreateMenuAsync(path, CancellationToken.None);

        var call = Assert.Single(_api.Calls);
        Assert.Equal("/cgi-bin/menu/create", call.Path);
        Assert.Equal("REPORT", (string?)call.Body["button"]![0]!["key"]);
        File.Delete(path);
    }

    [Fact]
    public async Task SendTypingAsync_Typing_PostsTheCommand()
    {
        await CreateSut().SendTypingAsync("o1", typing: true, CancellationToken.None);

        Assert.Equal("Typing", (string?)Assert.Single(_api.Calls).Body["command"]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
