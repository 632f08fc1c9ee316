using Gis.Core;
using Gis.Core.Hotspots;
using Gis.Core.Spatial;
using Gis.Importers.Store;

namespace Gis.Importers.Queries.Hotspots;

/// <summary>
/// Which detections a tile shows: those counted (<see cref="CountedHotspots"/>) on local days <paramref name="From"/> to
/// <paramref name="To"/>, tagged with a district of the province, that pass <paramref name="Filter"/>.
/// </summary>
public sealed record TileSelection(DateOnly From, DateOnly To, string ProvinceCode, HotspotFilter Filter);

/// <summary>
/// Counted detections as map tiles: Mapbox vector tiles of points or grid cells, and the weighted cells a heat map
/// is drawn from, each for one Web Mercator tile z/x/y.
/// </summary>
public sealed class HotspotTiles(GisStore store)
{
    private static readonly string Counted = CountedHotspots.Relation(HotspotSource.Firms);

    /// <summary>
    /// The <see cref="TileSelection"/> as conditions on the detections <c>h</c> within <paramref name="box"/> (a 4326
    /// rectangle, so the point index serves): days $4-$5, province $6, filter $9-$13, bound by <see cref="PointCommand"/>.
    /// </summary>
    private static string Selected(string box) =>
        $"h.geom && {box} AND h.local_day BETWEEN $4 AND $5 AND left(h.district_code, 2) = $6 AND {CountedHotspots.FilterSql(9)}";

    private static readonly string TilePoints = $"""
        WITH tile AS (SELECT ST_TileEnvelope($1, $2, $3) AS env, ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 0.02), $7) AS box)
        SELECT ST_AsMVT(t, 'hotspots', 4096, 'geom', 'id') FROM (
          SELECT h.id, h.confidence, h.satellite, h.local_day::text AS day, 1 AS n,
                 ST_AsMVTGeom(ST_Transform(h.geom, $8), tile.env, 4096, 64, true) AS geom
          FROM {Counted} h, tile
          WHERE {Selected("tile.box")}) t
        """;

    /// <summary>
    /// The grid rows (<c>hotspot_grid</c>, ADR 0023, 0027) of the selection <c>h</c> in the cell ranges $1-$2 and the cells
    /// $3-$6 (x0, y0, x1, y1): days $7-$8, province $9, filter $10-$14; not superseded, as <c>hotspot_counted</c>.
    /// Instrument, satellites and types choose rows; confidences and day or night choose the row's count columns, so each
    /// row gives its detections that pass as <c>low</c>, <c>nominal</c> and <c>high</c> (zero when none pass), beside
    /// all of them (<c>detections</c>) and their offset sums. One index range scan per range (LATERAL ... OFFSET 0 keeps
    /// it so), reading the index alone.
    /// </summary>
    private const string GridRows = """
        unnest($1::bigint[], $2::bigint[]) AS r(first, last)
        CROSS JOIN (SELECT ($12::text[] IS NULL OR 'l' = ANY($12))::int AS l, ($12::text[] IS NULL OR 'n' = ANY($12))::int AS n,
                           ($12::text[] IS NULL OR 'h' = ANY($12))::int AS h, ($13::text IS NULL OR $13 = 'D')::int AS d,
                           ($13::text IS NULL OR $13 = 'N')::int AS night) w
        CROSS JOIN LATERAL (
          SELECT h.cx, h.cy, h.detections, h.sum_fx, h.sum_fy, w.l * (w.d * h.low_day + w.night * h.low_night) AS low,
                 w.n * (w.d * h.nominal_day + w.night * h.nominal_night) AS nominal,
                 w.h * (w.d * h.high_day + w.night * h.high_night) AS high
          FROM hotspot_grid h
          WHERE h.cell BETWEEN r.first AND r.last AND h.cx BETWEEN $3 AND $5 AND h.cy BETWEEN $4 AND $6
            AND h.local_day BETWEEN $7 AND $8 AND h.province_code = $9 AND NOT h.superseded
            AND ($10::text IS NULL OR h.instrument = $10) AND ($11::text[] IS NULL OR h.satellite = ANY($11))
            AND ($14::int[] IS NULL OR h.type = ANY($14))
          OFFSET 0) h
        """;

