namespace CitizenBot.Bot.Ticketing.Geo;

/// <summary>
/// WGS-84 ⇄ GCJ-02 with the widely published public formula (Krasovsky 1940 ellipsoid offsets). WeChat and most Chinese
/// maps give GCJ-02, browsers and photo EXIF give WGS-84. Outside mainland China both datums coincide.
/// </summary>
internal static class ChinaDatum
{
    private const double SemiMajorAxis = 6378245.0;
    private const double EccentricitySquared = 0.00669342162296594323;

    public static (double Latitude, double Longitude) Wgs84ToGcj02(double latitude, double longitude)
    {
        if (IsOutsideChina(latitude, longitude))
        {
            return (latitude, longitude);
        }

        var (dLat, dLng) = Offset(latitude, longitude);
        return (latitude + dLat, longitude + dLng);
    }

    /// <summary>Inverse by fixed-point iteration: converges to well under a centimetre in a few rounds.</summary>
    public static (double Latitude, double Longitude) Gcj02ToWgs84(double latitude, double longitude)
    {
        if (IsOutsideChina(latitude, longitude))
        {
            return (latitude, longitude);
        }

        double lat = latitude, lng = longitude;
        for (var i = 0; i < 10; i++)
        {
            var (gLat, gLng) = Wgs84ToGcj02(lat, lng);
            var errLat = gLat - latitude;
            var errLng = gLng - longitude;
            lat -= errLat;
            lng -= errLng;
            if (Math.Abs(errLat) < 1e-9 && Math.Abs(errLng) < 1e-9)
            {
                break;
            }
        }

        return (lat, lng);
    }

    /// <summary>Great-circle distance in metres (haversine); both points must be in the same datum.</summary>
    public static double DistanceMeters(double lat1, double lng1, double lat2, double lng2)
    {
        const double earthRadius = 6371008.8;
        var dLat = ToRadians(lat2 - lat1);
        var dLng = ToRadians(lng2 - lng1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(ToRadians(lat1)) * Math.Cos(ToRadians(lat2)) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * earthRadius * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static bool IsOutsideChina(double latitude, double longitude) =>
        longitude is < 72.004 or > 137.8347 || latitude is < 0.8293 or > 55.8271;

    private static (double DLat, double DLng) Offset(double latitude, double longitude)
    {
        var x = longitude - 105.0;
        var y = latitude - 35.0;
        var dLat = TransformLatitude(x, y);
        var dLng = TransformLongitude(x, y);
        var radLat = ToRadians(latitude);
        var magic = Math.Sin(radLat);
        magic = 1 - EccentricitySquared * magic * magic;
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (SemiMajorAxis * (1 - EccentricitySquared) / (magic * sqrtMagic) * Math.PI);
        dLng = dLng * 180.0 / (SemiMajorAxis / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLat, dLng);
    }

    private static double TransformLatitude(double x, double y)
    {
        var ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        ret += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double TransformLongitude(double x, double y)
    {
        var ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        ret += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180.0;
}
