using System.Globalization;
using Gis.Core.Admin;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Importers.Boundaries;
using Gis.Importers.Firms;
using Gis.Importers.LandUse;
using Gis.Importers.Targets;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Targets;

/// <summary>
/// <c>gis targets hotspots --province all</c>: two provinces of two districts each, every expected number counted by hand
/// from the rows written here, and the national result compared with a run per province.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class NationalHotspotTargetsTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("national-").FullName;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        // Province 50: 98-99 E split at 98.5; province 51: 99-100 E split at 99.5; both 18-19 N.
        await new BoundaryImporter(_db.Store).ReplaceAsync(
        [
            new AdminArea("50", "เชียงใหม่", "Chiang Mai", Wkt.MultiPolygon("POLYGON ((98 18, 99 18, 99 19, 98 19, 98 18))")),
            new AdminArea("5001", "ก", "West", Wkt.MultiPolygon("POLYGON ((98 18, 98.5 18, 98.5 19, 98 19, 98 18))")),
            new AdminArea("5002", "ข", "East", Wkt.MultiPolygon("POLYGON ((98.5 18, 99 18, 99 19, 98.5 19, 98.5 18))")),
            new AdminArea("51", "ลำพูน", "Lamphun", Wkt.MultiPolygon("POLYGON ((99 18, 100 18, 100 19, 99 19, 99 18))")),
            new AdminArea("5101", "ค", "Near", Wkt.MultiPolygon("POLYGON ((99 18, 99.5 18, 99.5 19, 99 19, 99 18))")),
            new AdminArea("5102", "ง", "Far", Wkt.MultiPolygon("POLYGON ((99.5 18, 100 18, 100 19, 99.5 19, 99.5 18))")),
        ], "fixture");
        // Season 2568: West 3, East 1, Near 4, Far 0. Season 2569: West 2, East 3 (one of them a MODIS detection), Near 1,
        // Far 1, and one detection outside both provinces (counted nowhere).
        await ImportAsync([.. Rows(18.1, 98.2, "2025-03-10", 3), .. Rows(18.1, 98.7, "2025-03-10", 1), .. Rows(18.1, 99.2, "2025-03-11", 4),
            .. Rows(18.1, 98.2, "2026-03-10", 2), .. Rows(18.1, 98.7, "2026-03-10", 2), .. Rows(18.1, 99.2, "2026-03-11", 1),
            .. Rows(18.1, 99.7, "2026-03-12", 1), .. Rows(18.1, 101.5, "2026-03-12", 1),
            Row(18.6, 98.7, "2026-03-12", 0, "Terra")]);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ComputeAll_TwoProvinces_EachProvinceAsItsOwnRunAndTheNationTheirSum()
    {
        var service = new HotspotTargetService(_db.Store);
        var all = await service.ComputeAllAsync(Request(null));

        Assert.Equal(["50", "51"], all.Provinces.Select(p => p.Province.Code));
        foreach (var national in all.Provinces)
        {
            var own = await service.ComputeAsync(Request(national.Province.Code));
            Assert.Equal(Describe(own), Describe(national));
        }
        // By hand: 50 counts 5 (MODIS included: the filter is every instrument) against 4 (+25 %, not met), 51 counts 2
        // against 4 (-50 %, met); the nation 7 against 8 (-12.5 %, met), over the four districts.
        Assert.Equal("50 Chiang Mai 5/4 25 not-met|51 Lamphun 2/4 -50 met",
            string.Join("|", all.Provinces.Select(p => Line(p.Province))));
        Assert.Equal("TH Thailand 7/8 -12.5 met", Line(all.Nation.Province));
        Assert.Equal(["5001", "5002", "5101", "5102"], all.Nation.Districts.Select(d => d.Code));
        Assert.Equal(new Dictionary<string, long> { ["N20"] = 6, ["Terra"] = 1 }, all.Nation.Province.BySensor);
        Assert.Equal(Describe(all.Nation), Describe(await service.ComputeAsync(Request(null))));
    }

    [Fact]
    public async Task SaveAll_OneRunWithEveryDistrictAndTheTotalsTargets()
    {
        var service = new HotspotTargetService(_db.Store);
        var settings = new TargetSettings();
        settings.SetTarget("51", -20);
        settings.SetTarget("TH", -10);
        var request = Request(null) with { Settings = settings };
        var run = await service.SaveAsync(request, await service.ComputeAllAsync(request), "tester");

        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM target_run"));
        Assert.Equal("|5001:2:met|5002:3:not-met|5101:1:met|5102:1:no-baseline", await _db.ScalarAsync<string>("""
            SELECT coalesce(t.province_code, '') || '|' || string_agg(r.district_code || ':' || r.count || ':' || r.status, '|'
                   ORDER BY r.district_code)
            FROM target_run t JOIN hotspot_target_result r ON r.run_id = t.id WHERE t.id = $1 GROUP BY t.province_code
            """, run));
        Assert.Equal("-5 -20 -10", await _db.ScalarAsync<string>("""
            SELECT concat_ws(' ', parameters -> 'targets' -> '50' ->> 'target_pct', parameters -> 'targets' -> '51' ->> 'target_pct',
                             parameters -> 'targets' -> 'TH' ->> 'target_pct')
            FROM target_run WHERE id = $1
            """, run));
    }

    [Fact]
    public async Task ComputeAll_WithALandUseSnapshot_ClassesByParcelAndUnmappedFromTheCube()
    {
        // One parcel in West covering the 2569 detection at 18.11 N, not the one at 18.10 N. Every other district's box
        // misses it: their detections are unmapped without a lookup.
        var path = Path.Combine(_dir, "landuse.geojson");
        await File.WriteAllTextAsync(path, """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"LU_CODE":"F101"},"geometry":{"type":"Polygon",
             "coordinates":[[[98.15,18.105],[98.25,18.105],[98.25,18.2],[98.15,18.2],[98.15,18.105]]]}}]}
            """);
        using (var layer = LandUseReader.Open(path, LandUseMappingFile.Default))
            await new LandUseImporter(_db.Store).ImportAsync(layer, 2566);
        var forest = await _db.ScalarAsync<string>("SELECT land_class FROM landuse_parcel");
        var service = new HotspotTargetService(_db.Store);

        var all = await service.ComputeAllAsync(Request(null));

        string Classes(HotspotTargetRow r) => string.Join(",", r.ByLandClass.Select(kv => $"{kv.Key}={kv.Value}"));
        Assert.Equal($"5001 {forest}=1,unmapped=1|5002 unmapped=3|5101 unmapped=1|5102 unmapped=1",
            string.Join("|", all.Nation.Districts.Select(d => $"{d.Code} {Classes(d)}")));
        Assert.Equal($"{forest}=1,unmapped=6", Classes(all.Nation.Province));
        foreach (var national in all.Provinces)
            Assert.Equal(Describe(await service.ComputeAsync(Request(national.Province.Code))), Describe(national));
    }

    private static HotspotTargetRequest Request(string? province) => new(Period.Parse("season:2569"), Baseline.Parse("previous"),
        province, new HotspotFilter(Instrument: null), CountMode.Detections, new TargetSettings(), new DateOnly(2026, 12, 31));

    private static string Line(HotspotTargetRow r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Code} {r.NameEn} {r.Count}/{r.Baseline} {r.ChangePercent} {Reduction.Code(r.Status)}");

    /// <summary>Every row of a report as text: what a run per province and the national run must agree on.</summary>
    private static string Describe(HotspotTargetReport report) => string.Join("\n", report.Districts.Append(report.Province).Select(r =>
        Line(r) + string.Create(CultureInfo.InvariantCulture, $" {r.TargetPercent} ")
        + string.Join(",", r.BySensor.Select(kv => $"{kv.Key}={kv.Value}")) + " "
        + string.Join(",", r.Projects.Select(p => p.ProjectCode)) + " "
        + string.Join(",", r.ByLandClass.Select(kv => $"{kv.Key}={kv.Value}")))
        .Append($"{report.PeriodCoverage} / {report.BaselineCoverage}"));

    private static IEnumerable<string> Rows(double lat, double lon, string date, int n) =>
        Enumerable.Range(0, n).Select(i => Row(lat + i * 0.01, lon, date, i));

    private static string Row(double lat, double lon, string date, int minute, string satellite = "N20") =>
        string.Create(CultureInfo.InvariantCulture,
            $"{lat},{lon},330.5,0.4,0.4,{date},{new TimeOnly(6, minute):HHmm},{satellite},{(satellite == "Terra" ? "MODIS" : "VIIRS")},"
            + $"{(satellite == "Terra" ? "60" : "n")},{(satellite == "Terra" ? "6.1NRT" : "2.0NRT")},290.1,5.5,D");

    /// <summary>Imports the rows as one file declared to cover the years 2025 and 2026 (ADR 0015).</summary>
    private async Task ImportAsync(IReadOnlyList<string> rows)
    {
        var path = Path.Combine(_dir, "firms.csv");
        await File.WriteAllTextAsync(path, FirmsCsv.Header + "\n" + string.Join("\n", rows) + "\n");
        var covers = new CoverageClaim(new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31), null, null);
        await new FirmsImporter(_db.Store).ImportAsync(FirmsInput.Expand([path]).Single() with { Covers = covers }, strict: false);
    }
}
