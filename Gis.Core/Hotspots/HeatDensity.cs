using Gis.Core.Spatial;

namespace Gis.Core.Hotspots;

/// <summary>Detections at one place of the Web Mercator plane (EPSG:3857 metres); <paramref name="Weight"/> is how many.</summary>
public readonly record struct WeightedPoint(double X, double Y, double Weight);

/// <summary>
/// A grid of square cells on a plane in ground metres: cell (i, j) is centred at (<paramref name="West"/> + (i + ½) cell,
/// <paramref name="North"/> - (j + ½) cell), i below <paramref name="Columns"/>, j below <paramref name="Rows"/>.
/// </summary>
public readonly record struct DensityGrid(double West, double North, double CellMeters, int Columns, int Rows);

/// <summary>
/// The hotspot heat map: a kernel density estimate in detections per 100 km² of ground, with a quartic (biweight)
/// kernel of a fixed ground bandwidth (ADR 0012), so one colour means one density in every tile, zoom and period.
/// Distances are measured on the Web Mercator plane and divided by the Mercator scale factor (1 / cos latitude) at the
/// place where the density is estimated: within a 5 km bandwidth at 19° N that factor changes by 0.03 %.
/// </summary>
public static class HeatDensity
{
    /// <summary>Ground bandwidth of the kernel, metres: beyond it a detection adds nothing.</summary>
    public const double BandwidthMeters = 5000;

    /// <summary>The area the density is given per: 100 km² (1e8 m²), a 10 km square.</summary>
    public const double AreaSquareMeters = 100e6;

    /// <summary>
    /// Lower limits of the legend classes, detections per 100 km² (1-2-5 steps). Below the first nothing is drawn. One
    /// lone detection peaks at 3.8 (3 / (pi 25 km²) x 100 km²); the densest 5 km of the real 2026 season reached about 250.
    /// </summary>
    public static IReadOnlyList<double> ClassBreaks { get; } = [1, 2, 5, 10, 20, 50, 100, 200];

