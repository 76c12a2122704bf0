namespace CitizenBot.Bot.Hosting;

/// <summary>
/// Jobs defined once the process has started, in the background: a recurring job, or the jobs rebuilt from the
/// database. Hangfire's storage (Redis, scaled out) slow or away for a moment at start delays them, retried with a
/// growing pause, instead of failing the start of a bot that can otherwise serve. The work must be safe to repeat
/// (a recurring job's id replaces its last definition), as every instance does it.
/// </summary>
internal abstract partial class JobsAtStart(ILogger logger, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);

    protected TimeProvider Time { get; } = time;

    /// <summary>What is defined, for the log.</summary>
    protected abstract string What { get; }

    /// <summary>Defines the jobs (adds, replaces or removes a recurring job's definition; rebuilds jobs).</summary>
    protected abstract Task DefineAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // Hangfire's client is synchronous: never on the start's thread.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await DefineAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A storage timeout can surface as a cancellation too (StackExchange.Redis's synchronous calls).
                var pause = RetryBackoff.Delay(attempt, FirstPause, LongestPause);
                LogNotDefined(logger, What, e.GetType().Name, pause);
                await Task.Delay(pause, Time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} could not be defined ({Error}); trying again in {Pause}")]
    private static partial void LogNotDefined(ILogger logger, string what, string error, TimeSpan pause);
}
