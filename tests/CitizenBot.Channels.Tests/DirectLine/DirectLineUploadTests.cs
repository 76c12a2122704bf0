using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CitizenBot.Channels.Tests.DirectLine;

public sealed class DirectLineUploadTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, 0x01, 0x02, 0x03, 0xFF, 0xD9];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, .. "IHDR"u8];
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n"u8];

    // What DirectLineJS 0.15.5 posts: the activity part (attachments without contentUrl), then one "file" part each.
    private static MultipartFormDataContent WebChatUpload(params (byte[] Bytes, string Name, string Type)[] files)
    {
        var attachments = string.Join(",", files.Select(f => $$"""{"contentType":"{{f.Type}}","name":"{{f.Name}}","thumbnailUrl":"data:image/jpeg;base64,AAAA"}"""));
        var activity = new ByteArrayContent(Encoding.UTF8.GetBytes(
            $$$"""{"type":"message","text":"门口的消防通道被堵了","attachments":[{{{attachments}}}],"channelData":{"clientActivityID":"up-1","attachmentSizes":[{{{string.Join(",", files.Select(f => f.Bytes.Length))}}}]}}"""));
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
    public async Task Upload_TwoImages_EchoKeepsThumbnailAndServesFilesWithoutAuthorization()
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

        using var anonymous = new HttpClient();
        var first = (string)attachments[0]!["contentUrl"]!;
        Assert.StartsWith(server.Domain + "/attachments/", first, StringComparison.Ordinal);
        using var served = await anonymous.GetAsync(first);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Jpeg, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(Png, await anonymous.GetByteArrayAsync((string)attachments[1]!["contentUrl"]!));

        await server.IdleAsync();
        var forwarded = server.Bot.Received.Single(a => a.IsMessage);
        Assert.Equal(id, forwarded.Id);
        Assert.Equal(first, forwarded.Attachments![0].ContentUrl);
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
        Assert.Empty(Directory.Exists(server.UploadDirectory) ? Directory.GetFiles(server.UploadDirectory) : []);
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
        Assert.Empty(Directory.Exists(server.UploadDirectory) ? Directory.GetFiles(server.UploadDirectory) : []);
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

        using var response = await server.Http.GetAsync("/v3/directline/attachments/" + Uri.EscapeDataString(name));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
