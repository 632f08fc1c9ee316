using System.Globalization;
using Gis.Core.Admin;
using Gis.Importers.Boundaries;
using Gis.Importers.Firms;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Firms;

/// <summary>
/// Supersede by coverage (ADR 8): a standard pull of a stated window and box replaces the NRT detections of its days
/// inside the box, also on days it has no detection, but only up to the last day standard data is known to exist.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class CoverageSupersedeTests : IAsyncLifetime
{
    private const string Header = FirmsCsv.Header;

    // The west district only: 5001 is 98-98.5 E, 5002 98.5-99 E.
    private static readonly BoundingBox WestBox = new(98.0, 18.0, 98.5, 19.0);

    private readonly string _dir = Directory.CreateTempSubdirectory("coverage-").FullName;
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
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

    [Fact]
    public async Task StandardPull_ReplacesNrtOfCoveredDaysInItsBox_EvenWithoutDetections_UpToTheLastProcessedDay()
    {
        var importer = new FirmsImporter(_db.Store);
        await importer.ImportAsync(Input("nrt.csv", null,
            Row(18.5, 98.2, "2026-03-25", "627"),           // a: 5001, in the box, a day without standard detections
            Row(18.6, 98.3, "2026-03-26", "1800"),          // b: 5001, in the box, a day with one
            Row(18.5, 98.7, "2026-03-25", "627"),           // c: 5002, outside the box
            Row(18.5, 98.2, "2026-03-25", "627", "N"),      // d: S-NPP, another satellite
            Row(18.4, 98.1, "2026-03-28", "600"),           // e: after the last processed day
            Row(18.5, 98.8, "2026-03-26", "1800")), strict: false); // h: 5002, outside the box, a day with a standard detection

        // VIIRS_NOAA20_SP for 25-28 March over the west box: one standard detection, on the 26th.
        var request = new FirmsAreaRequest("VIIRS_NOAA20_SP", WestBox, 4, new DateOnly(2026, 3, 25));
        var standard = await importer.ImportAsync(Input("sp.csv", request.Coverage, Row(18.7, 98.4, "2026-03-26", "615", version: "2.0")),
            strict: false);

        Assert.Equal(2, standard.Superseded);
        Assert.Equal([new DistrictShift("5001", 2, 1)], standard.DistrictShifts);
        Assert.Equal("2026-03-25..2026-03-26 N20", await _db.ScalarAsync<string>(
            "SELECT covered_from || '..' || covered_to || ' ' || array_to_string(covered_satellites, ',') FROM import_batch WHERE id = $1",
                standard.BatchId));
        Assert.Equal("98.2 18.5 2026-03-25,98.3 18.6 2026-03-26", await SupersededAsync(standard.BatchId));

        // Late NRT: in the box on a covered day it never counts; outside the box it does, also on the standard row's day.
        var late = await importer.ImportAsync(Input("late.csv", null, Row(18.45, 98.25, "2026-03-25", "630"),
            Row(18.45, 98.75, "2026-03-25", "630"), Row(18.45, 98.85, "2026-03-26", "630")), strict: false);
        Assert.Equal(1, late.SupersededOnArrival);
        Assert.Equal("98.2 18.5 2026-03-25,98.25 18.45 2026-03-25,98.3 18.6 2026-03-26", await SupersededAsync(standard.BatchId));

        // An empty pull of days after the last processed one vouches for nothing: FIRMS has not processed them yet.
        var early = await importer.ImportAsync(Input("sp-early.csv",
            new FirmsAreaRequest("VIIRS_NOAA20_SP", WestBox, 2, new DateOnly(2026, 3, 27)).Coverage), strict: false);
        Assert.Equal((0, 0), (early.Superseded, early.Stored));
        Assert.True(await _db.ScalarAsync<bool>("SELECT covered_from IS NULL FROM import_batch WHERE id = $1", early.BatchId));

        // By hand: counted are c, h and the two late ones outside the box in 5002; d, e and the standard detection in 5001.
        Assert.Equal("5001=3;5002=4", await _db.ScalarAsync<string>(
            "SELECT string_agg(district_code || '=' || n, ';' ORDER BY district_code) FROM (SELECT district_code, count(*) AS n"
            + " FROM hotspot_counted GROUP BY 1) t"));
    }

    [Fact]
    public void Coverage_OnlyForStandardSourcesWithADate_StartingOnTheDate()
    {
        var sp = new FirmsAreaRequest("MODIS_SP", WestBox, 3, new DateOnly(2026, 3, 30)).Coverage!;
        Assert.Equal((new DateOnly(2026, 3, 30), new DateOnly(2026, 4, 1)), (sp.From, sp.To));
        Assert.Equal(["Terra", "Aqua"], sp.Satellites);
        Assert.Null(new FirmsAreaRequest("VIIRS_NOAA20_NRT", WestBox, 3, new DateOnly(2026, 3, 30)).Coverage);
        Assert.Null(new FirmsAreaRequest("VIIRS_SNPP_SP", WestBox, 3, null).Coverage);
    }

    private Task<string> SupersededAsync(long batchId) => _db.ScalarAsync<string>("""
        SELECT string_agg(longitude || ' ' || latitude || ' ' || (acquired_utc AT TIME ZONE 'UTC')::date, ',' ORDER BY longitude)
        FROM hotspot WHERE superseded_by_batch = $1
        """, batchId);

    private static string Row(double lat, double lon, string date, string time, string satellite = "N20", string version = "2.0NRT") =>
        string.Create(CultureInfo.InvariantCulture, $"{lat},{lon},330.5,0.4,0.4,{date},{time},{satellite},VIIRS,n,{version},290.1,5.5,D");

    private FirmsInput Input(string name, FirmsCoverage? coverage, params string[] rows)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, Header + "\n" + string.Join("\n", rows) + "\n");
        return FirmsInput.Expand([path]).Single() with { Coverage = coverage };
    }
}
