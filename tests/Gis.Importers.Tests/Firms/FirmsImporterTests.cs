using System.Globalization;
using System.Text;
using Gis.Core.Admin;
using Gis.Importers.Boundaries;
using Gis.Importers.Firms;
using Gis.Importers.Queries.Hotspots;
using Gis.TestSupport;
using Npgsql;

namespace Gis.Importers.Tests.Firms;

[Trait(Needs.Trait, Needs.PostGis)]
public sealed class FirmsImporterTests : IAsyncLifetime
{
    private const string Header = FirmsCsv.Header;
    private TestDatabase _db = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("firms-import-").FullName;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        // Two districts side by side sharing the border x = 98.5; a point on it belongs to the lower code.
        await new BoundaryImporter(_db.Store).ReplaceAsync(
        [
            Area("5001", "POLYGON ((98 18, 98.5 18, 98.5 19, 98 19, 98 18))"),
            Area("5002", "POLYGON ((98.5 18, 99 18, 99 19, 98.5 19, 98.5 18))"),
        ], "fixture");
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static AdminArea Area(string code, string wkt) =>
        new(code, "อำเภอ" + code, "District " + code, Wkt.MultiPolygon(wkt));

    private static string Row(double lat, double lon, string date = "2026-04-12", string time = "627", string satellite = "N20") =>
        string.Create(CultureInfo.InvariantCulture, $"{lat},{lon},330.5,0.4,0.4,{date},{time},{satellite},VIIRS,n,2.0NRT,290.1,5.5,D");

