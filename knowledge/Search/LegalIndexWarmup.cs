using Microsoft.Extensions.Hosting;

namespace CitizenBot.Knowledge.Search;

/// <summary>Builds the in-memory indexes when the host starts, so the first citizen does not wait for them.</summary>
internal sealed class LegalIndexWarmup(LegalSearchEngine engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        engine.SearchAsync("工资", 1, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