    /// <summary>
    /// The quartic kernel: density (per square metre) that one detection adds at <paramref name="distanceMeters"/> from it,
    /// 3 / (pi h²) (1 - (d/h)²)², 0 from d = h on. It integrates to 1 over the plane.
    /// </summary>
    public static double Kernel(double distanceMeters, double bandwidthMeters)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bandwidthMeters);
        var u2 = distanceMeters * distanceMeters / (bandwidthMeters * bandwidthMeters);
        return u2 >= 1 ? 0 : 3 / (Math.PI * bandwidthMeters * bandwidthMeters) * (1 - u2) * (1 - u2);
    }

    /// <summary>The legend class (index into <see cref="ClassBreaks"/>) of a density per 100 km²; -1 below the first.</summary>
    public static int ClassOf(double densityPer100SquareKm)
    {
        var cls = -1;
        for (var i = 0; i < ClassBreaks.Count && densityPer100SquareKm >= ClassBreaks[i]; i++)
            cls = i;
        return cls;
    }

    /// <summary>
    /// The density (detections per 100 km²) at the centres of the cells of <paramref name="grid"/>, on a plane whose units
    /// are ground metres (a printed map's UTM plane: within a province the UTM scale factor is off 1 by under 0.1 %);
    /// values row by row. Cost: per detection, the cells within one bandwidth.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Cell or bandwidth not positive, or an empty grid.</exception>
    public static double[] Surface(IEnumerable<(double X, double Y)> points, DensityGrid grid, double bandwidthMeters = BandwidthMeters)
    {
        ArgumentNullException.ThrowIfNull(points);
        var (west, north, cellMeters, columns, rows) = grid;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellMeters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bandwidthMeters);
        var values = new double[columns * rows];
        foreach (var (x, y) in points)
        {
            // The cells whose centres can lie within one bandwidth of the point.
            var i0 = Math.Max(0, (int)Math.Floor((x - bandwidthMeters - west) / cellMeters));
            var i1 = Math.Min(columns - 1, (int)Math.Ceiling((x + bandwidthMeters - west) / cellMeters));
            var j0 = Math.Max(0, (int)Math.Floor((north - y - bandwidthMeters) / cellMeters));
            var j1 = Math.Min(rows - 1, (int)Math.Ceiling((north - y + bandwidthMeters) / cellMeters));
            for (var j = j0; j <= j1; j++)
            {
                var dy = north - ((j + 0.5) * cellMeters) - y;
                for (var i = i0; i <= i1; i++)
                {
                    var dx = west + ((i + 0.5) * cellMeters) - x;
                    values[(j * columns) + i] += Kernel(Math.Sqrt((dx * dx) + (dy * dy)), bandwidthMeters) * AreaSquareMeters;
                }
            }
        }
        return values;
    }

    /// <summary>
    /// How far around tile z/x/y (Web Mercator metres) detections can reach into it: the bandwidth times the largest
    /// scale factor over the tile, plus one pixel for the grid's last node.
    /// </summary>
    public static double MarginMercatorMeters(int z, int x, int y, int sizePixels, double bandwidthMeters = BandwidthMeters)
    {
        var (_, minY, _, maxY) = WebTiles.Envelope(z, x, y);
        var res = (maxY - minY) / sizePixels;
        return (bandwidthMeters * WebTiles.ScaleFactor(Math.Max(Math.Abs(minY), Math.Abs(maxY)))) + res;
    }

    /// <summary>
    /// Grid spacing in pixels for a tile: the largest power of two at most one eighth of the bandwidth in pixels (at
    /// least 1). Between nodes the density is interpolated; at that spacing the bilinear interpolation is off by at most 1.5 % of a
    /// lone detection's peak, and a zoomed-in tile costs no more than a province tile.
    /// </summary>
    public static int StepPixels(int z, int sizePixels, double bandwidthMeters = BandwidthMeters)
    {
        var res = 2 * WebTiles.HalfWorldMeters / (1L << z) / sizePixels;
        var step = 1;
        while (step * 2 <= bandwidthMeters / res / 8 && step * 2 <= sizePixels / 8)
            step *= 2;
        return step;
    }

    /// <summary>
    /// The density surface of tile z/x/y (<paramref name="sizePixels"/> square) from detections in Web Mercator metres:
    /// give every detection within <see cref="MarginMercatorMeters"/> of the tile (others add nothing). Cost: per
    /// detection, the grid nodes within one bandwidth (about (2h / step)², a few hundred).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zoom outside 0-30, tile not on the grid, size not a power of two, bandwidth not
    /// positive.</exception>
    public static HeatGrid Tile(int z, int x, int y, int sizePixels, IEnumerable<WeightedPoint> points,
        double bandwidthMeters = BandwidthMeters)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegative(z);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(z, 30);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bandwidthMeters);
        if (x < 0 || y < 0 || x >= 1L << z || y >= 1L << z)
            throw new ArgumentOutOfRangeException(nameof(x), $"tile {z}/{x}/{y} is not on the grid.");
        if (sizePixels < 8 || (sizePixels & (sizePixels - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(sizePixels), $"tile size {sizePixels} is not a power of two of at least 8.");

        var (minX, minY, _, maxY) = WebTiles.Envelope(z, x, y);
        var res = (maxY - minY) / sizePixels;
        var step = StepPixels(z, sizePixels, bandwidthMeters);
        var n = (sizePixels / step) + 1;
        var nodeSpacing = step * res;
        // Node i, j sits on the centre of pixel (i step, j step).
        var x0 = minX + (0.5 * res);
        var y0 = maxY - (0.5 * res);
        var invH2 = new double[n];
        var hMerc = new double[n];
        var hMax = 0.0;
        for (var j = 0; j < n; j++)
        {
            hMerc[j] = bandwidthMeters * WebTiles.ScaleFactor(y0 - (j * nodeSpacing));
            invH2[j] = 1 / (hMerc[j] * hMerc[j]);
            hMax = Math.Max(hMax, hMerc[j]);
        }
        var perPoint = 3 / (Math.PI * bandwidthMeters * bandwidthMeters) * AreaSquareMeters;
        var values = new float[n * n];
        var any = false;
        foreach (var p in points)
        {
            if (p.Weight <= 0)
                continue;
            var c = p.Weight * perPoint;
            var jFirst = Math.Max(0, (int)Math.Ceiling((y0 - p.Y - hMax) / nodeSpacing));
            var jLast = Math.Min(n - 1, (int)Math.Floor((y0 - p.Y + hMax) / nodeSpacing));
            for (var j = jFirst; j <= jLast; j++)
            {
                var dy = y0 - (j * nodeSpacing) - p.Y;
                var dy2 = dy * dy * invH2[j];
                if (dy2 >= 1)
                    continue;
                var reach = hMerc[j] * Math.Sqrt(1 - dy2);
                var iFirst = Math.Max(0, (int)Math.Ceiling((p.X - reach - x0) / nodeSpacing));
                var iLast = Math.Min(n - 1, (int)Math.Floor((p.X + reach - x0) / nodeSpacing));
                var row = j * n;
                for (var i = iFirst; i <= iLast; i++)
                {
                    var dx = x0 + (i * nodeSpacing) - p.X;
                    var u2 = dy2 + (dx * dx * invH2[j]);
                    if (u2 < 1)
                    {
                        var t = 1 - u2;
                        values[row + i] += (float)(c * t * t);
                        any = true;
                    }
                }
            }
        }
        return new HeatGrid(sizePixels, step, any ? values : null);
    }
}

