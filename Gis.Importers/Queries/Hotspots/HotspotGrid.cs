using Gis.Core.Spatial;

namespace Gis.Importers.Queries.Hotspots;

/// <summary>
/// The cells of table <c>hotspot_grid</c> (migration 0020, ADR 0023) as a tile query needs them: which index ranges
/// hold a rectangle of cells. Where a detection falls is defined once, in SQL (<c>hotspot_grid_x</c>,
/// <c>hotspot_grid_y</c>, <c>hotspot_grid_cell</c>); this class only mirrors the numbering of whole cells.
/// </summary>
internal static class HotspotGrid
{
    /// <summary>The zoom of the grid's cells: 2^16 across the Web Mercator plane, about 580 m at 19° N.</summary>
    public const int CellZoom = 16;

    /// <summary>Cells per axis.</summary>
    public const int Side = 1 << CellZoom;

    /// <summary>Side of a cell on the Web Mercator plane, metres.</summary>
    public const double CellMercatorMeters = 2 * WebTiles.HalfWorldMeters / Side;

    /// <summary>The Morton code of cell x, y (bit i of x to bit 2i, of y to bit 2i + 1), as <c>hotspot_grid_cell</c>.</summary>
    public static long Morton(int x, int y) => Spread(x) | (Spread(y) << 1);

    private static long Spread(int value)
    {
        long v = (uint)value & 0xFFFF;
        v = (v | (v << 8)) & 0x00FF00FF;
        v = (v | (v << 4)) & 0x0F0F0F0F;
        v = (v | (v << 2)) & 0x33333333;
        return (v | (v << 1)) & 0x55555555;
    }

    /// <summary>
    /// The cells x0..x1, y0..y1 (inclusive, clamped to the plane) of tile z/x/y grown by <paramref name="marginCells"/>
    /// cells of the grid on every side.
    /// </summary>
    public static CellBox TileBox(int z, int x, int y, int marginCells)
    {
        // A tile finer than a cell covers part of one cell: its cell.
        var shift = Math.Max(0, CellZoom - z);
        var (tx, ty) = (z > CellZoom ? x >> (z - CellZoom) : x, z > CellZoom ? y >> (z - CellZoom) : y);
        return new CellBox(
            Math.Max(0, (tx << shift) - marginCells), Math.Max(0, (ty << shift) - marginCells),
            Math.Min(Side - 1, ((tx + 1) << shift) - 1 + marginCells), Math.Min(Side - 1, ((ty + 1) << shift) - 1 + marginCells));
    }

    /// <summary>
    /// Index ranges (inclusive Morton codes, ascending, disjoint) covering <paramref name="box"/> with aligned blocks of
    /// cells of zoom <paramref name="blockZoom"/>: at most the blocks the box touches, merged where consecutive. A block
    /// reaching out of the box brings cells the query must still drop by x and y.
    /// </summary>
    public static (long[] Low, long[] High) Ranges(CellBox box, int blockZoom)
    {
        var shift = CellZoom - Math.Min(blockZoom, CellZoom);
        var cellsPerBlock = 1L << (2 * shift);
        var starts = new List<long>();
        for (var bx = box.X0 >> shift; bx <= box.X1 >> shift; bx++)
        {
            for (var by = box.Y0 >> shift; by <= box.Y1 >> shift; by++)
                starts.Add(Morton(bx, by) << (2 * shift));
        }
        starts.Sort();
        var (low, high) = (new List<long>(), new List<long>());
        foreach (var start in starts)
        {
            if (high.Count > 0 && high[^1] + 1 == start)
            {
                high[^1] = start + cellsPerBlock - 1;
                continue;
            }
            low.Add(start);
            high.Add(start + cellsPerBlock - 1);
        }
        return ([.. low], [.. high]);
    }
}

/// <summary>A rectangle of grid cells, bounds inclusive, y counted from the north as tiles are.</summary>
internal readonly record struct CellBox(int X0, int Y0, int X1, int Y1);
