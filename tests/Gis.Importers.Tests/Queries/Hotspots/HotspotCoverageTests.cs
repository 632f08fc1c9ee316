using System.Globalization;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Importers.Firms;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Targets;
using Gis.Importers.Tests.Targets;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Queries.Hotspots;

/// <summary>Coverage recorded on import and read back (ADR 0015); every expected day is counted from the rows written here.</summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class HotspotCoverageTests : TwoDistrictStore
{
    private static string Row(double lat, double lon, string date, string satellite = "N", string time = "0630",
        string version = "2.0NRT") =>
        string.Create(CultureInfo.InvariantCulture, $"{lat},{lon},330.5,0.4,0.4,{date},{time},{satellite},VIIRS,n,{version},290.1,5.5,D");

    private async Task Import(CoverageClaim? covers, params string[] rows)
    {
        var path = Path.Combine(Folder, $"f{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, FirmsCsv.Header + "\n" + string.Join("\n", rows) + "\n");
        await new FirmsImporter(Db.Store).ImportAsync(FirmsInput.Expand([path]).Single() with { Covers = covers }, strict: false);
    }

    private static DateOnly Day(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    private Task<Coverage> Of(string from, string to, HotspotFilter? filter = null, string? province = "50") =>
        new HotspotCoverage(Db.Store).OfPeriodAsync(Period.Dates(Day(from), Day(to)), filter ?? new HotspotFilter(), province);

    [Fact]
    public async Task File_CoversTheSpanOfItsDetections_GapsOutsideIt()
    {
        // Detections on 10 and 12 March (06:30 UTC = 13:30 Bangkok, same day): the file covers 10-12; 11 March has zero.
        // 23:30 UTC on 14 March is 15 March in Bangkok: the span ends there.
        await Import(null, Row(18.1, 98.2, "2026-03-10"), Row(18.2, 98.2, "2026-03-12"), Row(18.3, 98.2, "2026-03-14", time: "2330"));

        var march = await Of("2026-03-01", "2026-03-31");
        Assert.Equal((6, 31, Day("2026-03-10"), Day("2026-03-15")), (march.DaysWithData, march.Days, march.First, march.Last));
        Assert.Equal([(Day("2026-03-01"), Day("2026-03-09")), (Day("2026-03-16"), Day("2026-03-31"))], march.Gaps);
        Assert.False(march.IsComplete);
        Assert.Equal("data on 6 of 31 days, 10 Mar-15 Mar 2569", march.Describe(th: false));
        Assert.Equal("มีข้อมูล 6 จาก 31 วัน (10 มี.ค.-15 มี.ค. 2569)", march.Describe(th: true));
        // The series filter: S-NPP rows cover nothing for NOAA-20 or MODIS.
        Assert.True((await Of("2026-03-01", "2026-03-31", new HotspotFilter(Satellites: ["N20"]))).IsEmpty);
        Assert.True((await Of("2026-03-01", "2026-03-31", new HotspotFilter(Instrument: "MODIS"))).IsEmpty);
        Assert.Equal(6, (await Of("2026-03-01", "2026-03-31", new HotspotFilter(Satellites: ["N"]))).DaysWithData);
    }

    [Fact]
    public async Task Declared_CoversItsDays_OnlyWhereItsBoxMeetsTheProvince()
    {
        // Inside the province, declared 1-30 April with one detection: all 30 days covered.
        await Import(new CoverageClaim(Day("2026-04-01"), Day("2026-04-30"), new BoundingBox(98, 18, 99, 19), null),
            Row(18.1, 98.2, "2026-04-10"));
        // Far away (Gulf of Thailand box), declared 1-10 May with a detection on 2 May: the declared box holds for the
        // file's own days too, so none of them covers the province; anywhere, all ten are covered.
        await Import(new CoverageClaim(Day("2026-05-01"), Day("2026-05-10"), new BoundingBox(100, 10, 101, 11), null),
            Row(10.5, 100.5, "2026-05-02"));

        var april = await Of("2026-04-01", "2026-04-30");
        Assert.True(april.IsComplete);
        Assert.True((await Of("2026-05-01", "2026-05-31")).IsEmpty);
        Assert.Equal(10, (await Of("2026-05-01", "2026-05-31", province: null)).DaysWithData);
        Assert.Equal(40L, await Db.ScalarAsync<long>("SELECT count(*) FROM data_coverage WHERE basis = 'declared'"));
    }

    [Fact]
    public async Task Duplicates_StillCoverTheirDays_AndCoverageIsPerSeries()
    {
        await Import(null, Row(18.1, 98.2, "2026-03-10"), Row(18.1, 98.2, "2026-03-13"));
        // The same two detections again plus a standard S-NPP one: the NRT rows are duplicates, their days still covered
        // by the second batch; the standard series covers only its own day.
        await Import(null, Row(18.1, 98.2, "2026-03-10"), Row(18.1, 98.2, "2026-03-13"), Row(18.2, 98.2, "2026-03-20", version: "2"));
        Assert.Equal(4L, await Db.ScalarAsync<long>(
            "SELECT count(*) FROM data_coverage WHERE batch_id = (SELECT max(id) FROM import_batch) AND is_nrt"));
        Assert.Equal(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM data_coverage WHERE NOT is_nrt"));
        Assert.Equal(5, (await Of("2026-03-01", "2026-03-31")).DaysWithData);
    }

    private Task<HotspotTargetReport> Targets(string asOf = "2026-12-31") =>
        new HotspotTargetService(Db.Store).ComputeAsync(new HotspotTargetRequest(Period.Parse("season:2569"), Baseline.Parse("previous"),
            "50", new HotspotFilter(), CountMode.Detections, new TargetSettings(), Day(asOf)));

    [Fact]
    public async Task Verdict_IncompletePeriodOrBaseline_IsIncompleteNotMetOrNotMet()
    {
        // West: 20 in 2568, 10 in 2569 (-50 %) - but neither season is covered throughout.
        await Import(null, [.. Enumerable.Range(0, 20).Select(i => Row(18.1 + i * 0.01, 98.2, "2025-03-10"))]);
        await Import(null, [.. Enumerable.Range(0, 10).Select(i => Row(18.1 + i * 0.01, 98.2, "2026-03-10"))]);
        var report = await Targets();
        Assert.All(report.Districts.Append(report.Province), r => Assert.Equal(TargetStatus.Incomplete, r.Status));
        Assert.Equal((1, 151), (report.PeriodCoverage!.DaysWithData, report.PeriodCoverage.Days));
        Assert.Contains(report.Warnings, w => w.En.Contains("'incomplete'", StringComparison.Ordinal));

        // Both seasons declared complete: judged.
        await Import(new CoverageClaim(Day("2025-01-01"), Day("2025-05-31"), null, null), Row(18.9, 98.9, "2025-05-31"));
        await Import(new CoverageClaim(Day("2026-01-01"), Day("2026-05-31"), null, null), Row(18.9, 98.9, "2026-05-31"));
        var judged = await Targets();
        Assert.Equal(TargetStatus.Met, judged.Districts.Single(d => d.Code == "5001").Status);
        Assert.True(judged.PeriodCoverage!.IsComplete && judged.BaselineCoverage!.IsComplete);
    }

    [Fact]
    public async Task Verdict_SeasonInProgress_ComparedToDateWithTheSameDaysOfTheBaseline()
    {
        // 2568: 4 in January, 100 in March. 2569 so far (as of 31 January): 3 in January, covered 1-31 January.
        await Import(new CoverageClaim(Day("2025-01-01"), Day("2025-05-31"), null, null),
            [.. Enumerable.Range(0, 4).Select(i => Row(18.1 + i * 0.01, 98.2, "2025-01-20")),
             .. Enumerable.Range(0, 100).Select(i => Row(18.1 + i * 0.001, 98.3, "2025-03-20"))]);
        await Import(new CoverageClaim(Day("2026-01-01"), Day("2026-01-31"), null, null),
            [.. Enumerable.Range(0, 3).Select(i => Row(18.1 + i * 0.01, 98.2, "2026-01-20"))]);

        var report = await Targets(asOf: "2026-01-31");
        var west = report.Districts.Single(d => d.Code == "5001");
        Assert.Equal(Day("2026-01-31"), report.ToDate);
        Assert.Equal((3L, 4.0, TargetStatus.Met), (west.Count, west.Baseline, west.Status));
        Assert.Equal((31, 31), (report.BaselineCoverage!.DaysWithData, report.BaselineCoverage.Days));
        Assert.Contains(report.Warnings, w => w.En.StartsWith("season in progress", StringComparison.Ordinal));
        // Judged on the whole season instead, the same store is incomplete (2569 covered on 31 of 151 days).
        Assert.Equal(TargetStatus.Incomplete, (await Targets()).Districts.Single(d => d.Code == "5001").Status);
    }
}
