namespace CitizenBot.Bot.Hosting;

/// <summary>
/// A recurring job defined (or removed) once the process has started, in the background. Hangfire's storage (Redis,
/// scaled out) slow or away for a moment at start delays the definition, retried with a growing pause, instead of
/// failing the start of a bot that can otherwise serve. Defining is idempotent (the job's id replaces its last
/// definition), so every instance does it.
/// </summary>
internal abstract partial class RecurringJobAtStart(ILogger logger, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);

    /// <summary>The recurring job's id, for the log.</summary>
    protected abstract string JobId { get; }

    /// <summary>Adds, replaces or removes the job's definition.</summary>
    protected abstract void Define();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // Hangfire's client is synchronous: never on the start's thread.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Define();
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A storage timeout can surface as a cancellation too (StackExchange.Redis's synchronous calls).
                var pause = RetryBackoff.Delay(attempt, FirstPause, LongestPause);
                LogNotDefined(logger, JobId, e.GetType().Name, pause);
                await Task.Delay(pause, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The recurring job {JobId} could not be defined ({Error}); trying again in {Pause}")]
    private static partial void LogNotDefined(ILogger logger, string jobId, string error, TimeSpan pause);
}
