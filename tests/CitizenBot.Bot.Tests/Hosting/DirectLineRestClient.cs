using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CitizenBot.Bot.Tests.Hosting;

/// <summary>A Direct Line 3.0 client over REST: posts a message, polls the activity log until the expected reply.</summary>
internal sealed class DirectLineRestClient(HttpClient http, string id, string token)
{
    public const string UserId = "dl_rest-user";

    private int _watermark;

    public string ConversationId => id;

    public string Token => token;

    public static async Task<DirectLineRestClient> StartAsync(HttpClient http, string secret)
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, "v3/directline/conversations");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var started = await http.SendAsync(start);
        started.EnsureSuccessStatusCode();
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        return new DirectLineRestClient(http, body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!);
    }

    /// <summary>Sends <paramref name="text"/>; returns the bot's replies (joined) once one contains <paramref name="expect"/>.</summary>
    public async Task<string> SayAsync(string text, string expect)
    {
        await PostAsync(text);
        return await RepliesUntilAsync(expect);
    }

    /// <summary>Sends <paramref name="text"/> without waiting for an answer.</summary>
    public async Task PostAsync(string text)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{id}/activities")
        {
            Content = JsonContent.Create(new { type = "message", from = new { id = UserId }, text }),
        };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await http.SendAsync(post)).EnsureSuccessStatusCode();
    }

    /// <summary>Uploads files as Web Chat does; returns the response (the echo's id) without waiting for the bot.</summary>
    public async Task<HttpResponseMessage> UploadAsync(string? text, params byte[][] files)
    {
        var form = new MultipartFormDataContent();
        var attachments = string.Join(",", files.Select(_ => """{"contentType":"image/jpeg"}"""));
        var activity = new StringContent($$$"""{"type":"message","text":{{{JsonSerializer.Serialize(text)}}},"attachments":[{{{attachments}}}]}""");
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(activity, "activity", "blob");
        foreach (var file in files)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(part, "file", "photo.jpg");
        }

        using var post = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{id}/upload") { Content = form };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(post);
    }

    /// <summary>Everything the log holds now, as the token's holder (or another credential) reads it.</summary>
    public async Task<HttpResponseMessage> ReadLogAsync(string? credential = null)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, $"v3/directline/conversations/{id}/activities");
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential ?? token);
        return await http.SendAsync(get);
    }

    /// <summary>Polls until a reply contains <paramref name="expect"/>; returns every reply seen (joined).</summary>
    public async Task<string> RepliesUntilAsync(string expect)
    {
        var replies = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!replies.Exists(r => r.Contains(expect, StringComparison.Ordinal)))
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, $"v3/directline/conversations/{id}/activities?watermark={_watermark}");
            get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(get, timeout.Token);
            response.EnsureSuccessStatusCode();
            var set = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
            _watermark = int.Parse(set.GetProperty("watermark").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            replies.AddRange(set.GetProperty("activities").EnumerateArray()
                .Where(a => a.GetProperty("from").GetProperty("id").GetString() != UserId && a.TryGetProperty("text", out _))
                .Select(Shown));
            if (!replies.Exists(r => r.Contains(expect, StringComparison.Ordinal)))
            {
                await Task.Delay(50, timeout.Token);
            }
        }

        return string.Join("\n", replies);
    }

    /// <summary>A reply's text as a reader sees it: markdown links as their labels.</summary>
    private static string Shown(JsonElement activity)
    {
        var text = activity.GetProperty("text").GetString() ?? string.Empty;
        return activity.TryGetProperty("textFormat", out var format) && format.GetString() == "markdown" ? Dialogs.Cards.Markdown.ToPlain(text) : text;
    }
}
