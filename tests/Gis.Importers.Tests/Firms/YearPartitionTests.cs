using System.Globalization;
using Gis.Core.Admin;
using Gis.Importers.Boundaries;
using Gis.Importers.Firms;
using Gis.Importers.LandUse;
using Gis.Importers.Store;
using Gis.Importers.Tests.Boundaries;
using Gis.TestSupport;
using Npgsql;

namespace Gis.Importers.Tests.Firms;

/// <summary>
/// The load path of ADR 0022: rows go by binary COPY into the table of their Bangkok year, new years are created in the
/// batch's transaction and attached after the load, duplicates are found on the client, and the daily cube is kept
/// by <c>hotspot_aggregates_add_batch</c>; years detach and attach with the cube and coverage exact.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class YearPartitionTests : IAsyncLifetime
{
    // The cube against a recount from the points, both ways: 0 when they agree row for row.
    internal const string CubeDisagreements = """
        WITH cube AS (
            SELECT local_day, district_code, instrument, satellite, confidence, daynight, type, is_nrt, superseded, detections
            FROM hotspot_day_count WHERE source = 'firms'),
        recount AS (
            SELECT local_day, district_code, instrument, satellite, confidence, daynight, type, is_nrt,
                   superseded_by_batch IS NOT NULL, count(*)
            FROM hotspot GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9)
        SELECT (SELECT count(*) FROM (SELECT * FROM cube EXCEPT SELECT * FROM recount) a)
             + (SELECT count(*) FROM (SELECT * FROM recount EXCEPT SELECT * FROM cube) b)
        """;

    private const string Partitions = """
        SELECT coalesce(string_agg(c.relname, ',' ORDER BY c.relname), '') FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'hotspot'::regclass
        """;

    private TestDatabase _db = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("firms-years-").FullName;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        // Two districts side by side sharing the border x = 98.5.
        await new BoundaryImporter(_db.Store).ReplaceAsync(
        [
            new AdminArea("5001", "อำเภอ5001", "District 5001", Wkt.MultiPolygon("POLYGON ((98 18, 98.5 18, 98.5 19, 98 19, 98 18))")),
            new AdminArea("5002", "อำเภอ5002", "District 5002", Wkt.MultiPolygon("POLYGON ((98.5 18, 99 18, 99 19, 98.5 19, 98.5 18))")),
        ], "fixture");
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    // acq_date and acq_time are UTC: 2025-12-31 at 17:00 UTC is 2026-01-01 in Bangkok, so in the 2026 table.
    private static string Row(double lat, double lon, string date, string time, string satellite = "N20", double frp = 5.5) =>
        string.Create(CultureInfo.InvariantCulture, $"{lat},{lon},330.5,0.4,0.4,{date},{time},{satellite},VIIRS,n,2.0NRT,290.1,{frp},D");

    private FirmsInput File(string name, params string[] rows)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, FirmsCsv.Header + "\n" + string.Join("\n", rows) + "\n");
        return FirmsInput.Expand([path]).Single();
    }

    [Fact]
    public async Task ImportAsync_YearsInterleaved_EachYearATableWithTheParentsIndexesDuplicatesStoredOnce()
    {
        // Two rows a chunk: the file's years alternate, so the COPY switches tables and comes back.
        var importer = new FirmsImporter(_db.Store) { ChunkRows = 2 };
        var first = await importer.ImportAsync(File("a.csv",
            Row(18.5, 98.2, "2025-12-31", "1659"),
            Row(18.5, 98.7, "2025-12-31", "1700"),
            Row(18.5, 98.2, "2025-12-31", "1659"),
            Row(18.6, 98.2, "2025-12-31", "1600"),
            Row(18.6, 98.7, "2026-01-01", "0100"),
            Row(18.5, 98.7, "2025-12-31", "1700"),
            Row(18.7, 98.2, "2025-06-01", "0600")), strict: false);
        Assert.Equal((7, 5, 2), (first.Read, first.Stored, first.Duplicate));
        Assert.Equal("hotspot_y2025,hotspot_y2026", await _db.ScalarAsync<string>(Partitions));
        Assert.Equal(3L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_y2025"));
        Assert.Equal(2L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_y2026"));

        // Into stored years (live indexes) and a new one: duplicates of stored rows (the stored one wins, frp 5.5),
        // one repeated in the file, and a different satellite at a stored place and time, which is another detection.
        var second = await importer.ImportAsync(File("b.csv",
            Row(18.5, 98.2, "2025-12-31", "1659", frp: 99),
            Row(18.5, 98.7, "2025-12-31", "1700"),
            Row(18.8, 98.2, "2025-03-01", "0600"),
            Row(18.5, 98.2, "2024-02-01", "0600"),
            Row(18.5, 98.2, "2024-02-01", "0600"),
            Row(18.5, 98.2, "2025-12-31", "1659", satellite: "N")), strict: false);
        Assert.Equal((6, 3, 3), (second.Read, second.Stored, second.Duplicate));
        Assert.Equal("hotspot_y2024,hotspot_y2025,hotspot_y2026", await _db.ScalarAsync<string>(Partitions));
        Assert.Equal(8L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
        Assert.Equal(8L, await _db.ScalarAsync<long>(
            "SELECT count(DISTINCT (satellite, acquired_utc, latitude, longitude, is_nrt)) FROM hotspot"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot WHERE frp_mw <> 5.5"));
        Assert.Equal("5001:6,5002:2", await _db.ScalarAsync<string>(
            "SELECT string_agg(d || ':' || n, ',' ORDER BY d) FROM (SELECT district_code d, count(*) n FROM hotspot GROUP BY 1) s"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("""
            SELECT count(*) FROM hotspot h
            WHERE h.district_code IS DISTINCT FROM (
                SELECT a.code FROM admin_area a WHERE a.level = 4 AND ST_Intersects(a.geom, h.geom) ORDER BY a.code LIMIT 1)
            """));
        Assert.Equal(0L, await _db.ScalarAsync<long>(CubeDisagreements));
        Assert.Equal(8L, await _db.ScalarAsync<long>("SELECT sum(detections)::bigint FROM hotspot_day_count"));

        // Every year carries every index of the parent, attached to it, and the parent's foreign keys.
        Assert.Equal(0L, await _db.ScalarAsync<long>("""
            SELECT count(*) FROM pg_inherits p CROSS JOIN pg_index pi
            WHERE p.inhparent = 'hotspot'::regclass AND pi.indrelid = 'hotspot'::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_index i JOIN pg_inherits ii ON ii.inhrelid = i.indexrelid
                              WHERE i.indrelid = p.inhrelid AND ii.inhparent = pi.indexrelid)
            """));
        Assert.Equal(6L, await _db.ScalarAsync<long>("""
            SELECT count(*) FROM pg_constraint c JOIN pg_inherits p ON p.inhrelid = c.conrelid
            WHERE p.inhparent = 'hotspot'::regclass AND c.contype = 'f'
            """));
    }

    [Fact]
    public async Task ImportAsync_CubeCountedOnTheClient_EqualsARecountFromThePointsSupersededIncluded()
    {
        // The cube half of hotspot_aggregates_add_batch takes the counts the importer made while streaming (ADR 0028):
        // duplicates must not be counted, NULL district and type are values of their own, MODIS confidence is a class.
        static string Line(double lat, double lon, string date, string time, string satellite, string confidence, string version,
            string dayNight, string type)
        {
            var instrument = satellite is "Terra" or "Aqua" ? "MODIS" : "VIIRS";
            return string.Create(CultureInfo.InvariantCulture,
                $"{lat},{lon},330.5,0.4,0.4,{date},{time},{satellite},{instrument},{confidence},{version},290.1,5.5,{dayNight},{type}");
        }
        FirmsInput TypedFile(string name, params string[] rows)
        {
            var path = Path.Combine(_dir, name);
            System.IO.File.WriteAllText(path, FirmsCsv.Header + ",type\n" + string.Join("\n", rows) + "\n");
            return FirmsInput.Expand([path]).Single();
        }
        var importer = new FirmsImporter(_db.Store);

        var nrt = await importer.ImportAsync(TypedFile("nrt.csv",
            Line(18.5, 98.2, "2026-03-01", "0600", "N20", "h", "2.0NRT", "D", "0"),
            Line(18.5, 98.2, "2026-03-01", "0600", "N20", "h", "2.0NRT", "D", "0"),
            Line(18.6, 98.7, "2026-03-01", "0610", "N20", "l", "2.0NRT", "N", ""),
            Line(10.0, 100.0, "2026-03-01", "0620", "N20", "n", "2.0NRT", "D", "2"),
            Line(18.7, 98.3, "2026-03-02", "0300", "Terra", "90", "6.1NRT", "D", "3")), strict: false);
        Assert.Equal((4, 1), (nrt.Stored, nrt.Duplicate));
        Assert.Equal(0L, await _db.ScalarAsync<long>(CubeDisagreements));
        Assert.Equal("2026-03-01|5001|h|D|0:1,2026-03-01|5002|l|N|:1,2026-03-01||n|D|2:1,2026-03-02|5001|h|D|3:1",
            await _db.ScalarAsync<string>("""
                SELECT string_agg(concat_ws('|', local_day, coalesce(district_code, ''), confidence, daynight, coalesce(type::text, ''))
                    || ':' || detections, ',' ORDER BY local_day, district_code NULLS LAST)
                FROM hotspot_day_count
                """));

        // Into the stored year and a new one: a standard row supersedes the three stored NRT detections of its
        // (satellite, UTC day), an NRT row meets the standard row of its pair in the same file, one line is stored already.
        var standard = await importer.ImportAsync(TypedFile("standard.csv",
            Line(18.5, 98.2, "2026-03-01", "0600", "N20", "h", "2.0", "D", "0"),
            Line(18.6, 98.7, "2026-03-01", "0610", "N20", "l", "2.0NRT", "N", ""),
            Line(18.5, 98.6, "2026-03-02", "0500", "N20", "n", "2.0NRT", "D", "0"),
            Line(18.5, 98.6, "2026-03-02", "0500", "N20", "n", "2.0", "D", "0"),
            Line(18.9, 98.1, "2024-01-05", "0100", "N21", "h", "2.0NRT", "D", "")), strict: false);
        Assert.Equal((4, 1, 3), (standard.Stored, standard.Duplicate, standard.Superseded));
        Assert.Equal(0L, await _db.ScalarAsync<long>(CubeDisagreements));
        Assert.Equal("false:4,true:4", await _db.ScalarAsync<string>(
            "SELECT string_agg(superseded || ':' || n, ',' ORDER BY superseded) FROM " +
            "(SELECT superseded, sum(detections) n FROM hotspot_day_count GROUP BY 1) s"));
    }

    [Fact]
    public async Task ImportAsync_StrictRefused_LeavesNoYearTableBehind()
    {
        var result = await new FirmsImporter(_db.Store).ImportAsync(File("bad.csv",
            Row(18.5, 98.2, "2023-05-01", "0600"), "not,a,row"), strict: true);
        Assert.True(result.Refused);
        Assert.True(await _db.ScalarAsync<bool>("SELECT to_regclass('hotspot_y2023') IS NULL"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_day_count"));
    }

    [Fact]
    public async Task DetachAndAttachYear_CubeAndCoverageLeaveAndComeBackExactly()
    {
        var importer = new FirmsImporter(_db.Store);
        await importer.ImportAsync(File("a.csv",
            Row(18.5, 98.2, "2024-03-01", "0600"), Row(18.6, 98.2, "2024-03-02", "0600"), Row(18.5, 98.7, "2024-03-02", "0700"),
            Row(18.5, 98.2, "2025-03-01", "0600"), Row(18.5, 98.7, "2025-03-05", "0600")), strict: false);
        const string Cube = """
            SELECT string_agg(concat_ws('/', local_day, district_code, satellite, detections), ',' ORDER BY local_day, district_code)
            FROM hotspot_day_count
            """;
        const string Coverage = "SELECT string_agg(id || '/' || day, ',' ORDER BY id) FROM data_coverage";
        // The tile grid (ADR 0023) leaves and comes back with its year as the cube does.
        const string Grid = """
            SELECT string_agg(concat_ws('/', local_day, cell, detections), ',' ORDER BY local_day, cell) FROM hotspot_grid
            """;
        // The land-class counts too (ADR 0046): one forest parcel over the three points at 98.2 E, 2024 and 2025.
        using (var files = new BoundaryFixtures())
        {
            using var layer = LandUseReader.Open(files.WriteGeoJson("lu.geojson",
                BoundaryFixtures.Feature("POLYGON ((98.1 18.4, 98.3 18.4, 98.3 18.7, 98.1 18.7, 98.1 18.4))", ("LU_CODE", "F1"))),
                LandUseMappingFile.Default);
            await new LandUseImporter(_db.Store).ImportAsync(layer, 2566);
        }
        const string Land = """
            SELECT string_agg(concat_ws('/', local_day, land_class, detections), ',' ORDER BY local_day) FROM hotspot_land_count
            """;
        var land = await _db.ScalarAsync<string>(Land);
        Assert.Equal("2024-03-01/national_reserved_forest/1,2024-03-02/national_reserved_forest/1,2025-03-01/national_reserved_forest/1",
            land);
        var cube = await _db.ScalarAsync<string>(Cube);
        var grid = await _db.ScalarAsync<string>(Grid);
        Assert.Equal(5L, await _db.ScalarAsync<long>("SELECT sum(detections)::bigint FROM hotspot_grid"));
        var coverage = await _db.ScalarAsync<string>(Coverage);
        // The file's one series covers the span of its days, 2024-03-01 to 2025-03-05: 306 days of them in 2024.
        Assert.Equal(306L, await _db.ScalarAsync<long>("SELECT count(*) FROM data_coverage WHERE day < '2025-01-01'"));
        var version = await DataVersion.ReadAsync(_db.Store);

        Assert.Equal(3L, await HotspotYears.DetachAsync(_db.Store, 2024, default));
        Assert.Equal("hotspot_y2025", await _db.ScalarAsync<string>(Partitions));
        Assert.Equal(2L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_counted"));
        Assert.Equal(3L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_y2024"));
        Assert.Equal(0L, await _db.ScalarAsync<long>(CubeDisagreements));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_day_count WHERE local_day < '2025-01-01'"));
        Assert.Equal(2L, await _db.ScalarAsync<long>("SELECT sum(detections)::bigint FROM hotspot_grid"));
        Assert.Equal("2025-03-01/national_reserved_forest/1", await _db.ScalarAsync<string>(Land));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM data_coverage WHERE day < '2025-01-01'"));
        Assert.NotEqual(version.Hotspots, (await DataVersion.ReadAsync(_db.Store)).Hotspots);

        // A detached year takes no detections (they could not be checked against its stored ones) and is not detached twice.
        var refused = await Assert.ThrowsAsync<StoreException>(() =>
            importer.ImportAsync(File("b.csv", Row(18.7, 98.2, "2024-07-01", "0600")), strict: false));
        Assert.Contains("b.csv: line 2: 2024 is detached", refused.Message, StringComparison.Ordinal);
        Assert.Contains("gis db attach-year 2024", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_y2024"));
        await Assert.ThrowsAsync<StoreException>(() => HotspotYears.DetachAsync(_db.Store, 2024, default));

        Assert.Equal(3L, await HotspotYears.AttachAsync(_db.Store, 2024, default));
        Assert.Equal(cube, await _db.ScalarAsync<string>(Cube));
        Assert.Equal(grid, await _db.ScalarAsync<string>(Grid));
        Assert.Equal(land, await _db.ScalarAsync<string>(Land));
        Assert.Equal(coverage, await _db.ScalarAsync<string>(Coverage));
        Assert.Equal(5L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_counted"));
        Assert.Equal(0L, await _db.ScalarAsync<long>(CubeDisagreements));
        var again = await importer.ImportAsync(File("b.csv", Row(18.7, 98.2, "2024-07-01", "0600")), strict: false);
        Assert.Equal(1, again.Stored);
        await Assert.ThrowsAsync<StoreException>(() => HotspotYears.AttachAsync(_db.Store, 2024, default));
    }

    [Fact]
    public async Task ImportAsync_KilledWhileLoadingANewYear_LeavesNoRowsNoTableNoCounts()
    {
        var rows = Enumerable.Range(0, 40_000)
            .Select(i => Row(18 + (i % 1000) / 1000.0, 98 + i / 40_000.0, i % 2 == 0 ? "2022-04-01" : "2023-04-01", "0600"))
            .ToArray();
        var input = File("big.csv", rows);
        var progress = new KillOnFirstProgress(_db.ConnectionString);
        // A thousand rows a chunk: by the first progress report (1 MB read) rows of both years are in their new tables.
        await Assert.ThrowsAnyAsync<Exception>(() => new FirmsImporter(_db.Store) { ChunkRows = 1000 }.ImportAsync(input, strict: false,
            progress));
        Assert.True(progress.Killed);
        NpgsqlConnection.ClearAllPools();
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM import_batch"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_day_count"));
        Assert.Equal("", await _db.ScalarAsync<string>(Partitions));
        Assert.True(await _db.ScalarAsync<bool>("SELECT to_regclass('hotspot_y2022') IS NULL"));

        var rerun = await new FirmsImporter(_db.Store).ImportAsync(input, strict: false);
        Assert.Equal(40_000, rerun.Stored);
        Assert.Equal(20_000L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_y2022"));
        Assert.Equal(40_000L, await _db.ScalarAsync<long>("SELECT sum(detections)::bigint FROM hotspot_day_count"));
        Assert.Equal(0L, await _db.ScalarAsync<long>(CubeDisagreements));
    }
}
