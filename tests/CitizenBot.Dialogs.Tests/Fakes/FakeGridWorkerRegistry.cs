using CitizenBot.Dialogs.GridWorker;

namespace CitizenBot.Dialogs.Tests.Fakes;

/// <summary>An in-memory <see cref="IGridWorkerRegistry"/>; a registered worker has the standing set in <see cref="Standings"/>, if any.</summary>
internal sealed class FakeGridWorkerRegistry : IGridWorkerRegistry
{
    public Dictionary<(string ChannelId, string UserId), GridWorkerRegistration> Registrations { get; } = [];

    /// <summary>The test user's standing, shown once they are registered.</summary>
    public Dictionary<(string ChannelId, string UserId), GridWorkerStanding> Standings { get; } = new()
    {
        [("test", "user-1")] = new GridWorkerStanding(TotalPoints: 120, MonthPoints: 30, MonthRank: 5, AcceptedReports: 12, HighValueReports: 2),
    };

    public Task<GridWorkerProfile> RegisterAsync(GridWorkerRegistration registration, CancellationToken cancellationToken)
    {
        Registrations[(registration.ChannelId, registration.UserId)] = registration;
        return Task.FromResult(Profile(registration));
    }

    public Task<GridWorkerProfile?> FindAsync(string channelId, string userId, CancellationToken cancellationToken) =>
        Task.FromResult(Registrations.TryGetValue((channelId, userId), out var registration) ? Profile(registration) : null);

    public Task<GridWorkerStanding?> GetStandingAsync(string channelId, string userId, CancellationToken cancellationToken) =>
        Task.FromResult(
            !Registrations.ContainsKey((channelId, userId)) ? null
            : Standings.TryGetValue((channelId, userId), out var standing) ? standing
            : new GridWorkerStanding(0, 0, null, 0, 0));

    private static GridWorkerProfile Profile(GridWorkerRegistration registration) =>
        new(registration.Name, registration.Platform, FakeReportDesk.Today);
}
