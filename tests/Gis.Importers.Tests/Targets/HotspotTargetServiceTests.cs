using System.Globalization;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Importers.Firms;
using Gis.Importers.Targets;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Targets;

/// <summary>Hand-counted fixtures: every expected number below is counted from the rows written in the test.</summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class HotspotTargetServiceTests : TwoDistrictStore
{
    private const string Header = FirmsCsv.Header;

    private static string Row(double lat, double lon, string date, string satellite = "N", string time = "0630", string confidence = "n") =>
        string.Create(CultureInfo.InvariantCulture,
            $"{lat},{lon},330.5,0.4,0.4,{date},{time},{satellite},VIIRS,{confidence},2.0NRT,290.1,5.5,D");

    /// <summary>Imports the rows as one file declared to cover the whole calendar years of its rows (ADR 0015).</summary>
    private async Task Import(params string[] rows)
    {
        var path = Path.Combine(Folder, $"f{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, Header + "\n" + string.Join("\n", rows) + "\n");
        var years = rows.Select(r => int.Parse(r.Split(',')[5][..4], CultureInfo.InvariantCulture)).ToList();
        var covers = new CoverageClaim(new DateOnly(years.Min(), 1, 1), new DateOnly(years.Max(), 12, 31), null, null);
        await new FirmsImporter(Db.Store).ImportAsync(FirmsInput.Expand([path]).Single() with { Covers = covers }, strict: false);
    }

    private Task<HotspotTargetReport> Compute(string period, string baseline = "previous", CountMode mode = CountMode.Detections,
        TargetSettings? settings = null, HotspotFilter? filter = null, string asOf = "2026-12-31") =>
        new HotspotTargetService(Db.Store).ComputeAsync(new HotspotTargetRequest(Period.Parse(period), Baseline.Parse(baseline), "50",
            filter ?? new HotspotFilter(), mode, settings ?? new TargetSettings(), DateOnly.Parse(asOf, CultureInfo.InvariantCulture)));

    [Fact]
    public async Task Compute_BorderPointAndZeroBaseline_CountedOnceAndNoBaseline()
    {
        // 2568 season: West 20 detections, East 0. 2569: West 19 (-5 %: met), East 3 (baseline 0: no-baseline).
        await Import([.. Enumerable.Range(0, 20).Select(i => Row(18.1 + i * 0.01, 98.2, "2025-03-10"))]);
        // One of West's 19 lies exactly on the shared border x = 98.5: it counts once, for the lower code.
        await Import([.. Enumerable.Range(0, 18).Select(i => Row(18.1 + i * 0.01, 98.2, "2026-03-10")), Row(18.5, 98.5, "2026-03-10"),
            Row(18.2, 98.7, "2026-03-11"), Row(18.3, 98.7, "2026-03-11"), Row(18.4, 98.7, "2026-03-11")]);

        var report = await Compute("season:2569");
        var west = report.Districts.Single(d => d.Code == "5001");
        var east = report.Districts.Single(d => d.Code == "5002");
        Assert.Equal((19L, 20.0, TargetStatus.Met), (west.Count, west.Baseline, west.Status));
        Assert.Equal(-5.0, west.ChangePercent!.Value, 9);
        Assert.Equal((3L, 0.0, TargetStatus.NoBaseline), (east.Count, east.Baseline, east.Status));
        Assert.Null(east.ChangePercent);
        Assert.Equal((22L, 20.0), (report.Province.Count, report.Province.Baseline));
        Assert.Equal(10.0, report.Province.ChangePercent!.Value, 9);
        Assert.Equal("Chiang Mai", report.Province.NameEn);
        Assert.Equal("season:2568", report.BaselineLabel);
    }

    [Fact]
    public async Task Compute_OnlyReads_SaveStoresTheReportForQgis()
    {
        await Import([.. Enumerable.Range(0, 4).Select(i => Row(18.1 + i * 0.01, 98.2, "2025-03-10"))]);
        await Import(Row(18.1, 98.2, "2026-03-10"), Row(18.2, 98.7, "2026-03-10"));
        var service = new HotspotTargetService(Db.Store);
        var request = new HotspotTargetRequest(Period.Parse("season:2569"), Baseline.Parse("previous"), "50", new HotspotFilter(),
            CountMode.Detections, new TargetSettings(), new DateOnly(2026, 12, 31));

        var report = await service.ComputeAsync(request);
        Assert.Equal(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM hotspot_target_result"));

        var run = await service.SaveAsync(request, report, "tester");
        // West: 1 against 4 (-75 %, met); East: 1 against 0 (no baseline); both with their district geometry.
        Assert.Equal(2L,
            await Db.ScalarAsync<long>("SELECT count(*) FROM hotspot_target_map WHERE period = 'season:2569' AND geom IS NOT NULL"));
        Assert.Equal("met", await Db.ScalarAsync<string>("SELECT status FROM hotspot_target_result WHERE district_code = '5001'"));
        Assert.Equal(-75.0, await Db.ScalarAsync<double>("SELECT change_pct FROM hotspot_target_result WHERE district_code = '5001'"), 9);
        Assert.Equal("no-baseline", await Db.ScalarAsync<string>("SELECT status FROM hotspot_target_result WHERE district_code = '5002'"));
        Assert.Equal("VIIRS|season:2568|firms|tester|-5", await Db.ScalarAsync<string>(
            "SELECT concat_ws('|', instrument, baseline, source, saved_by, parameters -> 'targets' -> '5001' ->> 'target_pct') "
            + "FROM target_run WHERE id = $1", run));

        // Other parameters (MODIS, GISTDA), or the same again, are new runs: nothing saved before is replaced.
        var modis = request with { Filter = new HotspotFilter("MODIS") };
        var modisRun = await service.SaveAsync(modis, await service.ComputeAsync(modis), "tester");
        await service.SaveAsync(request with { Source = HotspotSource.Gistda }, report, "tester");
        await service.SaveAsync(request, report, "tester");
        Assert.Equal("1:VIIRS:firms:1+1|2:MODIS:firms:0+0|3:VIIRS:gistda:1+1|4:VIIRS:firms:1+1", await Db.ScalarAsync<string>("""
            SELECT string_agg(concat(t.id - $1 + 1, ':', t.instrument, ':', t.source, ':',
                   (SELECT string_agg(r.count::text, '+' ORDER BY r.district_code) FROM hotspot_target_result r WHERE r.run_id = t.id)),
                   '|' ORDER BY t.id)
            FROM target_run t
            """, run));
        Assert.Equal(modisRun, run + 1);
    }

    [Fact]
    public async Task Compute_MeanOfThree_AveragesThePreviousSeasons()
    {
        // West: 2566 -> 3, 2567 -> 6, 2568 -> 9: mean 6; 2569 -> 5 => -16.7 %.
        foreach (var (year, n) in new[] { (2023, 3), (2024, 6), (2025, 9), (2026, 5) })
            await Import([.. Enumerable.Range(0, n).Select(i => Row(18.1 + i * 0.01, 98.2, $"{year}-02-01"))]);
        // Outside the season window (1 Jun), and a UTC evening that is already 1 June in Bangkok: not counted.
        await Import(Row(18.9, 98.2, "2026-06-01"), Row(18.95, 98.2, "2026-05-31", time: "1730"));

        var report = await Compute("season:2569", "mean:3");
        var west = report.Districts.Single(d => d.Code == "5001");
        Assert.Equal((5L, 6.0), (west.Count, west.Baseline));
        Assert.Equal(-100.0 / 6, west.ChangePercent!.Value, 9);
        Assert.Equal("mean:3 (season:2566..season:2568)", report.BaselineLabel);
    }

    [Fact]
    public async Task Compute_Events_SameDayWithin375MetresAcrossSensorsCountOnce()
    {
        // 0.002 deg latitude is about 221 m: three detections by two satellites chain into one event; 0.01 deg (~1.1 km)
        // away is a second event; the same place on the next day is a third.
        await Import(Row(18.300, 98.2, "2026-03-10", "N", "0630"), Row(18.302, 98.2, "2026-03-10", "N20", "0720"),
            Row(18.304, 98.2, "2026-03-10", "N", "0745"), Row(18.314, 98.2, "2026-03-10"), Row(18.300, 98.2, "2026-03-11"));
        var events = await Compute("season:2569", mode: CountMode.Events);
        var detections = await Compute("season:2569");
        Assert.Equal(3L, events.Districts.Single(d => d.Code == "5001").Count);
        Assert.Equal(5L, detections.Districts.Single(d => d.Code == "5001").Count);
        Assert.Equal(new Dictionary<string, long> { ["N"] = 4, ["N20"] = 1 }, detections.Districts.Single(d => d.Code == "5001").BySensor);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Compute_EventsTieAcrossABorder_LowerDistrictCodeWhateverTheImportOrder(bool eastFirst)
    {
        // Two detections of one minute about 210 m apart on either side of the border x = 98.5: one event, whose
        // earliest detection is a tie. It belongs to West (5001), the lower code, as a point on the border would.
        var (west, east) = (Row(18.3, 98.499, "2026-03-10"), Row(18.3, 98.501, "2026-03-10"));
        // Two files, so the order of import (not the geohash order within one file) decides which row id is lower.
        foreach (var row in eastFirst ? [east, west] : new[] { west, east })
            await Import(row);
        var events = await Compute("season:2569", mode: CountMode.Events);
        Assert.Equal([1L, 0L], events.Districts.Select(d => d.Count));
    }

    [Fact]
    public async Task Compute_FiltersAndSensorWarning_AreApplied()
    {
        await Import(Row(18.1, 98.2, "2025-03-01", "N"), Row(18.2, 98.2, "2026-03-01", "N"),
            Row(18.3, 98.2, "2026-03-01", "N20", confidence: "l"));
        var all = await Compute("season:2569");
        Assert.Equal(2L, all.Districts[0].Count);
        // The periods in words, as the workstation and the maps show them, never the command line's "season:2568".
        Assert.Contains(all.Warnings, w => w.En.StartsWith("satellites differ: N,N20 in the period, N in fire season 2568;",
                StringComparison.Ordinal)
            && w.Th.StartsWith("ดาวเทียมต่างกัน: N,N20 ในช่วงนี้ แต่ N ในช่วง ฤดูไฟป่า 2568;", StringComparison.Ordinal));
        var snpp = await Compute("season:2569", filter: new HotspotFilter(Satellites: ["N"]));
        Assert.Equal(1L, snpp.Districts[0].Count);
        Assert.Empty(snpp.Warnings);
        var confident = await Compute("season:2569", filter: new HotspotFilter(Confidences: ["n", "h"]));
        Assert.Equal(1L, confident.Districts[0].Count);
    }

    [Fact]
    public async Task Compute_CapWithRunRate_ProjectsToSeasonEnd()
    {
        await Import([.. Enumerable.Range(0, 30).Select(i => Row(18.1 + i * 0.01, 98.2, "2026-01-15"))]);
        var settings = new TargetSettings();
        settings.SetCap("5001", 120);
        settings.SetTarget("5002", -20);
        // As of 31 January: 30 detections in 31 days, projected over the 151 days of the season = 146.1.
        var report = await Compute("season:2569", settings: settings, asOf: "2026-01-31");
        var cap = report.Districts.Single(d => d.Code == "5001").Cap!;
        Assert.Equal(25.0, cap.PercentUsed, 9);
        Assert.Equal(30.0 / 31 * 151, cap.ProjectedCount!.Value, 9);
        Assert.Equal(-20, report.Districts.Single(d => d.Code == "5002").TargetPercent);
        Assert.Null(report.Districts.Single(d => d.Code == "5002").Cap);
    }

    [Fact]
    public async Task Compute_CapWithRunRate_CountsOnlyUpToAsOf()
    {
        // 30 detections up to 31 January and 60 more in March: as of 31 January the season is counted to date, so the
        // cap holds 30 of 120 and the rate is the 30 of 31 days, not 90.
        await Import([.. Enumerable.Range(0, 30).Select(i => Row(18.1 + i * 0.01, 98.2, "2026-01-15")),
            .. Enumerable.Range(0, 60).Select(i => Row(18.1 + i * 0.01, 98.3, "2026-03-10"))]);
        var settings = new TargetSettings();
        settings.SetCap("5001", 120);
        var report = await Compute("season:2569", settings: settings, asOf: "2026-01-31");
        var west = report.Districts.Single(d => d.Code == "5001");
        Assert.Equal(30L, west.Count);
        Assert.Equal(25.0, west.Cap!.PercentUsed, 9);
        Assert.Equal(30.0 / 31 * 151, west.Cap.ProjectedCount!.Value, 9);
        Assert.Equal(30.0 / 31 * 151 / 120 * 100, west.Cap.ProjectedPercent!.Value, 9);
    }
}
