namespace CitizenBot.Bot.Insight;

/// <summary>
/// The hotspot rule (热点), in one place for the live check and the seeder: a report joins the nearest live hotspot of
/// its category within the radius; otherwise, with enough unclaimed reports of its category within the radius and
/// the window, they form a new one.
/// </summary>
internal sealed class HotspotRule(int minReports, double radiusMeters, TimeSpan window)
{
    private const double MetresPerDegreeLatitude = 111_320;

    public static HotspotRule From(InsightOptions options) => new(options.HotspotMinReports, options.HotspotRadiusMeters, options.HotspotWindow);

    public int MinReports => minReports;

    public TimeSpan Window => window;

    /// <summary>Half the height, in degrees of latitude, of the band that can hold neighbours (an index seek).</summary>
    public double LatitudeBand => radiusMeters / MetresPerDegreeLatitude;

    /// <param name="liveHotspots">Hotspots of the report's category whose last report is within the window.</param>
    /// <param name="unclaimed">Reports of its category within the window that belong to no hotspot, without the report itself.</param>
    public HotspotDecision Decide(GeoPoint report, IEnumerable<(string Id, GeoPoint At)> liveHotspots, IEnumerable<(string Id, GeoPoint At)> unclaimed)
    {
        if (HotspotToJoin(report, liveHotspots) is { } join)
        {
            return new HotspotDecision(join, []);
        }

        return DecideWithout(report, unclaimed);
    }

    /// <summary>The nearest live hotspot within the radius: the report joins it, whatever its unclaimed neighbours.</summary>
    public string? HotspotToJoin(GeoPoint report, IEnumerable<(string Id, GeoPoint At)> liveHotspots) =>
        liveHotspots
            .Select(h => (h.Id, Distance: DistanceMeters(report, h.At)))
            .Where(h => h.Distance <= radiusMeters)
            .OrderBy(h => h.Distance)
            .FirstOrDefault().Id;

    /// <summary>The decision for a report that has no live hotspot to join: form one with its unclaimed neighbours, or not.</summary>
    public HotspotDecision DecideWithout(GeoPoint report, IEnumerable<(string Id, GeoPoint At)> unclaimed)
    {
        var near = unclaimed.Where(n => DistanceMeters(report, n.At) <= radiusMeters).Select(n => n.Id).ToList();
        return near.Count + 1 >= minReports ? new HotspotDecision(null, near) : HotspotDecision.None;
    }

    /// <summary>Equirectangular distance: exact enough within a county, and cheap.</summary>
    public static double DistanceMeters(GeoPoint a, GeoPoint b)
    {
        var meanLatitude = (a.Lat + b.Lat) / 2 * Math.PI / 180;
        var dx = (b.Lng - a.Lng) * Math.Cos(meanLatitude) * MetresPerDegreeLatitude;
        var dy = (b.Lat - a.Lat) * MetresPerDegreeLatitude;
        return Math.Sqrt(dx * dx + dy * dy);
    }
}

/// <summary>A WGS-84 point.</summary>
internal readonly record struct GeoPoint(double Lat, double Lng);

/// <summary>Join <see cref="JoinHotspotId"/>, or form a new hotspot with <see cref="NewMembers"/> (besides the report), or neither.</summary>
internal sealed record HotspotDecision(string? JoinHotspotId, IReadOnlyList<string> NewMembers)
{
    public static readonly HotspotDecision None = new(null, []);

    public bool Forms => JoinHotspotId is null && NewMembers.Count > 0;
}
