using System.Text.Json;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Report;
using Microsoft.Extensions.Options;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO.Converters;

namespace CitizenBot.Bot.Ticketing.Geo;

/// <summary>Assigns a point to its community and grid from a GeoJSON polygon map kept in WGS-84.</summary>
internal sealed class GridMap
{
    internal const string EmbeddedSample = "CitizenBot.Bot.Ticketing.Geo.sample-grids.geojson";
    private readonly List<(IPreparedGeometry Area, GridPlace Place)> _grids;
    private readonly GeometryFactory _factory = new();

    public GridMap(IOptions<GeoOptions> options)
    {
        using var stream = string.IsNullOrWhiteSpace(options.Value.GridMapPath)
            ? typeof(GridMap).Assembly.GetManifestResourceStream(EmbeddedSample)!
            : File.OpenRead(options.Value.GridMapPath);
        var json = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } };
        var features = JsonSerializer.Deserialize<FeatureCollection>(stream, json)
            ?? throw new InvalidDataException("The grid map is not a GeoJSON FeatureCollection.");
        _grids = features
            .Where(f => f.Geometry is Polygon or MultiPolygon)
            .Select(f => (PreparedGeometryFactory.Prepare(f.Geometry), ToPlace(f.Attributes)))
            .ToList();
    }

    public int Count => _grids.Count;

    /// <summary>The box around every grid, WGS-84 (for sample data).</summary>
    public (double MinLat, double MinLng, double MaxLat, double MaxLng) Bounds
    {
        get
        {
            var box = new Envelope();
            foreach (var (area, _) in _grids)
            {
                box.ExpandToInclude(area.Geometry.EnvelopeInternal);
            }

            return (box.MinY, box.MinX, box.MaxY, box.MaxX);
        }
    }

    /// <summary>The grid containing the point, or null outside every grid.</summary>
    public GridPlace? Locate(double latitude, double longitude, string crs)
    {
        var (lat, lng) = ToWgs84(latitude, longitude, crs);
        var point = _factory.CreatePoint(new Coordinate(lng, lat));
        return _grids.FirstOrDefault(g => g.Area.Covers(point)).Place;
    }

    public static (double Latitude, double Longitude) ToWgs84(double latitude, double longitude, string? crs) =>
        string.Equals(crs, CoordinateSystems.Gcj02, StringComparison.OrdinalIgnoreCase)
            ? ChinaDatum.Gcj02ToWgs84(latitude, longitude)
            : (latitude, longitude);

    private static GridPlace ToPlace(IAttributesTable attributes)
    {
        string Read(string name) => attributes.Exists(name) ? attributes[name]?.ToString() ?? "" : "";
        return new GridPlace(Read("gridId"), Read("gridName"), Read("community"), Read("street"));
    }
}
