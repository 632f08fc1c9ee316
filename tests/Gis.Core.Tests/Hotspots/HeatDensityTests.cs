using Gis.Core.Hotspots;
using Gis.Core.Spatial;

namespace Gis.Core.Tests.Hotspots;

public class HeatDensityTests
{
    private const double H = HeatDensity.BandwidthMeters;

    // One detection's peak per 100 km² with h = 5 km, by hand: 3 / (pi 25 km²) x 100 km² = 12 / pi.
    private const double Peak = 12 / Math.PI;

    // Chiang Mai city's tile at zoom 8 (512-pixel tiles: step 2) and at zoom 12 (step 32).
    private const int Z8 = 8, X8 = 198, Y8 = 114;

    [Fact]
    public void Kernel_HandValues()
    {
        // Per 100 km² (x 1e8 m²), where the numbers are of a readable size.
        Assert.Equal(Peak, HeatDensity.Kernel(0, 5000) * 1e8, 12);
        Assert.Equal(Peak * 0.5625, HeatDensity.Kernel(2500, 5000) * 1e8, 12);
        Assert.Equal(0, HeatDensity.Kernel(5000, 5000));
        Assert.Equal(0, HeatDensity.Kernel(7000, 5000));
    }

    [Fact]
    public void Kernel_IntegratesToOne()
    {
        // Rings of width dr: sum of K(r) 2 pi r dr over 0..h.
        const int steps = 100_000;
        var sum = 0.0;
        for (var k = 0; k < steps; k++)
        {
            var r = (k + 0.5) * H / steps;
            sum += HeatDensity.Kernel(r, H) * 2 * Math.PI * r * H / steps;
        }
        Assert.Equal(1, sum, 6);
    }

    [Fact]
    public void Surface_OnPlaneMetres_HandValuesAtCellCentres()
    {
        // 1 km cells over a 20 km square from (0, 20000) down to (20000, 0); a detection on the centre of cell (10, 10)
        // (10,500 m, 9,500 m) and two on the centre of cell (2, 2) (2,500 m, 17,500 m).
        var peak = 3 / (Math.PI * 25e6) * 100e6; // 3.8197 per 100 km²
        var values = HeatDensity.Surface([(10_500, 9_500), (2_500, 17_500), (2_500, 17_500)], new DensityGrid(0, 20_000, 1000, 20, 20));

        Assert.Equal(peak, values[(10 * 20) + 10], 9);
        Assert.Equal(2 * peak, values[(2 * 20) + 2], 9);
        // A detection at (10,000 m, 9,500 m) seen from the centre of cell (12, 10), 2.5 km east: half a bandwidth, so
        // (1 - 1/4)² = 9/16 of the peak.
        Assert.Equal(peak * 9 / 16, HeatDensity.Surface([(10_000, 9_500)], new DensityGrid(0, 20_000, 1000, 20, 20))[(10 * 20) + 12], 9);
        // 5 km or more from every detection: nothing.
        Assert.Equal(0, values[(19 * 20) + 0]);
        Assert.Equal(0, values[(10 * 20) + 15]);
    }

    [Fact]
    public void Tile_OnePointOnANode_PeakAtItsPixel()
    {
        var (px, py) = PixelCentre(Z8, X8, Y8, 100, 200);
        var grid = Grid(Z8, X8, Y8, new WeightedPoint(px, py, 1));
        Assert.Equal(2, grid.StepPixels);
        Assert.Equal(Peak, grid.AtPixel(100, 200), 4);
        Assert.Equal(0, grid.AtPixel(400, 200));
    }

    [Fact]
    public void Tile_HalfABandwidthAway_FactorNineSixteenths_OneBandwidthAway_Zero()
    {
        var (px, py) = PixelCentre(Z8, X8, Y8, 100, 200);
        // One metre on the ground at the node's latitude is 1 / cos(lat) metres on the Mercator plane.
        var scale = 1 / Math.Cos(Math.Atan(Math.Sinh(py / WebTiles.RadiusMeters)));
        var half = Grid(Z8, X8, Y8, new WeightedPoint(px - (0.5 * H * scale), py, 1));
        Assert.Equal(Peak * 9 / 16, half.AtPixel(100, 200), 4);
        var away = Grid(Z8, X8, Y8, new WeightedPoint(px, py + (1.0001 * H * scale), 1));
        Assert.Equal(0, away.AtPixel(100, 200));
    }

