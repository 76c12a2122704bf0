using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.DirectLine;

/// <summary>
/// The WebSocket side: one socket per conversation (a newer one closes the older with reason <c>collision</c>, as
/// the real service does), replay from the URL's watermark, text frames of ActivitySet, empty-string heartbeats.
/// </summary>
internal sealed class DirectLineStreams(
    IDirectLineConversationStore store, IOptions<DirectLineOptions> options, TimeProvider time, IHostApplicationLifetime lifetime)
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _current = new(StringComparer.Ordinal);

    public async Task RunAsync(WebSocket socket, string conversationId, int watermark, CancellationToken requestAborted)
    {
        using var displaced = new CancellationTokenSource();
        CancellationTokenSource? previous = null;
        _current.AddOrUpdate(conversationId, displaced, (_, old) =>
        {
            previous = old;
            return displaced;
        });
        if (previous is not null)
        {
            await CancelQuietlyAsync(previous).ConfigureAwait(false);
        }

        using var closed = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        var receiving = DiscardInboundAsync(socket, closed);
        // Stopping closes sockets at once; otherwise an open Web Chat holds shutdown for the whole grace period.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(closed.Token, displaced.Token, lifetime.ApplicationStopping);
        try
        {
            await SendLoopAsync(socket, conversationId, watermark, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Closed by the client, displaced by a newer socket, or the server is stopping.
        }
        catch (WebSocketException)
        {
            // The connection dropped; DirectLineJS reconnects through GET /conversations/{id}.
        }
        finally
        {
            _current.TryRemove(new KeyValuePair<string, CancellationTokenSource>(conversationId, displaced));
            await CloseAsync(socket, displaced.IsCancellationRequested).ConfigureAwait(false);

            // Wait for the client's close frame: dropping the connection at once resets it, and the client may then
            // lose our close frame (and the "collision" reason) still in flight.
            try
            {
                await receiving.WaitAsync(CloseHandshakeTimeout, time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await closed.CancelAsync().ConfigureAwait(false);
                await receiving.ConfigureAwait(false);
            }
        }
    }

    private async Task SendLoopAsync(WebSocket socket, string conversationId, int watermark, CancellationToken cancellationToken)
    {
        var heartbeat = options.Value.HeartbeatInterval;
        while (true)
        {
            var page = await store.ReadAsync(conversationId, watermark, cancellationToken).ConfigureAwait(false);
            watermark = page.Watermark;
            if (page.Activities.Count > 0)
            {
                await SendTextAsync(socket, ActivitySet.ToJson(page), cancellationToken).ConfigureAwait(false);
            }

            if (!await store.WaitAsync(conversationId, watermark, heartbeat, cancellationToken).ConfigureAwait(false))
            {
                // DirectLineJS ignores falsy frames; they keep proxies from closing an idle socket.
                await SendTextAsync(socket, "", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static Task SendTextAsync(WebSocket socket, string text, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    // DirectLineJS sends only "" pings; nothing inbound is ever an activity, so frames are read and dropped.
    private static async Task DiscardInboundAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closing anyway.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await CancelQuietlyAsync(closed).ConfigureAwait(false);
        }
    }

    private async Task CloseAsync(WebSocket socket, bool collision)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(CloseHandshakeTimeout, time);
        try
        {
            await socket.CloseOutputAsync(
                collision ? WebSocketCloseStatus.PolicyViolation : WebSocketCloseStatus.NormalClosure,
                collision ? "collision" : null,
                timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The peer is gone already.
        }
    }

    private static async Task CancelQuietlyAsync(CancellationTokenSource source)
    {
        try
        {
            await source.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // That socket has finished already.
        }
    }
}
