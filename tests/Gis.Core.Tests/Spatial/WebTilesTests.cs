using Gis.Core.Spatial;

namespace Gis.Core.Tests.Spatial;

public class WebTilesTests
{
    [Theory]
    [InlineData(0.0, 0.0, 1, 1, 1)]
    [InlineData(-180.0, 85.0, 3, 0, 0)]
    [InlineData(179.999, -85.0, 3, 7, 7)]
    // Chiang Mai city (98.99 E, 18.79 N): tiles whose ST_TileEnvelope contains the point (checked in PostGIS).
    [InlineData(98.99, 18.79, 8, 198, 114)]
    [InlineData(98.99, 18.79, 12, 3174, 1830)]
    public void TileOf_KnownPlaces(double lon, double lat, int z, int x, int y) => Assert.Equal((x, y), WebTiles.TileOf(lon, lat, z));

    [Fact]
    public void Envelope_WorldAndATileHoldingItsPlace()
    {
        Assert.Equal((-WebTiles.HalfWorldMeters, -WebTiles.HalfWorldMeters, WebTiles.HalfWorldMeters, WebTiles.HalfWorldMeters),
            WebTiles.Envelope(0, 0, 0));
        var (mx, my) = WebTiles.Mercator(98.99, 18.79);
        var (minX, minY, maxX, maxY) = WebTiles.Envelope(8, 198, 114);
        Assert.InRange(mx, minX, maxX);
        Assert.InRange(my, minY, maxY);
        Assert.Equal(156543.034, maxX - minX, 3);
    }

    [Theory]
    // x = R lambda, y = R ln tan(pi/4 + phi/2), R = 6378137 m, computed by hand (Python).
    [InlineData(0.0, 0.0, 0.0, 0.0)]
    [InlineData(180.0, 0.0, 20037508.342789244, 0.0)]
    [InlineData(98.99, 18.79, 11019516.394, 2130227.351)]
    public void Mercator_KnownPoints(double lon, double lat, double x, double y)
    {
        var (mx, my) = WebTiles.Mercator(lon, lat);
        Assert.Equal(x, mx, 2);
        Assert.Equal(y, my, 2);
    }

    [Fact]
    public void ScaleFactor_IsOneOverCosLatitude() => Assert.Equal(2, WebTiles.ScaleFactor(WebTiles.Mercator(0, 60).Y), 9);
}