    [Fact]
    public void Tile_AtSixtyNorth_GroundDistanceCounts()
    {
        // At 60° N a ground metre is exactly 2 Mercator metres: a point 2 x 2500 m away on the plane is h / 2 away.
        var (mx, my) = WebTiles.Mercator(10, 60);
        var (x, y) = WebTiles.TileOf(10, 60, 8);
        var (minX, minY, _, maxY) = WebTiles.Envelope(8, x, y);
        var res = (maxY - minY) / 512;
        var (column, row) = ((int)Math.Round((mx - minX) / res / 2) * 2, (int)Math.Round((maxY - my) / res / 2) * 2);
        var (px, py) = PixelCentre(8, x, y, column, row);
        var scale = 1 / Math.Cos(Math.Atan(Math.Sinh(py / WebTiles.RadiusMeters)));
        Assert.Equal(2, scale, 2);
        var grid = Grid(8, x, y, new WeightedPoint(px + (scale * 2500), py, 1));
        Assert.Equal(Peak * 9 / 16, grid.AtPixel(column, row), 4);
    }

    [Fact]
    public void Tile_TwoPointsAdd()
    {
        var (px, py) = PixelCentre(Z8, X8, Y8, 100, 200);
        var scale = 1 / Math.Cos(Math.Atan(Math.Sinh(py / WebTiles.RadiusMeters)));
        var a = new WeightedPoint(px, py, 1);
        var b = new WeightedPoint(px + (0.5 * H * scale), py, 1);
        Assert.Equal(Peak * (1 + (9.0 / 16)), Grid(Z8, X8, Y8, a, b).AtPixel(100, 200), 4);
        Assert.Equal(2 * Peak, Grid(Z8, X8, Y8, a, a).AtPixel(100, 200), 4);
        Assert.Equal(2 * Peak, Grid(Z8, X8, Y8, a with { Weight = 2 }).AtPixel(100, 200), 4);
    }

    [Fact]
    public void Tile_PointOutsideTheTile_ReachesItsEdgeWithinTheMargin()
    {
        var (px, py) = PixelCentre(Z8, X8, Y8, 0, 256);
        var scale = 1 / Math.Cos(Math.Atan(Math.Sinh(py / WebTiles.RadiusMeters)));
        var outside = new WeightedPoint(px - (0.8 * H * scale), py, 1);
        Assert.True(0.8 * H * scale < HeatDensity.MarginMercatorMeters(Z8, X8, Y8, 512));
        Assert.Equal(Peak * 0.36 * 0.36, Grid(Z8, X8, Y8, outside).AtPixel(0, 256), 4);
        Assert.True(Grid(Z8, X8, Y8, outside with { X = px - HeatDensity.MarginMercatorMeters(Z8, X8, Y8, 512) }).IsEmpty);
    }

    [Fact]
    public void Tile_ZoomedIn_BetweenNodesWithinOneAndAHalfPercentOfTheExactDensity()
    {
        var (x, y) = WebTiles.TileOf(98.99, 18.79, 12);
        var (px, py) = PixelCentre(12, x, y, 256, 256);
        var grid = Grid(12, x, y, new WeightedPoint(px, py, 1));
        Assert.Equal(32, grid.StepPixels);
        var (_, minY, _, maxY) = WebTiles.Envelope(12, x, y);
        var res = (maxY - minY) / 512;
        var scale = 1 / Math.Cos(Math.Atan(Math.Sinh(py / WebTiles.RadiusMeters)));
        foreach (var (column, row) in new[] { (263, 256), (256, 249), (300, 301), (270, 211) })
        {
            var exact = HeatDensity.Kernel(Math.Sqrt(Math.Pow((column - 256) * res, 2) + Math.Pow((row - 256) * res, 2)) / scale, H) * 1e8;
            Assert.InRange(grid.AtPixel(column, row), exact - (0.015 * Peak), exact + (0.015 * Peak));
        }
    }

    [Theory]
    [InlineData(0.0, -1)]
    [InlineData(0.99, -1)]
    [InlineData(1.0, 0)]
    [InlineData(12 / Math.PI, 1)]
    [InlineData(19.99, 3)]
    [InlineData(250.0, 7)]
    public void ClassOf_Breaks(double density, int expected) => Assert.Equal(expected, HeatDensity.ClassOf(density));

    [Theory]
    [InlineData(8, 2)]
    [InlineData(10, 8)]
    [InlineData(14, 64)]
    [InlineData(3, 1)]
    public void StepPixels_AnEighthOfTheBandwidth(int z, int expected) => Assert.Equal(expected, HeatDensity.StepPixels(z, 512));

    [Fact]
    public void Tile_BadArguments_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HeatDensity.Tile(3, 9, 1, 512, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => HeatDensity.Tile(8, 198, 114, 500, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => HeatDensity.Kernel(1, 0));
    }

    private static HeatGrid Grid(int z, int x, int y, params WeightedPoint[] points) => HeatDensity.Tile(z, x, y, 512, points);

    /// <summary>Mercator metres of the centre of pixel (column, row) of a 512-pixel tile.</summary>
    private static (double X, double Y) PixelCentre(int z, int x, int y, int column, int row)
    {
        var (minX, minY, _, maxY) = WebTiles.Envelope(z, x, y);
        var res = (maxY - minY) / 512;
        return (minX + ((column + 0.5) * res), maxY - ((row + 0.5) * res));
    }
}
