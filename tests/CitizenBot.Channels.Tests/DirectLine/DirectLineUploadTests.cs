using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.DirectLine;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Channels.Tests.DirectLine;

public sealed class DirectLineUploadTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, 0x01, 0x02, 0x03, 0xFF, 0xD9];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, .. "IHDR"u8];
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n"u8];

    // What DirectLineJS 0.15.5 posts: the activity part (attachments without contentUrl), then one "file" part each.
    private static MultipartFormDataContent WebChatUpload(params (byte[] Bytes, string Name, string Type)[] files) => WebChatUploadAs("up-1", files);

    private static MultipartFormDataContent WebChatUploadAs(string clientActivityId, params (byte[] Bytes, string Name, string Type)[] files)
    {
        var attachments = string.Join(",", files.Select(f => $$"""{"contentType":"{{f.Type}}","name":"{{f.Name}}","thumbnailUrl":"data:image/jpeg;base64,AAAA"}"""));
        var activity = new ByteArrayContent(Encoding.UTF8.GetBytes(
            $$$"""{"type":"message","text":"门口的消防通道被堵了","attachments":[{{{attachments}}}],"channelData":{"clientActivityID":"{{{clientActivityId}}}","attachmentSizes":[{{{string.Join(",", files.Select(f => f.Bytes.Length))}}}]}}"""));
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        var form = new MultipartFormDataContent { { activity, "activity", "blob" } };
        foreach (var (bytes, name, type) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "file", name);
        }

        return form;
    }

    [Fact]
    public async Task Upload_TwoImages_EchoKeepsThumbnailAndStoresOnlyTheCleanedBytes()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync("r_reporter");

        using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload?userId=r_reporter", token,
            WebChatUpload((Jpeg, "现场.jpg", "image/jpeg"), (Png, "截图.png", "image/png")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (string)(await DirectLineTestServer.ReadJsonAsync(response))["id"]!;
        var all = await server.PollUntilAsync(conversationId, token, seen => seen.Any(a => (string?)a["id"] == id));
        var echo = all.Single(a => (string?)a["id"] == id);
        Assert.Equal("up-1", (string)echo["channelData"]!["clientActivityID"]!);
        Assert.Equal("门口的消防通道被堵了", (string)echo["text"]!);
        var attachments = echo["attachments"]!.AsArray();
        Assert.Equal(2, attachments.Count);
        Assert.Equal("data:image/jpeg;base64,AAAA", (string)attachments[0]!["thumbnailUrl"]!);
        Assert.Equal("现场.jpg", (string)attachments[0]!["name"]!);
        Assert.Equal("image/png", (string)attachments[1]!["contentType"]!);

        var first = (string)attachments[0]!["contentUrl"]!;
        Assert.StartsWith($"{server.Domain}/conversations/{conversationId}/attachments/", first, StringComparison.Ordinal);
        var stored = server.StoredFiles().Select(File.ReadAllBytes).ToList();
        Assert.Equal(2, stored.Count);
        Assert.Contains(stored, bytes => bytes.SequenceEqual(FakeSanitizer.Cleaned(Jpeg)));
        Assert.Contains(stored, bytes => bytes.SequenceEqual(FakeSanitizer.Cleaned(Png)));

        using var served = await GetWithTokenAsync(first, token);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(FakeSanitizer.Cleaned(Jpeg), await served.Content.ReadAsByteArrayAsync());

        await server.IdleAsync();
        var forwarded = server.Bot.Received.Single(a => a.IsMessage);
        Assert.Equal(first, forwarded.Attachments![0].ContentUrl);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task GetAttachment_WithoutTokenOrWithAnotherConversationsToken_IsRefused()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync("r_owner");
        var (_, otherToken, _) = await server.StartConversationAsync("r_other");
        var url = await UploadOneAsync(server, conversationId, token);

        using var anonymous = new HttpClient();
        using var withoutToken = await anonymous.GetAsync(url);
        using var withOtherToken = await GetWithTokenAsync(url, otherToken);
        using var withForgedToken = await GetWithTokenAsync(url, "eyJhbGciOiJIUzI1NiJ9.e30.AAAA");
        using var withOwnToken = await GetWithTokenAsync(url, token);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withOtherToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withForgedToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withOwnToken.StatusCode);
        Assert.Equal("nosniff", withOwnToken.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(withOwnToken.Headers.CacheControl!.Private);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task GetAttachment_WithTheCookieTheUploadSet_IsServedToThePageOnly()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync("r_owner");

        using var upload = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token, WebChatUpload((Jpeg, "a.jpg", "image/jpeg")));
        var cookie = upload.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dl_attachments=", StringComparison.Ordinal));
        Assert.Contains($"path=/v3/directline/conversations/{conversationId}/attachments", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var id = (string)(await DirectLineTestServer.ReadJsonAsync(upload))["id"]!;
        var echo = (await server.PollUntilAsync(conversationId, token, seen => seen.Any(a => (string?)a["id"] == id))).Single(a => (string?)a["id"] == id);
        using var request = new HttpRequestMessage(HttpMethod.Get, (string)echo["attachments"]![0]!["contentUrl"]!);
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var anonymous = new HttpClient();
        using var served = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Upload_PhotoWithPosition_EchoCarriesThePositionTheCleanedFileLost()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        server.Sanitizer.Gps = new GeoCoordinates(31.2304, 121.4737);
        var (conversationId, token, _) = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token, WebChatUpload((Jpeg, "a.jpg", "image/jpeg")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await server.IdleAsync();

        var forwarded = server.Bot.Received.Single(a => a.IsMessage);
        Assert.Equal(new GeoCoordinates(31.2304, 121.4737), UploadContent.ReadGps(forwarded.Attachments![0]));
    }

    [Theory]
    [Trait("Category", "Security")]
    [InlineData("TooManyPixels", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("NotAnImage", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("Busy", HttpStatusCode.ServiceUnavailable)]
    public async Task Upload_RefusedByTheDecoder_StoresNothingAndTellsTheCitizen(string refusal, HttpStatusCode expected)
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.UploadRefusedText = "照片没有收到");
        server.Sanitizer.Refusal = Enum.Parse<ImageRefusal>(refusal);
        var (conversationId, token, _) = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token, WebChatUpload((Png, "bomb.png", "image/png")));

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(server.StoredFiles());
        await server.PollUntilAsync(conversationId, token, seen => seen.Any(a => (string?)a["text"] == "照片没有收到"));
    }

    [Theory]
    [Trait("Category", "Security")]
    [InlineData("TooManyPixels", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("NotAnImage", HttpStatusCode.UnsupportedMediaType)]
    public async Task Upload_RefusedByItsHeader_IsJudgedOnItsFirstBytesAndNeverDecoded(string header, HttpStatusCode expected)
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.UploadRefusedText = "照片没有收到");
        server.Sanitizer.Header = Enum.Parse<ImageHeader>(header);
        var (conversationId, token, _) = await server.StartConversationAsync();
        // Under 1 MB, so the refusal is answered on an open connection (larger refusals close it: DirectLineUploadApi).
        byte[] garbage = [.. Jpeg[..4], .. Enumerable.Repeat((byte)0x41, 900 * 1024)];

        using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token, WebChatUpload((garbage, "a.jpg", "image/jpeg")));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal([DirectLineUploadFolder.HeaderPrefixBytes], server.Sanitizer.HeaderLengths);
        Assert.Equal(0, server.Sanitizer.Calls);
        Assert.Empty(server.StoredFiles());
        await server.PollUntilAsync(conversationId, token, seen => seen.Any(a => (string?)a["text"] == "照片没有收到"));
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Upload_BeyondTheConversationsHourlyCount_Returns429AndStoresNothingMore()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.MaxUploadsPerConversationPerHour = 2);
        var (conversationId, token, _) = await server.StartConversationAsync();

        for (var i = 0; i < 2; i++)
        {
            using var ok = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token, WebChatUploadAs("up-" + i, (Jpeg, "a.jpg", "image/jpeg")));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token, WebChatUploadAs("up-3", (Jpeg, "a.jpg", "image/jpeg")));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(2, server.StoredFiles().Length);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Upload_BeyondTheTotalStorageBudget_IsRefusedUntilTheSweepFreesRoom()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await DirectLineTestServer.StartAsync(o => { o.UploadStorageBudgetBytes = 1024; o.UploadRetention = TimeSpan.FromMinutes(10); }, time);
        var (conversationId, token, _) = await server.StartConversationAsync();
        byte[] large = [.. Jpeg, .. new byte[900]];

        using var first = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token, WebChatUploadAs("up-a", (large, "a.jpg", "image/jpeg")));
        using var second = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token, WebChatUploadAs("up-b", (large, "b.jpg", "image/jpeg")));
        time.Advance(TimeSpan.FromMinutes(11));
        server.Services.GetRequiredService<DirectLineUploadFolder>().Sweep();
        using var afterSweep = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token, WebChatUploadAs("up-c", (large, "c.jpg", "image/jpeg")));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.InsufficientStorage, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterSweep.StatusCode);
        Assert.Single(server.StoredFiles());
    }

    [Fact]
    public async Task Upload_ResentWithTheSameClientActivityId_AnsweredWithTheFirstIdAndKeepsOneCopy()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync();

        using var first = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token, WebChatUpload((Jpeg, "a.jpg", "image/jpeg")));
        using var resent = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token, WebChatUpload((Jpeg, "a.jpg", "image/jpeg")));
        await server.IdleAsync();

        Assert.Equal((string)(await DirectLineTestServer.ReadJsonAsync(first))["id"]!, (string)(await DirectLineTestServer.ReadJsonAsync(resent))["id"]!);
        Assert.Single(server.StoredFiles());
        Assert.Single(server.Bot.Received, a => a.IsMessage);
    }

    private static async Task<string> UploadOneAsync(DirectLineTestServer server, string conversationId, string token)
    {
        using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token, WebChatUpload((Jpeg, "a.jpg", "image/jpeg")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (string)(await DirectLineTestServer.ReadJsonAsync(response))["id"]!;
        var echo = (await server.PollUntilAsync(conversationId, token, seen => seen.Any(a => (string?)a["id"] == id))).Single(a => (string?)a["id"] == id);
        return (string)echo["attachments"]![0]!["contentUrl"]!;
    }

    private static async Task<HttpResponseMessage> GetWithTokenAsync(string url, string token)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Upload_PdfNamedJpg_Returns415AndStoresNothing()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token,
            WebChatUpload((Jpeg, "ok.jpg", "image/jpeg"), (Pdf, "照片.jpg", "image/jpeg")));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UnsupportedMediaType", (string)(await DirectLineTestServer.ReadJsonAsync(response))["error"]!["code"]!);
        Assert.Empty(server.StoredFiles());
        Assert.DoesNotContain(server.Bot.Received, a => a.IsMessage);
    }

    [Fact]
    public async Task Upload_FileLargerThanLimit_Returns413AndStoresNothing()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.MaxUploadBytes = 4096);
        var (conversationId, token, _) = await server.StartConversationAsync();
        byte[] big = [.. Jpeg, .. new byte[8192]];

        using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token, WebChatUpload((big, "big.jpg", "image/jpeg")));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(server.StoredFiles());
    }

    [Fact]
    public async Task Upload_NotMultipart_Returns400()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token, DirectLineTestServer.Json("""{"type":"message"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Upload_ForgedToken_Returns403()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, _, _) = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", "eyJhbGciOiJIUzI1NiJ9.e30.AAAA", WebChatUpload((Jpeg, "a.jpg", "image/jpeg")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("../secret.jpg")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.jpg")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.exe")]
    public async Task GetAttachment_UnknownOrOddName_Returns404(string name)
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/attachments/" + Uri.EscapeDataString(name), token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
