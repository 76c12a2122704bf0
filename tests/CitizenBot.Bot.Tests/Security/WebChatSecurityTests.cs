using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenBot.Bot.Tests.Center;
using CitizenBot.Bot.Tests.Hosting;
using CitizenBot.Bot.Tests.TestData;
using CitizenBot.Bot.Turns;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Bot.Tests.Security;

/// <summary>What a citizen sends on the web, through the real bot: kept clean, shown only to them, gone when they say so.</summary>
[Trait("Category", "Security")]
public sealed class WebChatSecurityTests : IAsyncLifetime
{
    private const string Secret = "security-test-directline-secret-0123456789";

    private BotServer _bot = null!;
    private HttpClient _http = null!;

    private string Uploads => Path.Combine(_bot.DataDirectory, "uploads");

    public Task InitializeAsync()
    {
        _bot = new BotServer(settings: new Dictionary<string, string?> { ["DirectLine:Secret"] = Secret });
        _http = _bot.CreateHttpClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _bot.DisposeAsync();
    }

    [Fact]
    public async Task Upload_PhotoWithExifGps_IsNeverOnDiskOrServedWithItsExif_AndNotWithoutTheConversationsToken()
    {
        var citizen = await DirectLineRestClient.StartAsync(_http, Secret);
        var other = await DirectLineRestClient.StartAsync(_http, Secret);
        var photo = TestImages.JpegWithGps(30.0051, 120.0052);

        using var uploaded = await citizen.UploadAsync(null, photo);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);

        var stored = System.IO.Directory.GetFiles(Uploads, "*", SearchOption.AllDirectories);
        var file = Assert.Single(stored);
        Assert.Empty(ImageMetadataReader.ReadMetadata(file).OfType<GpsDirectory>());
        Assert.Empty(ImageMetadataReader.ReadMetadata(file).OfType<ExifIfd0Directory>());

        var url = await AttachmentUrlAsync(citizen);
        using var withToken = await GetAsync(url, citizen.Token);
        using var withoutToken = await GetAsync(url, null);
        using var withOtherToken = await GetAsync(url, other.Token);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        var served = await withToken.Content.ReadAsByteArrayAsync();
        Assert.Empty(ImageMetadataReader.ReadMetadata(new MemoryStream(served)).OfType<GpsDirectory>());
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withOtherToken.StatusCode);
    }

    [Fact]
    public async Task Upload_PngBombOrGarbage_RefusedAndNothingKeptOnDisk()
    {
        var citizen = await DirectLineRestClient.StartAsync(_http, Secret);
        byte[] garbage = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[4096]];

        using var bomb = await citizen.UploadAsync(null, TestImages.PngBomb(8192, 8192));
        using var broken = await citizen.UploadAsync(null, garbage);
        using var pdf = await citizen.UploadAsync(null, TestImages.FakePdf());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bomb.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, broken.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, pdf.StatusCode);
        Assert.Empty(System.IO.Directory.Exists(Uploads) ? System.IO.Directory.GetFiles(Uploads, "*", SearchOption.AllDirectories) : []);
        await citizen.RepliesUntilAsync("照片没有收到");
    }

    [Fact]
    public async Task EraseMyData_Yes_NothingTheCitizenSaidOrSentIsServedOrKept()
    {
        const string Phone = "13800138000";
        var citizen = await DirectLineRestClient.StartAsync(_http, Secret);
        await citizen.SayAsync($"我叫王五，电话{Phone}", expect: string.Empty);
        using (var uploaded = await citizen.UploadAsync("现场照片", TestImages.JpegWithGps(30.0051, 120.0052)))
        {
            Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        }

        var url = await AttachmentUrlAsync(citizen);
        await citizen.SayAsync("删除我的信息", expect: "确定删除吗");
        await citizen.PostAsync("是");

        // Once the turn has run the citizen's own token no longer opens anything (the page, on its open stream, gets
        // the confirmation and starts a new conversation).
        await Eventually.TrueAsync(async () => (await citizen.ReadLogAsync()).StatusCode == HttpStatusCode.Forbidden, "the conversation's token is refused");
        using var log = await citizen.ReadLogAsync();
        using var photo = await GetAsync(url, citizen.Token);
        Assert.Equal(HttpStatusCode.Forbidden, log.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, photo.StatusCode);

        // Read with the secret, the log holds nothing the citizen said: only the bot's confirmation and the end event.
        using var asOperator = await citizen.ReadLogAsync(Secret);
        var left = await asOperator.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Phone, left, StringComparison.Ordinal);
        Assert.DoesNotContain("现场照片", left, StringComparison.Ordinal);
        Assert.DoesNotContain("/attachments/", left, StringComparison.Ordinal);
        await Eventually.TrueAsync(
            async () => (await (await citizen.ReadLogAsync(Secret)).Content.ReadAsStringAsync()).Contains("citizenbot/conversationErased", StringComparison.Ordinal),
            "the page is told to start anew");
        Assert.Contains("已删除", await (await citizen.ReadLogAsync(Secret)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(System.IO.Directory.GetFiles(Uploads, "*", SearchOption.AllDirectories));

        var state = await _bot.Services.GetRequiredService<IConversationStateStore>().LoadAsync($"directline:{citizen.ConversationId}", CancellationToken.None);
        Assert.DoesNotContain(Phone, System.Text.Encoding.UTF8.GetString(state.Data ?? []), StringComparison.Ordinal);
    }

    private async Task<string> AttachmentUrlAsync(DirectLineRestClient citizen)
    {
        using var log = await citizen.ReadLogAsync();
        var set = await log.Content.ReadFromJsonAsync<JsonElement>();
        return set.GetProperty("activities").EnumerateArray()
            .Where(a => a.TryGetProperty("attachments", out _))
            .SelectMany(a => a.GetProperty("attachments").EnumerateArray())
            .Select(a => a.GetProperty("contentUrl").GetString()!)
            .First();
    }

    private static async Task<HttpResponseMessage> GetAsync(string url, string? token)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }
}
