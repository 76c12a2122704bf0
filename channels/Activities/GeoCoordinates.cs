using System.Globalization;
using System.Text.Json;

namespace CitizenBot.Channels.Activities;

/// <summary>Coordinate reference systems a point can come in.</summary>
public static class CoordinateSystems
{
    /// <summary>GPS, browsers, photo EXIF.</summary>
    public const string Wgs84 = "WGS-84";

    /// <summary>China's obfuscated datum used by WeChat and most Chinese maps.</summary>
    public const string Gcj02 = "GCJ-02";
}

/// <summary>
/// The schema.org <c>GeoCoordinates</c> entity. <see cref="Crs"/> is our extension (property <c>crs</c>):
/// which datum the numbers are in, because WeChat sends GCJ-02 while browsers send WGS-84.
/// </summary>
public sealed record GeoCoordinates(double Latitude, double Longitude, string? Name = null, string Crs = CoordinateSystems.Wgs84)
{
    public const string EntityType = "GeoCoordinates";

    public bool IsValid =>
        double.IsFinite(Latitude) && double.IsFinite(Longitude)
        && Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180;

    public Entity ToEntity()
    {
        var properties = new Dictionary<string, JsonElement>
        {
            ["latitude"] = JsonSerializer.SerializeToElement(Latitude, ActivityJson.Context.Double),
            ["longitude"] = JsonSerializer.SerializeToElement(Longitude, ActivityJson.Context.Double),
            ["crs"] = JsonSerializer.SerializeToElement(Crs, ActivityJson.Context.String),
        };
        if (Name is not null)
        {
            properties["name"] = JsonSerializer.SerializeToElement(Name, ActivityJson.Context.String);
        }

        return new Entity { Type = EntityType, Properties = properties };
    }

    /// <summary>Reads a GeoCoordinates entity; numbers may arrive as JSON numbers or numeric strings.</summary>
    public static GeoCoordinates? FromEntity(Entity entity)
    {
        if (!string.Equals(entity.Type, EntityType, StringComparison.OrdinalIgnoreCase) || entity.Properties is null)
        {
            return null;
        }

        if (!TryReadNumber(entity.Properties, "latitude", out var lat) || !TryReadNumber(entity.Properties, "longitude", out var lng))
        {
            return null;
        }

        var name = entity.Properties.TryGetValue("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var crs = entity.Properties.TryGetValue("crs", out var c) && c.ValueKind == JsonValueKind.String
            && string.Equals(c.GetString(), CoordinateSystems.Gcj02, StringComparison.OrdinalIgnoreCase)
                ? CoordinateSystems.Gcj02
                : CoordinateSystems.Wgs84;
        var point = new GeoCoordinates(lat, lng, name, crs);
        return point.IsValid ? point : null;
    }

    private static bool TryReadNumber(Dictionary<string, JsonElement> properties, string key, out double value)
    {
        value = 0;
        if (!properties.TryGetValue(key, out var element))
        {
            return false;
        }

        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out value),
            JsonValueKind.String => double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }
}

public static class GeoCoordinatesActivityExtensions
{
    /// <summary>The first valid GeoCoordinates entity of the activity, if any.</summary>
    public static GeoCoordinates? GetGeoCoordinates(this Activity activity) =>
        activity.Entities?.Select(GeoCoordinates.FromEntity).FirstOrDefault(p => p is not null);
}
