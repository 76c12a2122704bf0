using CitizenBot.Bot.Ticketing.Geo;

namespace CitizenBot.Bot.Tests.Geo;

public sealed class ChinaDatumTests
{
    [Theory]
    [InlineData(39.9087, 116.3975)] // Beijing
    [InlineData(30.2741, 120.1551)] // Hangzhou
    [InlineData(22.5431, 114.0579)] // Shenzhen
    public void Gcj02ToWgs84_OfConvertedPoint_ReturnsOriginalWithinCentimetres(double latitude, double longitude)
    {
        var (gcjLat, gcjLng) = ChinaDatum.Wgs84ToGcj02(latitude, longitude);
        var (lat, lng) = ChinaDatum.Gcj02ToWgs84(gcjLat, gcjLng);

        Assert.InRange(ChinaDatum.DistanceMeters(latitude, longitude, gcjLat, gcjLng), 100, 1000); // the datum shift is real
        Assert.True(ChinaDatum.DistanceMeters(latitude, longitude, lat, lng) < 0.05);
    }

    [Fact]
    public void Wgs84ToGcj02_OutsideChina_Unchanged()
    {
        Assert.Equal((48.8584, 2.2945), ChinaDatum.Wgs84ToGcj02(48.8584, 2.2945));
    }

    [Fact]
    public void DistanceMeters_OneThousandthDegreeOfLatitude_About111Metres()
    {
        Assert.InRange(ChinaDatum.DistanceMeters(30, 120, 30.001, 120), 110.5, 111.8);
    }
}
