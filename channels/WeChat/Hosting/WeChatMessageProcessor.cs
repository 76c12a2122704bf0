using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Privacy;
using CitizenBot.Channels.Turns;
using CitizenBot.Channels.WeChat.Api;
using CitizenBot.Channels.WeChat.Dedup;
using CitizenBot.Channels.WeChat.Inbound;
using CitizenBot.Channels.WeChat.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.WeChat.Hosting;

/// <summary>
/// Runs one verified inbound message: dedup, one turn, then the answer within the 5-second deadline.
/// Every delivery of a message waits up to the reply budget for the single turn; the first to see it finish answers
/// passively; a delivery that gives up answers <c>success</c> and the replies go through the customer-service API.
/// </summary>
internal sealed partial class WeChatMessageProcessor(
    IWeChatDeliveryLedger ledger,
    ITurnProcessor turns,
    IWeChatCustomerServiceQuota quota,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IOptions<WeChatOptions> options,
    TimeProvider time,
    ILogger<WeChatMessageProcessor> logger)
{
    /// <returns>The reply to give in the HTTP response, or null for <c>success</c>.</returns>
    public async Task<WeChatReply?> ProcessAsync(WeChatInboundMessage message, CancellationToken requestAborted)
    {
        var delivery = ledger.GetOrStart(message.DedupKey, () => Task.Run(() => RunTurnAsync(message, lifetime.ApplicationStopping)));

        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(requestAborted))
        {
            var budget = Task.Delay(options.Value.ReplyBudget, time, wait.Token);
            if (await Task.WhenAny(delivery.Turn, budget).ConfigureAwait(false) == delivery.Turn)
            {
                await wait.CancelAsync().ConfigureAwait(false);
                var result = await delivery.Turn.ConfigureAwait(false);
                if (result.RanElsewhere)
                {
                    return null;
                }

                var reply = WeChatReplyRenderer.Render(result.Replies);
                if (reply.IsEmpty || !delivery.TryAnswerPassively())
                {
                    return null;
                }

                // Only one message fits in a passive reply: the first news article when there is one (the card the
                // citizen looks at), else the first text chunk; the rest follows by API.
                var (skipArticles, skipChunks) = reply switch
                {
                    { HandOff: true } => (0, 0),
                    { Articles.Count: > 0 } => (1, 0),
                    _ => (0, 1),
                };
                if (reply.Articles.Count > skipArticles || reply.Chunks.Count > skipChunks)
                {
                    SendLater(message.FromUserName, delivery, reply, skipChunks, skipArticles);
                }

                return reply;
            }
        }

        if (delivery.TryHandOverToCustomerService())
        {
            LogSlowTurn(logger, PersonalData.MaskUserId(message.FromUserName));
            SendLater(message.FromUserName, delivery, reply: null, skipChunks: 0);
        }

        return null;
    }

    private async Task<WeChatTurnResult> RunTurnAsync(WeChatInboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var mapping = await scope.ServiceProvider.GetRequiredService<WeChatActivityMapper>()
                .MapAsync(message, cancellationToken).ConfigureAwait(false);
            await quota.GrantAsync(message.FromUserName, mapping.Grant, cancellationToken).ConfigureAwait(false);
            if (mapping.DirectReply is { } text)
            {
                return new WeChatTurnResult([Activity.CreateMessage(text)]);
            }

            if (mapping.Activity is not { } activity)
            {
                return WeChatTurnResult.Empty;
            }

            var outcome = await turns.ProcessAsync(activity, cancellationToken).ConfigureAwait(false);
            // An unfollowed user sees nothing; replies would only fail.
            // A duplicate here was run by another instance (this one's ledger joins its own deliveries before the
            // pipeline); the instance that ran it answers.
            return message.IsEventNamed("unsubscribe") ? WeChatTurnResult.Empty
                : new WeChatTurnResult(outcome.Replies, RanElsewhere: outcome.Status == TurnStatus.Duplicate);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogTurnFailed(logger, e.GetType().Name, PersonalData.MaskUserId(message.FromUserName));
            return new WeChatTurnResult([Activity.CreateMessage(WeChatTexts.TemporaryFailure)]);
        }
    }

    private void SendLater(string openId, WeChatDelivery delivery, WeChatReply? reply, int skipChunks, int skipArticles = 0)
    {
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (reply is null)
                {
                    // The turn is still running: show "对方正在输入" while the citizen waits.
                    await ShowTypingAsync(scope.ServiceProvider, openId, stopping).ConfigureAwait(false);
                    var result = await delivery.Turn.ConfigureAwait(false);
                    if (result.RanElsewhere)
                    {
                        return;
                    }

                    reply = WeChatReplyRenderer.Render(result.Replies);
                    if (reply.HandOff)
                    {
                        // Too late for transfer_customer_service (a passive reply only); "已为您转接" would not be true.
                        reply = new WeChatReply([WeChatTexts.HandOffMissed], HandOff: false);
                    }
                }

                if (reply.IsEmpty)
                {
                    return;
                }

                await scope.ServiceProvider.GetRequiredService<WeChatChannelSender>()
                    .SendAsync(openId, reply, skipChunks, stopping, skipArticles).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WeChatApiException or HttpRequestException or OperationCanceledException or InvalidOperationException)
            {
                LogSendFailed(logger, e.GetType().Name, (e as WeChatApiException)?.ErrorCode ?? 0, PersonalData.MaskUserId(openId));
            }
        }, CancellationToken.None);
    }

    private async Task ShowTypingAsync(IServiceProvider services, string openId, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<WeChatApiClient>().SendTypingAsync(openId, typing: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WeChatApiException or HttpRequestException)
        {
            // Only a courtesy: the reply itself still goes out.
            LogSendFailed(logger, e.GetType().Name, (e as WeChatApiException)?.ErrorCode ?? 0, PersonalData.MaskUserId(openId));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn for {User} exceeded the reply budget; answering by customer-service API")]
    private static partial void LogSlowTurn(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn for {User} failed with {Error}")]
    private static partial void LogTurnFailed(ILogger logger, string error, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer-service reply to {User} failed: {Error} errcode {Code}")]
    private static partial void LogSendFailed(ILogger logger, string error, int code, string user);
}