    // The grid's cells summed into the 4-pixel cells of the 512-pixel tile, or from zoom 10 the grid's own (8 pixels at
    // zoom 10) ($15: grid cells per tile cell, as a shift), each drawn at its centre ($16: metres per tile cell, $17: half
    // the plane's width): the same bins as summing the points, since both grids are aligned to the tiles. Ordered, so a
    // tile's bytes depend on its content only.
    private static readonly string TileGrid = $"""
        SELECT ST_AsMVT(t, 'hotspots', 4096, 'geom') FROM (
          SELECT g.n, (ARRAY['l', 'n', 'h'])[g.rank] AS confidence,
                 ST_AsMVTGeom(ST_SetSRID(ST_MakePoint((g.gx + 0.5) * $16 - $17, $17 - (g.gy + 0.5) * $16), $18),
                              ST_TileEnvelope($19, $20, $21), 4096, 64, true) AS geom
          FROM (
            SELECT h.cx >> $15 AS gx, h.cy >> $15 AS gy, sum(h.low + h.nominal + h.high)::int AS n,
                   CASE WHEN sum(h.high) > 0 THEN 3 WHEN sum(h.nominal) > 0 THEN 2 ELSE 1 END AS rank
            FROM {GridRows}
            GROUP BY 1, 2
            HAVING sum(h.low + h.nominal + h.high) > 0) g
          ORDER BY g.gx, g.gy) t
        """;

    /// <summary>
    /// One Mapbox vector tile (layer <c>hotspots</c>) of the selected detections in Web Mercator tile z/x/y. Points keep
    /// id, confidence (l/n/h), satellite and day. Below <paramref name="gridBelowZoom"/> they are summed per 4-pixel cell
    /// of the 512-pixel tile the page draws, or per cell of the grid where that is larger (from zoom 10: 8 pixels at zoom
    /// 10) (attribute n = detections, confidence = the highest), read from the per-day grid (ADR 0023, 0045), so a whole
    /// season stays one small tile and one index read.
    /// Points use the hotspot's 4326 index through the tile envelope transformed back to 4326 (a Mercator rectangle is
    /// a lon/lat rectangle).
    /// </summary>
    public async Task<byte[]> VectorTileAsync(int z, int x, int y, TileSelection selection, int gridBelowZoom,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = VectorTileCommand(connection, "", z, x, y, selection, gridBelowZoom);
        var tile = await command.ExecuteScalarAsync(cancellationToken);
        return tile as byte[] ?? [];
    }

    /// <summary>The plan of <see cref="VectorTileAsync"/> with its run time (EXPLAIN ANALYZE), for the benchmark.</summary>
    public async Task<string> ExplainVectorTileAsync(int z, int x, int y, TileSelection selection, int gridBelowZoom,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = VectorTileCommand(connection, "EXPLAIN (ANALYZE, BUFFERS) ", z, x, y, selection, gridBelowZoom);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var plan = new System.Text.StringBuilder();
        while (await reader.ReadAsync(cancellationToken))
            plan.AppendLine(reader.GetString(0));
        return plan.ToString();
    }

