namespace CitizenBot.Bot.Ticketing.Geo;

/// <summary>Bound from configuration section <c>Geo</c>.</summary>
public sealed class GeoOptions
{
    public const string SectionName = "Geo";

    /// <summary>A GeoJSON FeatureCollection of grid polygons in WGS-84, each with properties <c>gridId</c>, <c>gridName</c>,
    /// <c>community</c>, <c>street</c>.</summary>
    /// <value>Empty: the embedded SAMPLE map of a fictional county (<c>bot/Ticketing/Geo/sample-grids.geojson</c>).</value>
    public string GridMapPath { get; set; } = "";
}