/// <summary>
/// The densities of one tile (detections per 100 km²) on nodes every <see cref="StepPixels"/> pixels, node (i, j) on
/// the centre of pixel (i step, j step); pixels between nodes are interpolated bilinearly.
/// </summary>
public sealed class HeatGrid
{
    private readonly float[]? _nodes;

    internal HeatGrid(int sizePixels, int stepPixels, float[]? nodes)
    {
        SizePixels = sizePixels;
        StepPixels = stepPixels;
        _nodes = nodes;
    }

    /// <summary>Width and height of the tile in pixels.</summary>
    public int SizePixels { get; }

    /// <summary>Pixels between grid nodes.</summary>
    public int StepPixels { get; }

    /// <summary>Nodes per side: <see cref="SizePixels"/> / <see cref="StepPixels"/> + 1.</summary>
    public int NodesPerSide => (SizePixels / StepPixels) + 1;

    /// <summary>True when no detection reaches the tile: every density is 0.</summary>
    public bool IsEmpty => _nodes is null;

    /// <summary>The density at node (i, j), detections per 100 km².</summary>
    public double Node(int i, int j) => _nodes is null ? 0 : _nodes[(j * NodesPerSide) + i];

    /// <summary>The density at the centre of pixel (column, row) of the tile, detections per 100 km² (row 0 at the top).</summary>
    public double AtPixel(int column, int row)
    {
        if ((uint)column >= (uint)SizePixels || (uint)row >= (uint)SizePixels)
            throw new ArgumentOutOfRangeException(nameof(column), $"pixel ({column}, {row}) is outside the {SizePixels}-pixel tile.");
        if (_nodes is null)
            return 0;
        var (i, j) = (column / StepPixels, row / StepPixels);
        var (fx, fy) = ((double)(column % StepPixels) / StepPixels, (double)(row % StepPixels) / StepPixels);
        var n = NodesPerSide;
        var top = (_nodes[(j * n) + i] * (1 - fx)) + (_nodes[(j * n) + i + 1] * fx);
        var bottom = (_nodes[((j + 1) * n) + i] * (1 - fx)) + (_nodes[((j + 1) * n) + i + 1] * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }
}