    private static Npgsql.NpgsqlCommand VectorTileCommand(Npgsql.NpgsqlConnection connection, string prefix, int z, int x, int y,
        TileSelection selection, int gridBelowZoom)
    {
        if (z >= Math.Min(gridBelowZoom, HotspotGrid.CellZoom))
            return PointCommand(connection, prefix + TilePoints, z, x, y, selection);
        // Tile cells of zoom z + 7, or of the grid's zoom when that is coarser, are blocks of 2^shift grid cells; two of
        // them beyond each edge reach into the tile (ST_AsMVTGeom keeps 64 of 4096 units, at most two cells' centres), as
        // the points within the 2 % margin did.
        var shift = Math.Max(0, HotspotGrid.CellZoom - z - TileCellShift);
        var box = HotspotGrid.TileBox(z, x, y, 2 << shift);
        var command = GridCommand(connection, prefix + TileGrid, box, Math.Min(z + 6, HotspotGrid.CellZoom), selection);
        foreach (var value in new object[] { shift, HotspotGrid.CellMercatorMeters * (1 << shift), WebTiles.HalfWorldMeters,
            Srid.WebMercator, z, x, y })
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = value });
        return command;
    }

    /// <summary>A 512-pixel tile's 4-pixel cells are those of zoom z + 7 (the grid's zoom, 16, for tiles of zoom 9).</summary>
    private const int TileCellShift = 7;

    /// <summary>A point tile query with its parameters $1-$13: z, x, y, from, to, province, 4326, 3857, the filter's five.</summary>
    private static Npgsql.NpgsqlCommand PointCommand(Npgsql.NpgsqlConnection connection, string sql, int z, int x, int y,
        TileSelection selection)
    {
        var command = Sql.Command(connection, null, sql, z, x, y, selection.From, selection.To, selection.ProvinceCode, Srid.Wgs84,
            Srid.WebMercator);
        CountedHotspots.AddFilterParameters(command, selection.Filter);
        return command;
    }

    /// <summary>
    /// A grid query (<see cref="GridRows"/>) over the cells of <paramref name="box"/>, read as ranges of blocks of zoom
    /// <paramref name="blockZoom"/>, with its parameters $1-$14.
    /// </summary>
    private static Npgsql.NpgsqlCommand GridCommand(Npgsql.NpgsqlConnection connection, string sql, CellBox box, int blockZoom,
        TileSelection selection)
    {
        var (low, high) = HotspotGrid.Ranges(box, blockZoom);
        var command = Sql.Command(connection, null, sql, low, high, box.X0, box.Y0, box.X1, box.Y1, selection.From, selection.To,
            selection.ProvinceCode);
        CountedHotspots.AddFilterParameters(command, selection.Filter);
        return command;
    }

    // Each grid cell's detections at their centroid (the cell's corner plus the mean of their zoom-24 offsets, each
    // offset at the middle of its 1/256 step; $15: metres per grid cell, $16: half the plane's width): where they
    // are to within a few metres for a cell of one detection, and the kernel's curvature over at most 580 m otherwise.
    // A row counts its detections of every confidence and day/night together in its offsets: under a filter on those,
    // its detections that pass weigh at the row's centroid (exact with no such filter, as the workstation asks).
    private static readonly string HeatCells = $"""
        SELECT array_agg((g.cx + (g.fx / g.n + 0.5) / 256) * $15 - $16), array_agg($16 - (g.cy + (g.fy / g.n + 0.5) / 256) * $15),
               array_agg(g.n)
        FROM (
          SELECT h.cx, h.cy, sum(h.low + h.nominal + h.high)::int AS n,
                 sum(h.sum_fx::float8 * (h.low + h.nominal + h.high) / h.detections) AS fx,
                 sum(h.sum_fy::float8 * (h.low + h.nominal + h.high) / h.detections) AS fy
          FROM {GridRows}
          GROUP BY 1, 2
          HAVING sum(h.low + h.nominal + h.high) > 0) g
        """;

    /// <summary>
    /// The selected detections reaching Web Mercator tile z/x/y for a heat map: those of the grid cells within
    /// <paramref name="marginMercatorMeters"/> of it (cells of about 580 m, so a little more than that: the kernel gives
    /// them nothing), the same choice as <see cref="VectorTileAsync"/>. One weighted point per grid cell at its
    /// detections' centroid in Web Mercator metres, weight = detections. Empty when none.
    /// </summary>
    public async Task<IReadOnlyList<WeightedPoint>> HeatCellsAsync(int z, int x, int y, TileSelection selection,
        double marginMercatorMeters, CancellationToken cancellationToken = default)
    {
        var (minX, minY, maxX, maxY) = WebTiles.Envelope(z, x, y);
        var box = new CellBox(Cell(minX - marginMercatorMeters + WebTiles.HalfWorldMeters),
            Cell(WebTiles.HalfWorldMeters - (maxY + marginMercatorMeters)), Cell(maxX + marginMercatorMeters + WebTiles.HalfWorldMeters),
            Cell(WebTiles.HalfWorldMeters - (minY - marginMercatorMeters)));
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = GridCommand(connection, HeatCells, box, Math.Min(z + 6, HotspotGrid.CellZoom), selection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = HotspotGrid.CellMercatorMeters });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = WebTiles.HalfWorldMeters });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0))
            return [];
        var (xs, ys, ns) = (reader.GetFieldValue<double[]>(0), reader.GetFieldValue<double[]>(1), reader.GetFieldValue<int[]>(2));
        var points = new WeightedPoint[xs.Length];
        for (var i = 0; i < xs.Length; i++)
            points[i] = new WeightedPoint(xs[i], ys[i], ns[i]);
        return points;
    }

    private static int Cell(double metersFromEdge) =>
        (int)Math.Clamp(Math.Floor(metersFromEdge / HotspotGrid.CellMercatorMeters), 0, HotspotGrid.Side - 1);
}
