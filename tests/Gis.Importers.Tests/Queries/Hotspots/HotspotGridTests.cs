using System.Globalization;
using Gis.Core.Admin;
using Gis.Core.Hotspots;
using Gis.Importers.Boundaries;
using Gis.Importers.Firms;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Tests.Targets;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Queries.Hotspots;

/// <summary>
/// The per-day grid (migration 0020, ADR 0023) against plain PostGIS: its rows recounted from the points after every
/// kind of write, and the tiles made from it against the same tiles summed from the points.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class HotspotGridTests : TwoDistrictStore
{
    // The grid recounted from hotspot with PostGIS's own Web Mercator (ST_Transform), not the grid's functions: zoom-24
    // cells, zoom-16 cells and the offsets within them, per day, province and key value, each confidence and day/night
    // counted apart.
    private const string Recount = """
        SELECT x >> 8 AS cx, y >> 8 AS cy, local_day, left(district_code, 2) AS province_code, instrument, satellite, type,
               superseded_by_batch IS NOT NULL AS superseded, count(*)::int AS detections,
               count(*) FILTER (WHERE confidence = 'l' AND daynight = 'D')::int AS low_day,
               count(*) FILTER (WHERE confidence = 'n' AND daynight = 'D')::int AS nominal_day,
               count(*) FILTER (WHERE confidence = 'h' AND daynight = 'D')::int AS high_day,
               count(*) FILTER (WHERE confidence = 'l' AND daynight = 'N')::int AS low_night,
               count(*) FILTER (WHERE confidence = 'n' AND daynight = 'N')::int AS nominal_night,
               count(*) FILTER (WHERE confidence = 'h' AND daynight = 'N')::int AS high_night,
               sum(x & 255) AS sum_fx, sum(y & 255) AS sum_fy
        FROM (SELECT h.*, floor((ST_X(m) + 20037508.342789244) / 40075016.685578488 * 16777216)::int AS x,
                     floor((20037508.342789244 - ST_Y(m)) / 40075016.685578488 * 16777216)::int AS y
              FROM hotspot h, ST_Transform(h.geom, 3857) m) p
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        """;

    private const string Stored = """
        SELECT cx, cy, local_day, province_code, instrument, satellite, type, superseded, detections, low_day, nominal_day,
               high_day, low_night, nominal_night, high_night, sum_fx, sum_fy
        FROM hotspot_grid
        """;

    private Task<long> DifferencesAsync() =>
        Db.ScalarAsync<long>($"SELECT count(*) FROM (({Recount} EXCEPT {Stored}) UNION ALL ({Stored} EXCEPT {Recount})) d");

    private static string Row(double lat, double lon, string date, string time, string satellite = "N20", string confidence = "n",
        string version = "2.0NRT", string daynight = "D") =>
        string.Create(CultureInfo.InvariantCulture,
            $"{lat:R},{lon:R},330.5,0.4,0.4,{date},{time},{satellite},VIIRS,{confidence},{version},290.1,5.5,{daynight}");

    private async Task ImportAsync(params string[] rows)
    {
        var path = Path.Combine(Folder, $"f{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, FirmsCsv.Header + "\n" + string.Join("\n", rows) + "\n");
        await new FirmsImporter(Db.Store).ImportAsync(FirmsInput.Expand([path]).Single(), strict: true);
    }

    // Three detections within 100 m (one cell, three offsets; two nominal by day, one high by night: one row), one in the
    // east district, one outside every district, on two days, two satellites, day and night.
    private static readonly string[] Nrt =
    [
        Row(18.3012, 98.2034, "2026-03-10", "0615"), Row(18.3012, 98.2044, "2026-03-10", "0620"),
        Row(18.3015, 98.2039, "2026-03-10", "1230", confidence: "h", daynight: "N"),
        Row(18.6541, 98.7712, "2026-03-10", "1850", daynight: "N"), Row(18.3012, 98.2034, "2026-03-11", "0615", satellite: "N"),
        Row(17.5, 97.5, "2026-03-11", "0700"),
    ];

    [Fact]
    public async Task Grid_AfterImportsSupersedeRedeliveryRetaggingAndDeletion_EqualsARecountFromThePoints()
    {
        await ImportAsync(Nrt);
        Assert.Equal((6L, 0L), (await Db.ScalarAsync<long>("SELECT sum(detections) FROM hotspot_grid"), await DifferencesAsync()));
        // The first three share a cell and a row, counted by confidence and day/night, but not their place within it.
        Assert.Equal("3/2/1", await Db.ScalarAsync<string>(
            "SELECT concat_ws('/', detections, nominal_day, high_night) FROM hotspot_grid ORDER BY detections DESC LIMIT 1"));
        // Four rows for six detections (keyed by confidence and day/night too, as migration 0020 did, they were five).
        Assert.Equal(4L, await Db.ScalarAsync<long>("SELECT count(*) FROM hotspot_grid"));

        // Standard NOAA-20 data of 10 March supersedes that day's four NRT rows (kept, marked): they move to superseded.
        await ImportAsync(Row(18.3013, 98.2035, "2026-03-10", "0615", version: "2"));
        Assert.Equal(0L, await DifferencesAsync());
        Assert.Equal(4L, await Db.ScalarAsync<long>("SELECT sum(detections) FROM hotspot_grid WHERE superseded"));

        // The same file again: nothing new.
        await ImportAsync(Nrt);
        Assert.Equal((7L, 0L), (await Db.ScalarAsync<long>("SELECT sum(detections) FROM hotspot_grid"), await DifferencesAsync()));

        // New boundaries shrink the east district to 98.5-98.7 E: its detection at 98.77 leaves every district, and its
        // rows the province.
        await new BoundaryImporter(Db.Store).ReplaceAsync(
            [new AdminArea("5002", "ข", "East", Wkt.MultiPolygon("POLYGON ((98.5 18, 98.7 18, 98.7 19, 98.5 19, 98.5 18))"))], "moved");
        Assert.Equal(0L, await DifferencesAsync());
        Assert.Equal(2L, await Db.ScalarAsync<long>("SELECT sum(detections) FROM hotspot_grid WHERE province_code IS NULL"));

        // A deletion by hand takes its rows away, and a group left empty is gone, not kept at zero.
        await Db.ScalarAsync<int>("WITH d AS (DELETE FROM hotspot WHERE satellite = 'N' RETURNING 1) SELECT count(*)::int FROM d");
        Assert.Equal(0L, await DifferencesAsync());
        Assert.Equal(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM hotspot_grid WHERE detections <= 0 OR satellite = 'N'"));

        // Taking one confidence out of a shared row keeps the row with the others.
        await Db.ScalarAsync<int>("WITH d AS (DELETE FROM hotspot WHERE confidence = 'h' RETURNING 1) SELECT count(*)::int FROM d");
        Assert.Equal(0L, await DifferencesAsync());

        // The Morton code the tile queries search by is the one C# computes for the cell.
        await using var connection = await Db.Store.DataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT cell, cx, cy FROM hotspot_grid", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            Assert.Equal(HotspotGrid.Morton(reader.GetInt32(1), reader.GetInt32(2)), reader.GetInt64(0));
    }

    [Fact]
    public async Task AddBatch_OfRowsWrittenPastTheTriggers_MakesTheGridWhole()
    {
        await ImportAsync(Nrt);
        // As a loader writing straight into a partition would: the rows are there, the grid does not know them.
        await Db.ScalarAsync<int>("WITH d AS (DELETE FROM hotspot_grid RETURNING 1) SELECT count(*)::int FROM d");
        Assert.NotEqual(0L, await DifferencesAsync());
        await Db.ScalarAsync<int>("SELECT count(*)::int FROM (SELECT hotspot_grid_add_batch(id) FROM import_batch) b");
        Assert.Equal(0L, await DifferencesAsync());
    }

    [Fact]
    public async Task Batch_IntoAStoredYearAndANewOne_CountsEachDetectionOnceInItsYearsGrid()
    {
        await ImportAsync(Nrt);
        // One file: two detections of 2026, whose grid exists, and three of 2025, whose grid this batch's attach builds
        // from the year's rows. Added to both ways, the 2025 rows would count twice.
        await ImportAsync(Row(18.31, 98.21, "2026-03-12", "0615"), Row(18.65, 98.77, "2026-03-12", "0620"),
            Row(18.31, 98.21, "2025-02-01", "0615"), Row(18.3101, 98.2101, "2025-02-01", "0616"), Row(18.65, 98.77, "2025-02-02", "0615"));
        Assert.Equal(0L, await DifferencesAsync());
        Assert.Equal("hotspot_grid_y2025:3,hotspot_grid_y2026:8", await Db.ScalarAsync<string>(
            "SELECT string_agg(p || ':' || n, ',' ORDER BY p) FROM (SELECT tableoid::regclass::text AS p, sum(detections) AS n " +
            "FROM hotspot_grid GROUP BY 1) g"));
    }

    // The grid tiles' expectation from the points, as the tiles were made before the grid: counted detections of the
    // province in the tile grown by 2 %, summed per 4-pixel cell of the 512-pixel tile, the highest confidence.
    private const string TileFromPoints = """
        WITH b AS (SELECT env, ST_XMin(env) AS x0, ST_YMax(env) AS y1, (ST_XMax(env) - ST_XMin(env)) / $8 AS cell,
                          ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 0.02), 4326) AS box
                   FROM (SELECT ST_TileEnvelope($1, $2, $3) AS env) t)
        SELECT ST_AsMVT(t, 'hotspots', 4096, 'geom') FROM (
          SELECT g.n, (ARRAY['l', 'n', 'h'])[g.rank] AS confidence,
                 ST_AsMVTGeom(ST_SetSRID(ST_MakePoint(b.x0 + (g.cx + 0.5) * b.cell, b.y1 - (g.cy + 0.5) * b.cell), 3857),
                              b.env, 4096, 64, true) AS geom
          FROM b, (
            SELECT floor((ST_X(m) - b.x0) / b.cell)::int AS cx, floor((b.y1 - ST_Y(m)) / b.cell)::int AS cy, count(*)::int AS n,
                   max(CASE h.confidence WHEN 'h' THEN 3 WHEN 'n' THEN 2 ELSE 1 END) AS rank
            FROM hotspot_counted h, b, ST_Transform(h.geom, 3857) m
            WHERE h.geom && b.box AND h.local_day BETWEEN $4 AND $5 AND left(h.district_code, 2) = '50' AND h.instrument = 'VIIRS'
              AND ($6::text[] IS NULL OR h.confidence = ANY($6)) AND ($7::text IS NULL OR h.daynight = $7)
            GROUP BY 1, 2) g
          ORDER BY g.cx, g.cy) t
        """;

    [Theory]
    [InlineData(10, null, null)]
    [InlineData(10, "h", "D")]
    [InlineData(9, null, null)]
    [InlineData(8, null, null)]
    [InlineData(6, null, null)]
    [InlineData(8, "l,n", null)]
    [InlineData(8, null, "N")]
    [InlineData(6, "n,h", "D")]
    public async Task GridTile_HoldsTheCellsAndCountsOfThePointTile(int z, string? confidences, string? daynight)
    {
        // 300 detections scattered over both districts and a little beyond the province, over two days, one superseded
        // day among them (standard data for 2 March).
        var random = new Random(7);
        var rows = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var time = string.Create(CultureInfo.InvariantCulture, $"{6 + (i / 60):00}{i % 60:00}");
            rows.Add(Row(17.9 + (random.NextDouble() * 1.2), 97.9 + (random.NextDouble() * 1.2), i % 2 == 0 ? "2026-03-01" : "2026-03-02",
                time, confidence: (i % 3) switch { 0 => "l", 1 => "n", _ => "h" }, daynight: i % 5 < 2 ? "N" : "D"));
        }
        await ImportAsync([.. rows]);
        await ImportAsync(Row(18.5, 98.5, "2026-03-02", "0500", version: "2"));

        var tiles = new HotspotTiles(Db.Store);
        // Confidence and day/night choose a grid row's count columns, not rows: the filtered tiles too must be the points'.
        var filter = new HotspotFilter("VIIRS", Confidences: confidences?.Split(','), DayNight: daynight);
        var selection = new TileSelection(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), "50", filter);
        var (x, y) = Gis.Core.Spatial.WebTiles.TileOf(98.5, 18.5, z);
        var compared = 0;
        foreach (var (dx, dy) in new[] { (0, 0), (1, 0), (0, 1), (-1, 0), (0, -1) })
        {
            var expected = await PointTileAsync(z, x + dx, y + dy, selection);
            Assert.Equal(expected, await tiles.VectorTileAsync(z, x + dx, y + dy, selection, gridBelowZoom: 11));
            compared += expected.Length > 0 ? 1 : 0;
        }
        Assert.True(compared > 0, "some tile holds detections");
        // Only the second day: the superseded NRT rows of 2 March are not drawn, those of 1 March are not in the days.
        var day = selection with { From = new DateOnly(2026, 3, 2), To = new DateOnly(2026, 3, 2) };
        Assert.Equal(await PointTileAsync(z, x, y, day), await tiles.VectorTileAsync(z, x, y, day, gridBelowZoom: 11));
    }

    [Fact]
    public async Task HeatCells_WeighEveryDetectionWithinTheMargin_AtItsPlace()
    {
        await ImportAsync(Nrt);
        var tiles = new HotspotTiles(Db.Store);
        var selection = new TileSelection(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), "50", new HotspotFilter("VIIRS"));
        var (x, y) = Gis.Core.Spatial.WebTiles.TileOf(98.2034, 18.3012, 12);
        var cells = await tiles.HeatCellsAsync(12, x, y, selection, 5000);
        // The four counted ones near 98.20 (the one in the east district is 60 km away, the last outside the province).
        Assert.Equal(4d, cells.Sum(c => c.Weight));
        var (px, py) = Gis.Core.Spatial.WebTiles.Mercator(98.2034, 18.3012);
        var (qx, _) = Gis.Core.Spatial.WebTiles.Mercator(98.2044, 18.3012);
        var (rx, ry) = Gis.Core.Spatial.WebTiles.Mercator(98.2039, 18.3015);
        // Their cell: the centroid of four detections (two at one place, one 100 m east, one between and 33 m north), to
        // within the 2.4 m steps.
        var cell = Assert.Single(cells);
        Assert.InRange(cell.X, (((2 * px) + qx + rx) / 4) - 3, (((2 * px) + qx + rx) / 4) + 3);
        Assert.InRange(cell.Y, (((3 * py) + ry) / 4) - 3, (((3 * py) + ry) / 4) + 3);
    }

    private async Task<byte[]> PointTileAsync(int z, int x, int y, TileSelection selection)
    {
        await using var connection = await Db.Store.DataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand(TileFromPoints, connection);
        foreach (var value in new object[] { z, x, y, selection.From, selection.To })
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = value });
        command.Parameters.Add(new Npgsql.NpgsqlParameter
        {
            Value = (object?)selection.Filter.Confidences?.ToArray() ?? DBNull.Value,
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
        });
        command.Parameters.Add(new Npgsql.NpgsqlParameter
        {
            Value = (object?)selection.Filter.DayNight ?? DBNull.Value,
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text,
        });
        // Cells a tile side: the 4-pixel cells of the 512-pixel tile (128), at zoom 10 the 580 m grid's own (64).
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Math.Min(128, 1 << (16 - z)) });
        return await command.ExecuteScalarAsync() as byte[] ?? [];
    }
}
