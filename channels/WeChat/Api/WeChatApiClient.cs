using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.WeChat.Api;

/// <summary>
/// The outbound WeChat API: customer-service messages, typing, template messages, media download and
/// menu creation. HTTP 200 is not success: every answer's <c>errcode</c> is checked. A stale token (40001, 40014,
/// 42001) is refreshed once and the call retried once; a busy platform (-1, 45011) is retried with backoff; a used-up
/// daily quota (45009) stops calls for a while.
/// </summary>
internal sealed partial class WeChatApiClient(
    HttpClient http,
    WeChatAccessTokenProvider tokens,
    WeChatApiBackoff backoff,
    IOptions<WeChatOptions> options,
    TimeProvider time,
    ILogger<WeChatApiClient> logger) : IWeChatMediaDownloader, IWeChatMenu, IWeChatTemplateSender
{
    public const string HttpClientName = "WeChatApi";

    private static readonly int[] StaleTokenCodes = [40001, 40014, 42001];
    private static readonly int[] BusyCodes = [-1, 45011];
    private const int DailyQuotaReached = 45009;
    private const int MaxBusyRetries = 2;

    public Task SendTextAsync(string openId, string content, CancellationToken cancellationToken) =>
        PostAsync("/cgi-bin/message/custom/send", "custom/send text", new JsonObject
        {
            ["touser"] = openId,
            ["msgtype"] = "text",
            ["text"] = new JsonObject { ["content"] = content },
        }, cancellationToken);

    /// <summary>A customer-service 图文消息: one article (WeChat refuses more, error 45008).</summary>
    public Task SendNewsAsync(string openId, Xml.WeChatArticle article, CancellationToken cancellationToken) =>
        PostAsync("/cgi-bin/message/custom/send", "custom/send news", new JsonObject
        {
            ["touser"] = openId,
            ["msgtype"] = "news",
            ["news"] = new JsonObject
            {
                ["articles"] = new JsonArray(new JsonObject
                {
                    ["title"] = article.Title,
                    ["description"] = article.Description,
                    ["url"] = article.Url,
                    ["picurl"] = article.PicUrl ?? string.Empty,
                }),
            },
        }, cancellationToken);

    /// <summary>Shows or cancels "对方正在输入" for 15 s; needs a user interaction in the last 30 s.</summary>
    public Task SendTypingAsync(string openId, bool typing, CancellationToken cancellationToken) =>
        PostAsync("/cgi-bin/message/custom/typing", "custom/typing", new JsonObject
        {
            ["touser"] = openId,
            ["command"] = typing ? "Typing" : "CancelTyping",
        }, cancellationToken);

    /// <summary>Sends a template message; <paramref name="templateName"/> is a key of <c>WeChat:Templates</c>.</summary>
    /// <param name="clientMsgId">Makes WeChat drop a repeat for 10 minutes (pass the notification's id).</param>
    /// <returns>WeChat's msgid.</returns>
    public async Task<long> SendTemplateAsync(
        string openId, string templateName, IReadOnlyDictionary<string, string> data, Uri? url, string? clientMsgId,
        CancellationToken cancellationToken)
    {
        if (!options.Value.Templates.TryGetValue(templateName, out var templateId))
        {
            throw new InvalidOperationException($"No template id configured at WeChat:Templates:{templateName}.");
        }

        return await SendTemplateByIdAsync(openId, templateId, data, url, clientMsgId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a template message by the template's own id (configured elsewhere than <c>WeChat:Templates</c>).</summary>
    /// <returns>WeChat's msgid.</returns>
    public async Task<long> SendTemplateByIdAsync(
        string openId, string templateId, IReadOnlyDictionary<string, string> data, Uri? url, string? clientMsgId,
        CancellationToken cancellationToken)
    {
        var fields = new JsonObject();
        foreach (var (key, value) in data)
        {
            fields[key] = new JsonObject { ["value"] = value };
        }

        var body = new JsonObject { ["touser"] = openId, ["template_id"] = templateId, ["data"] = fields };
        if (url is not null)
        {
            body["url"] = url.ToString();
        }

        if (clientMsgId is not null)
        {
            body["client_msg_id"] = clientMsgId;
        }

        var answer = await PostAsync("/cgi-bin/message/template/send", "template/send", body, cancellationToken).ConfigureAwait(false);
        return answer.TryGetProperty("msgid", out var id) && id.TryGetInt64(out var msgId) ? msgId : 0;
    }

    /// <summary>Replaces the account's custom menu with the <c>{"button":[…]}</c> document of a menu file.</summary>
    /// <remarks>Meant for an operator command, not every start: the platform allows 1000 creates a day.</remarks>
    public async Task CreateMenuAsync(string menuJsonPath, CancellationToken cancellationToken)
    {
        var menu = JsonNode.Parse(await File.ReadAllTextAsync(menuJsonPath, cancellationToken).ConfigureAwait(false)) as JsonObject
            ?? throw new InvalidOperationException($"{menuJsonPath} is not a JSON object with a \"button\" array.");
        if (menu["button"] is not JsonArray { Count: >= 1 and <= 3 })
        {
            throw new InvalidOperationException($"{menuJsonPath} needs a \"button\" array of 1 to 3 top-level buttons.");
        }

        await PostAsync("/cgi-bin/menu/create", "menu/create", menu, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads temporary media by media_id; an error comes back as JSON with HTTP 200.</summary>
    public async Task<WeChatMedia> DownloadAsync(string mediaId, CancellationToken cancellationToken)
    {
        WeChatMedia? media = null;
        await SendAsync("media/get", token => new HttpRequestMessage(HttpMethod.Get,
            $"/cgi-bin/media/get?access_token={Uri.EscapeDataString(token)}&media_id={Uri.EscapeDataString(mediaId)}"),
            async (response, ct) =>
            {
                var type = response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
                if (type.Contains("json", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
                {
                    return await ReadJsonAsync(response, ct).ConfigureAwait(false);
                }

                media = new WeChatMedia(await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false), type);
                return default;
            }, cancellationToken).ConfigureAwait(false);
        return media ?? throw new WeChatApiException(40007, "media is not binary", "media/get");
    }

    private Task<JsonElement> PostAsync(string path, string operation, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(operation, token => new HttpRequestMessage(HttpMethod.Post, $"{path}?access_token={Uri.EscapeDataString(token)}")
        {
            Content = JsonContent.Create(body, WeChatApiJson.Relaxed.JsonObject, new MediaTypeHeaderValue("application/json")),
        }, ReadJsonAsync, cancellationToken);

    private async Task<JsonElement> SendAsync(
        string operation,
        Func<string, HttpRequestMessage> build,
        Func<HttpResponseMessage, CancellationToken, Task<JsonElement>> read,
        CancellationToken cancellationToken)
    {
        backoff.ThrowIfBlocked(operation);
        var refreshed = false;
        for (var busyRetries = 0; ; )
        {
            var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            using var request = build(token);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var answer = await read(response, cancellationToken).ConfigureAwait(false);
            var code = answer.ValueKind == JsonValueKind.Object ? ErrorCodeOf(answer) : 0;
            if (code == 0)
            {
                return answer;
            }

            if (StaleTokenCodes.Contains(code) && !refreshed)
            {
                LogRetry(logger, operation, code);
                await tokens.RefreshAsync(token, cancellationToken).ConfigureAwait(false);
                refreshed = true;
                continue;
            }

            if (BusyCodes.Contains(code) && busyRetries < MaxBusyRetries)
            {
                LogRetry(logger, operation, code);
                await Task.Delay(TimeSpan.FromMilliseconds(500 << busyRetries++), time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (code == DailyQuotaReached)
            {
                backoff.Block();
            }

            throw new WeChatApiException(code, ErrorMessageOf(answer), operation);
        }
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            return default;
        }

        using var json = JsonDocument.Parse(bytes);
        return json.RootElement.Clone();
    }

    internal static int ErrorCodeOf(JsonElement answer) =>
        answer.TryGetProperty("errcode", out var code) && code.TryGetInt32(out var value) ? value : 0;

    internal static string? ErrorMessageOf(JsonElement answer) =>
        answer.TryGetProperty("errmsg", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat API {Operation} answered errcode {Code}; retrying")]
    private static partial void LogRetry(ILogger logger, string operation, int code);
}
