using Gis.Core;
using Gis.Core.Hotspots;
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
    /// rectangle, so the point index serves): days $4-$5, province $6, filter $9-$13, bound by <see cref="TileCommand"/>.
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
    // Web Mercator x, y straight from the stored longitude and latitude (x = R lambda, y = R ln tan(pi/4 + phi/2),
    // pi R = 20037508.342789244 m): per-row arithmetic instead of a PROJ transform per detection, and integer cell
    // numbers, so a province tile groups hundreds of thousands of rows with a hash aggregate.
    private static readonly string TileGrid = $"""
        WITH tile AS (SELECT ST_TileEnvelope($1, $2, $3) AS env, ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 0.02), $7) AS box),
        b AS (SELECT env, box, ST_XMin(env) AS x0, ST_YMin(env) AS y0, (ST_XMax(env) - ST_XMin(env)) / 128 AS cell FROM tile)
        SELECT ST_AsMVT(t, 'hotspots', 4096, 'geom') FROM (
          SELECT g.n, (ARRAY['l', 'n', 'h'])[g.rank] AS confidence,
                 ST_AsMVTGeom(ST_SetSRID(ST_MakePoint(b.x0 + (g.cx + 0.5) * b.cell, b.y0 + (g.cy + 0.5) * b.cell), $8),
                              b.env, 4096, 64, true) AS geom
          FROM b, (
            SELECT floor((h.longitude * 20037508.342789244 / 180 - b.x0) / b.cell)::int AS cx,
                   floor((ln(tan(radians(90 + h.latitude) / 2)) * 20037508.342789244 / pi() - b.y0) / b.cell)::int AS cy,
                   count(*)::int AS n, max(CASE h.confidence WHEN 'h' THEN 3 WHEN 'n' THEN 2 ELSE 1 END) AS rank
            FROM {Counted} h, b
            WHERE {Selected("b.box")}
            GROUP BY 1, 2) g) t
        """;

    /// <summary>
    /// One Mapbox vector tile (layer <c>hotspots</c>) of the selected detections in Web Mercator tile z/x/y. Points keep
    /// id, confidence (l/n/h), satellite and day. Below <paramref name="gridBelowZoom"/> they are summed per 4-pixel
    /// grid cell of the 512-pixel tile the page draws (attribute n = detections, confidence = the highest), so a whole
    /// season stays one small tile.
    /// The hotspot's 4326 index is used through the tile envelope transformed back to 4326 (a Mercator rectangle is
    /// a lon/lat rectangle).
    /// </summary>
    public async Task<byte[]> VectorTileAsync(int z, int x, int y, TileSelection selection, int gridBelowZoom,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = TileCommand(connection, z < gridBelowZoom ? TileGrid : TilePoints, z, x, y, selection);
        var tile = await command.ExecuteScalarAsync(cancellationToken);
        return tile as byte[] ?? [];
    }

    /// <summary>The plan of <see cref="VectorTileAsync"/> with its run time (EXPLAIN ANALYZE), for the benchmark.</summary>
    public async Task<string> ExplainVectorTileAsync(int z, int x, int y, TileSelection selection, int gridBelowZoom,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = TileCommand(connection, "EXPLAIN (ANALYZE, BUFFERS) " + (z < gridBelowZoom ? TileGrid : TilePoints), z,
            x, y, selection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var plan = new System.Text.StringBuilder();
        while (await reader.ReadAsync(cancellationToken))
            plan.AppendLine(reader.GetString(0));
        return plan.ToString();
    }

    /// <summary>A tile query with its parameters $1-$13: z, x, y, from, to, province, 4326, 3857, the filter's five.</summary>
    private static Npgsql.NpgsqlCommand TileCommand(Npgsql.NpgsqlConnection connection, string sql, int z, int x, int y,
        TileSelection selection)
    {
        var command = Sql.Command(connection, null, sql, z, x, y, selection.From, selection.To, selection.ProvinceCode, Srid.Wgs84,
            Srid.WebMercator);
        CountedHotspots.AddFilterParameters(command, selection.Filter);
        return command;
    }

    // Detections within the margin of the tile summed per pixel of the 512-pixel tile, each cell at its centre (at most
    // 0.7 pixel off, a few per cent of the bandwidth at any zoom), so a whole season reads as a few thousand rows.
    // Mercator x, y by the same per-row arithmetic as the grid tiles; the box is the tile grown by the margin.
    private static readonly string HeatCells = $"""
        WITH b AS (SELECT ST_XMin(env) AS x0, ST_YMax(env) AS y1, (ST_XMax(env) - ST_XMin(env)) / $14 AS cell,
                          ST_Transform(ST_Expand(env, $15), $7) AS box
                   FROM (SELECT ST_TileEnvelope($1, $2, $3) AS env) t)
        SELECT array_agg(b.x0 + (g.cx + 0.5) * b.cell), array_agg(b.y1 - (g.cy + 0.5) * b.cell), array_agg(g.n)
        FROM b, (
          SELECT floor((h.longitude * 20037508.342789244 / 180 - b.x0) / b.cell)::int AS cx,
                 floor((b.y1 - ln(tan(radians(90 + h.latitude) / 2)) * 20037508.342789244 / pi()) / b.cell)::int AS cy,
                 count(*)::int AS n
          FROM {Counted} h, b
          WHERE {Selected("b.box")}
          GROUP BY 1, 2) g
        """;

    /// <summary>
    /// The selected detections reaching Web Mercator tile z/x/y for a heat map: those within
    /// <paramref name="marginMercatorMeters"/> of it, the same choice as <see cref="VectorTileAsync"/>. Summed per pixel
    /// of a <paramref name="sizePixels"/>-pixel tile, each at the pixel's centre in Web Mercator metres, weight =
    /// detections. Empty when none.
    /// </summary>
    public async Task<IReadOnlyList<WeightedPoint>> HeatCellsAsync(int z, int x, int y, TileSelection selection, int sizePixels,
        double marginMercatorMeters, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = TileCommand(connection, HeatCells, z, x, y, selection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = sizePixels });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = marginMercatorMeters });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0))
            return [];
        var (xs, ys, ns) = (reader.GetFieldValue<double[]>(0), reader.GetFieldValue<double[]>(1), reader.GetFieldValue<int[]>(2));
        var points = new WeightedPoint[xs.Length];
        for (var i = 0; i < xs.Length; i++)
            points[i] = new WeightedPoint(xs[i], ys[i], ns[i]);
        return points;
    }
}
