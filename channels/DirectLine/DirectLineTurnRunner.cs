using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Turns;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.DirectLine;

/// <summary>
/// Runs the bot's turns after the POST that carried the activity has been answered (the echo is already logged), one
/// at a time per conversation so replies keep the order of the messages. Shutdown waits for running turns.
/// </summary>
internal sealed partial class DirectLineTurnRunner(
    ITurnProcessor processor,
    IDirectLineConversationStore store,
    DirectLineAddressing addressing,
    IOptions<DirectLineOptions> options,
    TimeProvider time,
    ILogger<DirectLineTurnRunner> logger) : IHostedService, IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _abort = new();

    /// <summary>Queues a turn. <paramref name="loggedId"/>, what replies answer, is null for activities the client never saw.</summary>
    public void Enqueue(DirectLineConversation conversation, Activity inbound, string? loggedId)
    {
        lock (_gate)
        {
            var previous = _tails.GetValueOrDefault(conversation.Id, Task.CompletedTask);
            var turn = Task.Run(() => RunAfterAsync(previous, conversation, inbound, loggedId));
            _tails[conversation.Id] = turn;
            _ = turn.ContinueWith(Forget, conversation.Id, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Tells the bot the user joined (<c>conversationUpdate</c> with <c>membersAdded</c> = the user), so it greets
    /// before the user says anything. The activity is not logged: clients never see it.
    /// </summary>
    public void EnqueueConversationStart(DirectLineConversation conversation, string? userName, string? locale)
    {
        var user = new ChannelAccount(conversation.UserId, userName, RoleTypes.User);
        var joined = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = conversation.Id + "|start",
            Timestamp = time.GetUtcNow(),
            ChannelId = DirectLineDefaults.ChannelId,
            Conversation = new ConversationAccount(conversation.Id),
            From = user,
            Recipient = addressing.Bot(),
            MembersAdded = [user],
            Locale = locale,
        };
        Enqueue(conversation, joined, loggedId: null);
    }

    /// <summary>Completes when every queued turn has finished; for tests and shutdown.</summary>
    public Task IdleAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_tails.Values.ToArray());
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await IdleAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _abort.Dispose();

    private void Forget(Task finished, object? conversationId)
    {
        lock (_gate)
        {
            if (_tails.TryGetValue((string)conversationId!, out var tail) && tail == finished)
            {
                _tails.Remove((string)conversationId!);
            }
        }
    }

    private async Task RunAfterAsync(Task previous, DirectLineConversation conversation, Activity inbound, string? replyToId)
    {
        await previous.ConfigureAwait(false);
        var cancellationToken = _abort.Token;
        try
        {
            var turn = processor.ProcessAsync(inbound, cancellationToken);
            if (inbound.IsMessage)
            {
                await ShowTypingIfSlowAsync(turn, conversation, replyToId, cancellationToken).ConfigureAwait(false);
            }

            var outcome = await turn.ConfigureAwait(false);
            foreach (var reply in outcome.Replies)
            {
                await store.AppendAsync(conversation.Id, addressing.Outbound(reply, conversation, replyToId), cancellationToken).ConfigureAwait(false);
            }

            if (!conversation.Erased && await store.FindAsync(conversation.Id, cancellationToken).ConfigureAwait(false) is { Erased: true })
            {
                // The turn erased the conversation (删除我的信息): tell the page, which starts a new one.
                var ended = addressing.Outbound(new Activity { Type = ActivityTypes.Event, Name = DirectLineDefaults.ConversationErasedEvent }, conversation, replyToId);
                await store.AppendAsync(conversation.Id, ended, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogTurnAbandoned(logger, inbound.Type);
        }
        catch (Exception exception)
        {
            LogTurnFailed(logger, exception, inbound.Type);
            if (inbound.IsMessage)
            {
                var apology = addressing.Outbound(Activity.CreateMessage(options.Value.TurnFailedText), conversation, replyToId);
                await store.AppendAsync(conversation.Id, apology, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task ShowTypingIfSlowAsync(Task turn, DirectLineConversation conversation, string? replyToId, CancellationToken cancellationToken)
    {
        var delay = options.Value.TypingDelay;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, time, stopTimer.Token);
        var first = await Task.WhenAny(turn, timer).ConfigureAwait(false);
        await stopTimer.CancelAsync().ConfigureAwait(false);
        if (first == timer && timer.IsCompletedSuccessfully)
        {
            var typing = addressing.Outbound(Activity.CreateTyping(), conversation, replyToId);
            await store.AppendAsync(conversation.Id, typing, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Direct Line turn for a {ActivityType} activity failed")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? activityType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line turn for a {ActivityType} activity abandoned at shutdown")]
    private static partial void LogTurnAbandoned(ILogger logger, string? activityType);
}
