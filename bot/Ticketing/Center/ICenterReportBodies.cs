namespace CitizenBot.Bot.Ticketing.Center;

/// <summary>
/// The bodies of the center calls that are not one ticket's (<c>POST /hotspots</c>, <c>POST /digests</c>): the staff
/// console (bot/Insight) builds them; the push job only sends them, rebuilt at each attempt like a ticket's.
/// </summary>
internal interface ICenterReportBodies
{
    Task<CenterHotspot> HotspotAsync(string hotspotId, CancellationToken cancellationToken);

    Task<CenterDigest> DigestAsync(string day, CancellationToken cancellationToken);
}
