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
}
