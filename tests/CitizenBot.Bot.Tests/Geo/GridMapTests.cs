using CitizenBot.Bot.Ticketing.Geo;
using CitizenBot.Channels.Activities;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Tests.Geo;

public sealed class GridMapTests
{
    private static GridMap CreateSut() => new(Options.Create(new GeoOptions()));

    [Fact]
    public void Locate_PointInSampleGrid_ReturnsGridCommunityAndStreet()
    {
        var place = CreateSut().Locate(30.015, 120.015, CoordinateSystems.Wgs84);

        Assert.Equal("SAMPLE-004", place?.GridId);
        Assert.Equal("青松社区", place?.Community);
        Assert.Equal("示例街道", place?.Street);
    }

    [Fact]
    public void Locate_Gcj02Point_ConvertedBeforeLookup()
    {
        // A WGS-84 point about 100 m inside the east edge of SAMPLE-005; read as WGS-84, its GCJ-02 numbers (shifted some
        // 450 m east here) would fall into the next grid.
        var (gcjLat, gcjLng) = ChinaDatum.Wgs84ToGcj02(30.005, 120.029);

        Assert.Equal("SAMPLE-005", CreateSut().Locate(gcjLat, gcjLng, CoordinateSystems.Gcj02)?.GridId);
        Assert.NotEqual("SAMPLE-005", CreateSut().Locate(gcjLat, gcjLng, CoordinateSystems.Wgs84)?.GridId);
    }

    [Fact]
    public void Locate_PointOutsideEveryGrid_Null()
    {
        Assert.Null(CreateSut().Locate(30.5, 120.5, CoordinateSystems.Wgs84));
    }
}