    private FirmsInput File(string name, params string[] rows)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, Header + "\n" + string.Join("\n", rows) + "\n");
        return FirmsInput.Expand([path]).Single();
    }

    [Fact]
    public async Task ImportAsync_DuplicatesWithinAndAcrossFiles_AreStoredOnce()
    {
        var importer = new FirmsImporter(_db.Store);
        var first = await importer.ImportAsync(File("a.csv", Row(18.5, 98.2), Row(18.5, 98.7), Row(18.5, 98.2)), strict: false);
        Assert.Equal((3, 2, 1, 0), (first.Read, first.Stored, first.Duplicate, first.Rejected));

        // The same detection again plus one new: a different satellite at the same place and time is another record.
        var second = await importer.ImportAsync(File("b.csv", Row(18.5, 98.7), Row(18.5, 98.7, satellite: "N")), strict: false);
        Assert.Equal((2, 1, 1), (second.Read, second.Stored, second.Duplicate));

        var again = await importer.ImportAsync(File("a.csv", Row(18.5, 98.2), Row(18.5, 98.7), Row(18.5, 98.2)), strict: false);
        Assert.Equal((3, 0, 3), (again.Read, again.Stored, again.Duplicate));
        Assert.Equal(3L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
        Assert.Equal(3L, await _db.ScalarAsync<long>("SELECT count(*) FROM import_batch WHERE kind = 'firms' AND status = 'stored'"));
        Assert.Equal(first.Sha256, again.Sha256);
        Assert.Equal(64, first.Sha256.Length);
    }

    [Fact]
    public async Task ImportAsync_Points_AreTaggedWithTheirDistrictLowestCodeOnBorder()
    {
        var importer = new FirmsImporter(_db.Store);
        await importer.ImportAsync(File("t.csv",
            Row(18.5, 98.25), Row(18.6, 98.25), Row(18.5, 98.75), Row(18.5, 98.5), Row(17.5, 98.5)), strict: false);

        var report = await new HotspotCounts(_db.Store).ByDistrictAsync(new DateOnly(2026, 4, 12), new DateOnly(2026, 4, 12), "50");
        Assert.Equal(["5001:3", "5002:1"], report.Districts.Select(d => $"{d.Code}:{d.Count}"));
        Assert.Equal(1, report.Outside);
        // Independent check: PostGIS' own point-in-polygon over the raw rows agrees with the stored tags.
        Assert.Equal(0L, await _db.ScalarAsync<long>("""
            SELECT count(*) FROM hotspot h
            WHERE h.district_code IS DISTINCT FROM (
                SELECT a.code FROM admin_area a WHERE a.level = 4 AND ST_Intersects(a.geom, h.geom) ORDER BY a.code LIMIT 1)
            """));
    }

    [Fact]
    public async Task CountByDistrict_LocalDayRange_UsesBangkokDays()
    {
        var importer = new FirmsImporter(_db.Store);
        // 16:59 UTC = 23:59 on the 12th in Bangkok; 17:00 UTC = 00:00 on the 13th.
        await importer.ImportAsync(File("d.csv", Row(18.5, 98.2, time: "1659"), Row(18.5, 98.3, time: "1700")), strict: false);
        var counts = new HotspotCounts(_db.Store);
        var on12 = await counts.ByDistrictAsync(new DateOnly(2026, 4, 12), new DateOnly(2026, 4, 12), null);
        var on13 = await counts.ByDistrictAsync(new DateOnly(2026, 4, 13), new DateOnly(2026, 4, 13), null);
        Assert.Equal(1, on12.Total);
        Assert.Equal(1, on13.Total);
    }

    [Fact]
    public async Task ImportAsync_BadRows_AreRejectedAndKeptGoodRowsStored()
    {
        var result = await new FirmsImporter(_db.Store).ImportAsync(File("bad.csv",
            Row(18.5, 98.2), "18.5,98.2,330.5,0.4,0.4,2026-13-01,627,N20,VIIRS,n,2.0NRT,290.1,5.5,D", Row(18.5, 98.3), "x,y"),
                strict: false);
        Assert.Equal((4, 2, 2), (result.Read, result.Stored, result.Rejected));
        Assert.Equal([3, 5], result.Rejections.Select(r => r.Line));
        Assert.Equal(2L, await _db.ScalarAsync<long>("SELECT count(*) FROM import_rejection WHERE batch_id = $1", result.BatchId));
        Assert.Contains("acq_date '2026-13-01'", await _db.ScalarAsync<string>("SELECT reason FROM import_rejection WHERE line = 3"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_StrictWithBadRow_StoresNothingAndRecordsRefusal()
    {
        var result = await new FirmsImporter(_db.Store).ImportAsync(File("strict.csv", Row(18.5, 98.2), "x,y"), strict: true);
        Assert.True(result.Refused);
        Assert.Equal(0, result.Stored);
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
        Assert.Equal("refused", await _db.ScalarAsync<string>("SELECT status FROM import_batch WHERE id = $1", result.BatchId));
    }

    [Fact]
    public async Task ImportAsync_NotFirms_ThrowsAndStoresNothing()
    {
        var path = Path.Combine(_dir, "notes.csv");
        await System.IO.File.WriteAllTextAsync(path, "name,value\n1,2\n");
        await Assert.ThrowsAsync<FirmsFormatException>(() => new FirmsImporter(_db.Store).ImportAsync(FirmsInput.Expand([path]).Single(),
            strict: false));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM import_batch"));
    }

    [Fact]
    public async Task ImportAsync_ConnectionKilledMidBatch_LeavesNothingAndRerunStoresEachOnce()
    {
        // A file big enough that the progress callback fires while the COPY is still running.
        var rows = Enumerable.Range(0, 40_000).Select(i => Row(18 + (i % 1000) / 1000.0, 98 + i / 40_000.0)).ToArray();
        var input = File("big.csv", rows);
        var progress = new KillOnFirstProgress(_db.ConnectionString);
        await Assert.ThrowsAnyAsync<Exception>(() => new FirmsImporter(_db.Store).ImportAsync(input, strict: false, progress));
        Assert.True(progress.Killed);
        NpgsqlConnection.ClearAllPools();
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM import_batch"));

        var rerun = await new FirmsImporter(_db.Store).ImportAsync(input, strict: false);
        Assert.Equal(40_000, rerun.Stored);
        Assert.Equal(40_000L,
            await _db.ScalarAsync<long>("SELECT count(DISTINCT (satellite, acquired_utc, latitude, longitude)) FROM hotspot"));
    }

    [Fact]
    public async Task ReplaceAsync_BoundaryChanged_RetagsStoredHotspots()
    {
        await new FirmsImporter(_db.Store).ImportAsync(File("r.csv", Row(18.5, 98.45), Row(18.5, 98.75)), strict: false);
        Assert.Equal("5001", await _db.ScalarAsync<string>("SELECT district_code FROM hotspot WHERE longitude = 98.45"));
        // 5001 shrinks east of the first point, 5002 grows over it; the same codes re-imported replace, never duplicate.
        var result = await new BoundaryImporter(_db.Store).ReplaceAsync(
        [
            Area("5001", "POLYGON ((98 18, 98.4 18, 98.4 19, 98 19, 98 18))"),
            Area("5002", "POLYGON ((98.4 18, 99 18, 99 19, 98.4 19, 98.4 18))"),
        ], "fixture2");
        Assert.Equal((0, 2, 1), (result.Inserted, result.Replaced, result.HotspotsRetagged));
        Assert.Equal(2L, await _db.ScalarAsync<long>("SELECT count(*) FROM admin_area"));
        Assert.Equal("5002", await _db.ScalarAsync<string>("SELECT district_code FROM hotspot WHERE longitude = 98.45"));
    }
}
