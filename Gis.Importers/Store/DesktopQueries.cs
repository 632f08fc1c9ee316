using Gis.Core;
using Gis.Core.Hotspots;

namespace Gis.Importers.Store;

/// <summary>A feature for the workstation page: properties and its geometry as GeoJSON text (WGS 84) made by PostGIS.</summary>
public sealed record GeoJsonFeature(IReadOnlyDictionary<string, object?> Properties, string GeometryJson);

/// <summary>One stored detection as the workstation shows it when clicked.</summary>
/// <param name="LandClass">Hotspot land class of the land-use parcel under it (snapshot in force for its day), when any.</param>
/// <param name="ProjectAreas">Project areas the point lies in: "CODE name_th / name_en".</param>
public sealed record HotspotDetail(
    long Id, string Satellite, string Instrument, DateTime AcquiredUtc, DateOnly LocalDay, double Longitude, double Latitude,
    string Confidence, int? ConfidencePercent, double? FrpMw, string DayNight, string Version, string? DistrictCode,
    string? DistrictNameTh, string? DistrictNameEn, bool Superseded, string? LandClass, int? LandUseSnapshot,
    IReadOnlyList<ProjectAreaRef> ProjectAreas);

/// <summary>A project area a point or district refers to.</summary>
public sealed record ProjectAreaRef(long AreaId, string ProjectCode, string NameTh, string NameEn, string TargetKind, int FiscalYear);

/// <summary>
/// The geometries of the workstation's layers, as GeoJSON made by PostGIS (ST_AsGeoJSON, 6 decimals = 0.1 m) so
/// the page can draw them as they are. Numbers of the targets do not come from here but from the target services.
/// </summary>
public sealed class DesktopQueries(GisStore store)
{
    private const int Decimals = 6;

    /// <summary>
    /// Districts (level 4) of the province, in code order: code, name_th, name_en, and a point surely inside
    /// (label_lon, label_lat) where the page puts the name.
    /// </summary>
    public Task<IReadOnlyList<GeoJsonFeature>> DistrictsAsync(string provinceCode, CancellationToken cancellationToken = default) =>
        FeaturesAsync("""
            SELECT ST_AsGeoJSON(geom, $2), code, name_th, name_en, ST_X(p), ST_Y(p)
            FROM (SELECT *, ST_PointOnSurface(geom) AS p FROM admin_area WHERE level = 4 AND province_code = $1) a ORDER BY code
            """, ["code", "name_th", "name_en", "label_lon", "label_lat"], cancellationToken, provinceCode, Decimals);

    /// <summary>
    /// The province outline: its stored polygon, else the outer rings of the union of its districts (district layers
    /// leave thin gaps between neighbours, which would draw as stray lines inside); empty when neither is stored.
    /// </summary>
    public Task<IReadOnlyList<GeoJsonFeature>> ProvinceAsync(string provinceCode, CancellationToken cancellationToken = default) =>
        FeaturesAsync("""
            SELECT ST_AsGeoJSON(g, $2), $1::text FROM (
              SELECT coalesce((SELECT geom FROM admin_area WHERE level = 2 AND code = $1),
                              (SELECT ST_Collect(ST_MakePolygon(ST_ExteriorRing(d.geom)))
                               FROM ST_Dump((SELECT ST_Union(geom) FROM admin_area WHERE level = 4 AND province_code = $1)) d)) AS g) x
            WHERE g IS NOT NULL
            """, ["code"], cancellationToken, provinceCode, Decimals);

    /// <summary>
    /// Parcels of one land-use snapshot with their class, in 5 decimals (about 1 m: enough on screen, half the bytes).
    /// </summary>
    public Task<IReadOnlyList<GeoJsonFeature>> LandUseAsync(int snapshot, CancellationToken cancellationToken = default) =>
        FeaturesAsync("""
            SELECT ST_AsGeoJSON(geom, 5), id, class_code, class_name_th, class_name_en, land_class, is_green
            FROM landuse_parcel WHERE snapshot = $1 ORDER BY id
            """, ["id", "class_code", "class_name_th", "class_name_en", "land_class", "is_green"], cancellationToken, (short)snapshot);

