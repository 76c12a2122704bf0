using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using CitizenBot.Load.Script;

namespace CitizenBot.Load.Targets;

/// <summary>
/// Direct Line 3.0 as DirectLineJS uses it (docs/directline.md, Endpoints, and Stream and polling): start a conversation, open its WebSocket stream,
/// post each message over REST, and take the turn as done when the bot's answer to that activity id arrives on the stream.
/// </summary>
internal sealed class DirectLineCitizen(HttpClient http, Uri baseUrl, string secret, string userId) : ICitizen
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    private readonly Channel<BotMessage> _inbox = Channel.CreateUnbounded<BotMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiving;
    private string _conversationId = "";
    private string _token = "";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "v3/directline/conversations"))
        {
            Content = new StringContent($$"""{"user":{"id":"{{userId}}"},"locale":"zh-CN"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new TurnFailedException($"start-{(int)response.StatusCode}", "Direct Line refused to start a conversation");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        _conversationId = json.RootElement.GetProperty("conversationId").GetString()!;
        _token = json.RootElement.GetProperty("token").GetString()!;
        await _socket.ConnectAsync(new Uri(json.RootElement.GetProperty("streamUrl").GetString()!), cancellationToken).ConfigureAwait(false);
        _receiving = ReceiveAsync(_stop.Token);

        // The welcome sent for the conversation start comes first; it is not one of the measured turns.
        await WaitForAsync(replyToId: null, "您好", cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> SendAsync(ReportStep step, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, $"v3/directline/conversations/{_conversationId}/activities"))
        {
            Content = new ByteArrayContent(Body(step)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new TurnFailedException($"http-{(int)response.StatusCode}", $"posting an activity answered {(int)response.StatusCode}");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var id = json.RootElement.GetProperty("id").GetString();
        return await WaitForAsync(id, step.Expect, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", closing.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The server may already have gone; nothing to clean up then.
            }
        }

        if (_receiving is not null)
        {
            await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task<string> WaitForAsync(string? replyToId, string expect, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AnswerTimeout);
        try
        {
            while (true)
            {
                var message = await _inbox.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
                // The duplicate question stands in for the expected answer; the runner answers it (LoadRunner).
                if ((replyToId is null || message.ReplyToId == replyToId)
                    && (message.Text.Contains(expect, StringComparison.Ordinal) || message.Text.Contains(ReportScript.DuplicateQuestion, StringComparison.Ordinal)))
                {
                    return message.Text;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TurnFailedException("timeout", $"no answer containing '{expect}' on the stream within {AnswerTimeout.TotalSeconds} s");
        }
        catch (ChannelClosedException)
        {
            throw new TurnFailedException("stream-closed", "the Direct Line stream closed during the conversation");
        }
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var frame = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                frame.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (frame.Length > 0)
                {
                    Read(frame.GetBuffer().AsSpan(0, (int)frame.Length));
                }

                frame.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closing at the end of the conversation, or the server went away: waiters see the closed inbox.
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }

    private void Read(ReadOnlySpan<byte> frame)
    {
        using var set = JsonDocument.Parse(frame.ToArray());
        if (!set.RootElement.TryGetProperty("activities", out var activities))
        {
            return;
        }

        foreach (var activity in activities.EnumerateArray())
        {
            var fromBot = activity.TryGetProperty("from", out var from) && from.TryGetProperty("role", out var role) && role.GetString() == "bot";
            if (!fromBot || activity.GetProperty("type").GetString() != "message")
            {
                continue;
            }

            var text = activity.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
            var replyTo = activity.TryGetProperty("replyToId", out var r) ? r.GetString() : null;
            _inbox.Writer.TryWrite(new BotMessage(replyTo, text));
        }
    }

    private byte[] Body(ReportStep step)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "message");
            writer.WriteString("locale", "zh-CN");
            writer.WriteStartObject("from");
            writer.WriteString("id", userId);
            writer.WriteString("role", "user");
            writer.WriteEndObject();
            writer.WriteStartObject("channelData");
            writer.WriteString("clientActivityID", Guid.NewGuid().ToString("N"));
            writer.WriteEndObject();
            ActivityBody.WriteContent(writer, step);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private readonly record struct BotMessage(string? ReplyToId, string Text);
}
