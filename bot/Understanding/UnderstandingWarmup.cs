using CitizenBot.Dialogs.Understanding;

namespace CitizenBot.Bot.Understanding;

/// <summary>Loads the understanding models when the host starts (about 0.2 s), so the first citizen does not wait for them.</summary>
internal sealed class UnderstandingWarmup(MessageClassifier classifier) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        classifier.Classify("你好");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