    /// <summary>Project areas (every year when <paramref name="fiscalYear"/> is null) with their project's names and kind.</summary>
    public Task<IReadOnlyList<GeoJsonFeature>> ProjectAreasAsync(int? fiscalYear, CancellationToken cancellationToken = default) =>
        FeaturesAsync("""
            SELECT ST_AsGeoJSON(a.geom, $2), a.id, a.project_code, p.name_th, p.name_en, p.target_kind, coalesce(a.year, p.fiscal_year), a.area_rai, p.agency
            FROM project_area a JOIN plan_project p ON p.code = a.project_code
            WHERE $1::smallint IS NULL OR coalesce(a.year, p.fiscal_year) = $1
            ORDER BY a.id
            """, ["id", "project_code", "name_th", "name_en", "target_kind", "year", "area_rai", "agency"], cancellationToken,
            fiscalYear is { } y ? (short)y : null, Decimals);

    /// <summary>The first and last local day with a counted detection, or null when none is stored.</summary>
    public async Task<(DateOnly First, DateOnly Last)?> HotspotDaysAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT min(local_day), max(local_day) FROM hotspot_counted");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0)
            ? (reader.GetFieldValue<DateOnly>(0), reader.GetFieldValue<DateOnly>(1))
            : null;
    }

    /// <summary>One detection with its district, the land class under it and the project areas it falls in; null when unknown.</summary>
    public async Task<HotspotDetail?> HotspotAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        HotspotDetail? detail = null;
        // The land-use snapshot in force for the detection's day, as the target engine takes it: the latest surveyed
        // in or before that year (BE), else the earliest.
        await using (var command = Sql.Command(connection, null, """
            SELECT h.id, h.satellite, h.instrument, h.acquired_utc, h.local_day, h.longitude, h.latitude, h.confidence,
                   h.confidence_pct, h.frp_mw, h.daynight, h.version, h.district_code, a.name_th, a.name_en,
                   h.superseded_by_batch IS NOT NULL, lu.land_class, lu.snapshot
            FROM hotspot h
            LEFT JOIN admin_area a ON a.code = h.district_code
            LEFT JOIN LATERAL (
                SELECT s.snapshot FROM landuse_snapshot s
                ORDER BY (s.snapshot <= extract(year FROM h.local_day) + $2) DESC,
                         CASE WHEN s.snapshot <= extract(year FROM h.local_day) + $2 THEN -s.snapshot ELSE s.snapshot END
                LIMIT 1) snap ON true
            LEFT JOIN LATERAL (
                SELECT lp.land_class, lp.snapshot FROM landuse_parcel lp
                WHERE lp.snapshot = snap.snapshot AND ST_Intersects(lp.geom, h.geom) ORDER BY lp.id LIMIT 1) lu ON true
            WHERE h.id = $1
            """, id, Gis.Core.Time.ThaiCalendar.BuddhistEraOffset))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
                return null;
            detail = new HotspotDetail(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetDateTime(3),
                reader.GetFieldValue<DateOnly>(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetInt16(8), reader.IsDBNull(9) ? null : reader.GetFloat(9), reader.GetString(10),
                reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetString(13),
                reader.IsDBNull(14) ? null : reader.GetString(14), reader.GetBoolean(15), reader.IsDBNull(16) ? null : reader.GetString(16),
                reader.IsDBNull(17) ? null : reader.GetInt16(17), []);
        }
        var areas = new List<ProjectAreaRef>();
        await using (var command = Sql.Command(connection, null, """
            SELECT a.id, a.project_code, p.name_th, p.name_en, p.target_kind, coalesce(a.year, p.fiscal_year)
            FROM project_area a JOIN plan_project p ON p.code = a.project_code, hotspot h
            WHERE h.id = $1 AND ST_Intersects(a.geom, h.geom) ORDER BY a.project_code, a.id
            """, id))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                areas.Add(new ProjectAreaRef(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt16(5)));
        }
        return detail with { ProjectAreas = areas };
    }

    private const string TilePoints = """
        WITH tile AS (SELECT ST_TileEnvelope($1, $2, $3) AS env, ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 0.02), $7) AS box)
        SELECT ST_AsMVT(t, 'hotspots', 4096, 'geom', 'id') FROM (
          SELECT h.id, h.confidence, h.satellite, h.local_day::text AS day, 1 AS n,
                 ST_AsMVTGeom(ST_Transform(h.geom, $8), tile.env, 4096, 64, true) AS geom
          FROM hotspot_counted h, tile
          WHERE h.geom && tile.box AND h.local_day BETWEEN $4 AND $5 AND left(h.district_code, 2) = $6
                  AND ($9::text IS NULL OR h.instrument = $9)) t
        """;
    // Web Mercator x, y straight from the stored longitude and latitude (x = R lambda, y = R ln tan(pi/4 + phi/2),
    // pi R = 20037508.342789244 m): per-row arithmetic instead of a PROJ transform per detection, and integer cell
    // numbers, so a province tile groups hundreds of thousands of rows with a hash aggregate.
    private const string TileGrid = """
        WITH tile AS (SELECT ST_TileEnvelope($1, $2, $3) AS env, ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 0.02), $7) AS box),
        b AS (SELECT env, box, ST_XMin(env) AS x0, ST_YMin(env) AS y0, (ST_XMax(env) - ST_XMin(env)) / 128 AS cell FROM tile)
        SELECT ST_AsMVT(t, 'hotspots', 4096, 'geom') FROM (
          SELECT g.n, (ARRAY['l', 'n', 'h'])[g.rank] AS confidence,
                 ST_AsMVTGeom(ST_SetSRID(ST_MakePoint(b.x0 + (g.cx + 0.5) * b.cell, b.y0 + (g.cy + 0.5) * b.cell), $8), b.env, 4096, 64, true) AS geom
          FROM b, (
            SELECT floor((h.longitude * 20037508.342789244 / 180 - b.x0) / b.cell)::int AS cx,
                   floor((ln(tan(radians(90 + h.latitude) / 2)) * 20037508.342789244 / pi() - b.y0) / b.cell)::int AS cy,
                   count(*)::int AS n, max(CASE h.confidence WHEN 'h' THEN 3 WHEN 'n' THEN 2 ELSE 1 END) AS rank
            FROM hotspot_counted h, b
            WHERE h.geom && b.box AND h.local_day BETWEEN $4 AND $5 AND left(h.district_code, 2) = $6
                  AND ($9::text IS NULL OR h.instrument = $9)
            GROUP BY 1, 2) g) t
        """;

    /// <summary>
    /// One Mapbox vector tile (layer <c>hotspots</c>) of the counted detections (view <c>hotspot_counted</c>) of the
    /// province on local days <paramref name="from"/>..<paramref name="to"/> of <paramref name="instrument"/> (null: every
    /// instrument), in Web Mercator tile z/x/y. Points keep
    /// id, confidence (l/n/h), satellite and day. Below <paramref name="gridBelowZoom"/> they are summed per 4-pixel
    /// grid cell of the 512-pixel tile the page draws (attribute n = detections, confidence = the highest), so a whole
    /// season stays one small tile.
    /// The hotspot's 4326 index is used through the tile envelope transformed back to 4326 (a Mercator rectangle is
    /// a lon/lat rectangle).
    /// </summary>
    public async Task<byte[]> HotspotTileAsync(int z, int x, int y, DateOnly from, DateOnly to, string provinceCode, string? instrument, int gridBelowZoom, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = TileCommand(connection, null, z, x, y, from, to, provinceCode, instrument, gridBelowZoom);
        var tile = await command.ExecuteScalarAsync(cancellationToken);
        return tile as byte[] ?? [];
    }

    /// <summary>The plan of <see cref="HotspotTileAsync"/> with its run time (EXPLAIN ANALYZE), for the benchmark.</summary>
    public async Task<string> ExplainHotspotTileAsync(int z, int x, int y, DateOnly from, DateOnly to, string provinceCode, string? instrument, int gridBelowZoom, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = TileCommand(connection, "EXPLAIN (ANALYZE, BUFFERS) ", z, x, y, from, to, provinceCode, instrument, gridBelowZoom);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var plan = new System.Text.StringBuilder();
        while (await reader.ReadAsync(cancellationToken))
            plan.AppendLine(reader.GetString(0));
        return plan.ToString();
    }

    private static Npgsql.NpgsqlCommand TileCommand(Npgsql.NpgsqlConnection connection, string? explain, int z, int x, int y, DateOnly from, DateOnly to, string provinceCode, string? instrument, int gridBelowZoom) =>
        TileCommand(connection, explain, z < gridBelowZoom ? TileGrid : TilePoints, z, x, y, from, to, provinceCode, instrument);

    /// <summary>A tile query with its parameters $1-$9: z, x, y, from, to, province, 4326, 3857, instrument (null: all).</summary>
    private static Npgsql.NpgsqlCommand TileCommand(Npgsql.NpgsqlConnection connection, string? explain, string sql, int z, int x, int y, DateOnly from, DateOnly to, string provinceCode, string? instrument)
    {
        var command = Sql.Command(connection, null, explain + sql, z, x, y, from, to, provinceCode, Srid.Wgs84, Srid.WebMercator);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = (object?)instrument ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return command;
    }

    // Detections within the margin of the tile summed per pixel of the 512-pixel tile, each cell at its centre (at most
    // 0.7 pixel off, a few per cent of the bandwidth at any zoom), so a whole season reads as a few thousand rows.
    // Mercator x, y by the same per-row arithmetic as the grid tiles; the box is the tile grown by the margin.
    private const string HeatCells = """
        WITH b AS (SELECT ST_XMin(env) AS x0, ST_YMax(env) AS y1, (ST_XMax(env) - ST_XMin(env)) / $10 AS cell,
                          ST_Transform(ST_Expand(env, $11), $7) AS box
                   FROM (SELECT ST_TileEnvelope($1, $2, $3) AS env) t)
        SELECT array_agg(b.x0 + (g.cx + 0.5) * b.cell), array_agg(b.y1 - (g.cy + 0.5) * b.cell), array_agg(g.n)
        FROM b, (
          SELECT floor((h.longitude * 20037508.342789244 / 180 - b.x0) / b.cell)::int AS cx,
                 floor((b.y1 - ln(tan(radians(90 + h.latitude) / 2)) * 20037508.342789244 / pi()) / b.cell)::int AS cy,
                 count(*)::int AS n
          FROM hotspot_counted h, b
          WHERE h.geom && b.box AND h.local_day BETWEEN $4 AND $5 AND left(h.district_code, 2) = $6
                AND ($9::text IS NULL OR h.instrument = $9)
          GROUP BY 1, 2) g
        """;

    /// <summary>
    /// The counted detections (view <c>hotspot_counted</c>) reaching Web Mercator tile z/x/y for a heat map: those
    /// within <paramref name="marginMercatorMeters"/> of it, of the province on local days <paramref name="from"/>..
    /// <paramref name="to"/> of <paramref name="instrument"/> (null: every instrument), the same choice as
    /// <see cref="HotspotTileAsync"/>. Summed per pixel of a <paramref name="sizePixels"/>-pixel tile, each at the pixel's
    /// centre in Web Mercator metres, weight = detections. Empty when none.
    /// </summary>
    public async Task<IReadOnlyList<WeightedPoint>> HeatCellsAsync(int z, int x, int y, int sizePixels, double marginMercatorMeters,
        DateOnly from, DateOnly to, string provinceCode, string? instrument, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = TileCommand(connection, null, HeatCells, z, x, y, from, to, provinceCode, instrument);
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

    /// <summary>
    /// Changes whenever stored detections may have changed: an import batch (a standard batch supersedes NRT rows in
    /// the same transaction) or a boundary import (which re-assigns districts); see <see cref="DataVersion"/>.
    /// </summary>
    public async Task<string> HotspotDataVersionAsync(CancellationToken cancellationToken = default)
    {
        var version = await DataVersion.ReadAsync(store, cancellationToken);
        return FormattableString.Invariant($"{version.Hotspots}/{version.Boundaries}");
    }

    private async Task<IReadOnlyList<GeoJsonFeature>> FeaturesAsync(string sql, string[] names, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var features = new List<GeoJsonFeature>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var properties = new Dictionary<string, object?>(names.Length);
            for (var i = 0; i < names.Length; i++)
                properties[names[i]] = reader.IsDBNull(i + 1) ? null : reader.GetValue(i + 1);
            features.Add(new GeoJsonFeature(properties, reader.GetString(0)));
        }
        return features;
    }
}
