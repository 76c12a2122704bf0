namespace CitizenBot.Dialogs.GridWorker;

/// <summary>
/// What the GridWorker and Report flows need to know about 流动网格员 (mobile grid workers: couriers, riders, drivers).
/// The bot implements it with EF Core; points come from center callbacks (accepted, high-value).
/// </summary>
public interface IGridWorkerRegistry
{
    /// <summary>Registers the user, or updates name, mobile and platform when already registered.</summary>
    Task<GridWorkerProfile> RegisterAsync(GridWorkerRegistration registration, CancellationToken cancellationToken);

    /// <summary>The user's profile, or <c>null</c> when not registered (then reports carry role resident).</summary>
    Task<GridWorkerProfile?> FindAsync(string channelId, string userId, CancellationToken cancellationToken);

    /// <summary>Points and this month's rank, or <c>null</c> when not registered.</summary>
    Task<GridWorkerStanding?> GetStandingAsync(string channelId, string userId, CancellationToken cancellationToken);
}

/// <param name="Mobile">Mainland mobile number, 11 digits starting with 1.</param>
public sealed record GridWorkerRegistration(string ChannelId, string UserId, string Name, string Mobile, GigPlatform Platform);

public sealed record GridWorkerProfile(string Name, GigPlatform Platform, DateTimeOffset RegisteredAt);

/// <param name="MonthRank">1 is the best this calendar month (China time); <c>null</c> when no points yet this month.</param>
public sealed record GridWorkerStanding(int TotalPoints, int MonthPoints, int? MonthRank, int AcceptedReports, int HighValueReports);

/// <summary>The platform a mobile grid worker works for (美团/饿了么/滴滴/顺丰/其他/none).</summary>
public enum GigPlatform
{
    None,
    Meituan,
    Eleme,
    Didi,
    SfExpress,
    Other,
}
