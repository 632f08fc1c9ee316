using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Plans;
using Gis.Core.Targets;

namespace Gis.Core.Tests.Targets;

/// <summary>
/// <see cref="HotspotTargets.Build"/> on counts made by hand: every expected number below is worked out in the
/// comments, so a wrong formula, a wrong target or a count from outside the province shows as a wrong value.
/// </summary>
public class HotspotTargetsTests
{
    // 1 Jan - 31 May 2026: 31 + 28 + 31 + 30 + 31 = 151 days.
    private static readonly Period Season2569 = Period.Season(2569);
    private static readonly DistrictCount ChiangMai = new("50", "เชียงใหม่", "Chiang Mai", 0);
    private static readonly DistrictCount Mueang = new("5001", "เมืองเชียงใหม่", "Mueang Chiang Mai", 0);
    private static readonly DistrictCount ChomThong = new("5002", "จอมทอง", "Chom Thong", 0);
    private static readonly DistrictCount MaeChaem = new("5003", "แม่แจ่ม", "Mae Chaem", 0);
    private static readonly DistrictCount ChiangDao = new("5004", "เชียงดาว", "Chiang Dao", 0);

    /// <summary>A district of another province (Lamphun): its counts and projects must stay out of every row.</summary>
    private const string Elsewhere = "5101";

    private static HotspotTargetInputs Inputs(Baseline baseline, IReadOnlyDictionary<(string District, int Period), long> counts,
        TargetSettings settings) => new()
        {
            Period = Season2569,
            Baseline = baseline,
            Mode = CountMode.Detections,
            // Not in code order: the table keeps the order it is given.
            Districts = [MaeChaem, Mueang, ChomThong, ChiangDao],
            Province = ChiangMai,
            Counts = counts,
            BySensor = new Dictionary<(string, string), long>(),
            ByLandClass = new Dictionary<(string, string), long>(),
            Projects = [],
            Settings = settings,
            AsOf = Season2569.To,
            Warnings = [],
        };

    /// <summary>Current (index 0) and previous season (index 1) per district.</summary>
    private static Dictionary<(string, int), long> PreviousSeasonCounts() => new()
    {
        // 95 against 100: -5 %, met at the default -5.
        [("5001", 0)] = 95,
        [("5001", 1)] = 100,
        // 60 against 50: +20 %, not met.
        [("5002", 0)] = 60,
        [("5002", 1)] = 50,
        // No baseline count: no-baseline.
        [("5003", 0)] = 7,
        // 45 against 50: -10 %, not met against its own -12.
        [("5004", 0)] = 45,
        [("5004", 1)] = 50,
        [(Elsewhere, 0)] = 1000,
        [(Elsewhere, 1)] = 1,
    };

    private static TargetSettings PreviousSeasonSettings()
    {
        var settings = new TargetSettings();
        settings.SetTarget("5004", -12);
        settings.SetTarget("50", 4);
        return settings;
    }

    [Fact]
    public void Build_PreviousSeason_ChangeAndVerdictPerDistrictAgainstItsOwnTarget()
    {
        var report = HotspotTargets.Build(Inputs(Baseline.Parse("previous"), PreviousSeasonCounts(), PreviousSeasonSettings()));

        Assert.Equal(["5003", "5001", "5002", "5004"], report.Districts.Select(r => r.Code));
        var rows = report.Districts.ToDictionary(r => r.Code);
        AssertRow(rows["5001"], 95, 100, -5, -5, TargetStatus.Met);
        AssertRow(rows["5002"], 60, 50, 20, -5, TargetStatus.NotMet);
        AssertRow(rows["5004"], 45, 50, -10, -12, TargetStatus.NotMet);
        var maeChaem = rows["5003"];
        Assert.Equal((7L, 0.0, (double?)null, TargetStatus.NoBaseline),
            (maeChaem.Count, maeChaem.Baseline, maeChaem.ChangePercent, maeChaem.Status));
        Assert.Equal(("แม่แจ่ม", "Mae Chaem"), (maeChaem.NameTh, maeChaem.NameEn));
    }

    [Fact]
    public void Build_ProvinceRow_SumsOnlyItsDistricts_JudgedAgainstTheProvinceTarget()
    {
        var report = HotspotTargets.Build(Inputs(Baseline.Parse("previous"), PreviousSeasonCounts(), PreviousSeasonSettings()));

        // 95 + 60 + 7 + 45 = 207 against 100 + 50 + 0 + 50 = 200: +3.5 %, met against the province's +4 (not the default -5).
        AssertRow(report.Province, 207, 200, 3.5, 4, TargetStatus.Met);
        Assert.Equal(("50", "เชียงใหม่", "Chiang Mai"), (report.Province.Code, report.Province.NameTh, report.Province.NameEn));
    }

    [Fact]
    public void Build_Report_CarriesPeriodBaselineLabelModeAndWarnings()
    {
        var warnings = new List<TargetWarning> { new("sensors differ", "ดาวเทียมต่างกัน") };
        var report = HotspotTargets.Build(Inputs(Baseline.Parse("previous"), PreviousSeasonCounts(), new TargetSettings()) with
        {
            Mode = CountMode.Events,
            Warnings = warnings,
        });

        Assert.Equal(Season2569, report.Period);
        Assert.Equal("season:2568", report.BaselineLabel);
        Assert.Equal(CountMode.Events, report.CountMode);
        Assert.Equal(warnings, report.Warnings);
    }

    [Fact]
    public void Build_MeanOfThree_FractionalBaseline_LaterPeriodsIgnored()
    {
        var counts = new Dictionary<(string, int), long>
        {
            // Mean of 10, 11, 11 = 32/3; (10 - 32/3) / (32/3) = -2/32 = -6.25 %: met. Period 4 is not in a mean of 3.
            [("5001", 0)] = 10,
            [("5001", 1)] = 10,
            [("5001", 2)] = 11,
            [("5001", 3)] = 11,
            [("5001", 4)] = 1000,
            // Mean of 30, 20, 25 = 25; 30 against 25 is +20 %: not met.
            [("5002", 0)] = 30,
            [("5002", 1)] = 30,
            [("5002", 2)] = 20,
            [("5002", 3)] = 25,
        };
        var report = HotspotTargets.Build(Inputs(Baseline.Parse("mean:3"), counts, new TargetSettings()));

        var rows = report.Districts.ToDictionary(r => r.Code);
        AssertRow(rows["5001"], 10, 32.0 / 3, -6.25, -5, TargetStatus.Met);
        AssertRow(rows["5002"], 30, 25, 20, -5, TargetStatus.NotMet);
        // Province: 40 against the mean of 40, 31, 36 = 107/3; (40 - 107/3) / (107/3) = 13/107 = +12.1495... %.
        AssertRow(report.Province, 40, 107.0 / 3, 1300.0 / 107, -5, TargetStatus.NotMet);
        Assert.Equal("mean:3 (season:2566..season:2568)", report.BaselineLabel);
    }

    [Fact]
    public void Build_DistrictsWithoutCounts_ZeroRows_NoBaselineOrMinusHundred()
    {
        var counts = new Dictionary<(string, int), long> { [("5002", 1)] = 10 };
        var report = HotspotTargets.Build(Inputs(Baseline.Parse("previous"), counts, new TargetSettings()));

        var rows = report.Districts.ToDictionary(r => r.Code);
        Assert.Equal((0L, 0.0, (double?)null, TargetStatus.NoBaseline),
            (rows["5001"].Count, rows["5001"].Baseline, rows["5001"].ChangePercent, rows["5001"].Status));
        // 0 against 10: -100 %, met.
        AssertRow(rows["5002"], 0, 10, -100, -5, TargetStatus.Met);
        AssertRow(report.Province, 0, 10, -100, -5, TargetStatus.Met);
        Assert.All(report.Districts, r => Assert.Empty(r.BySensor));
    }

    [Fact]
    public void Build_BySensorAndLandClass_PerDistrictAndSummedForTheProvince()
    {
        var inputs = Inputs(Baseline.Parse("previous"), PreviousSeasonCounts(), new TargetSettings()) with
        {
            BySensor = new Dictionary<(string, string), long>
            {
                [("5001", "N20")] = 60,
                [("5001", "N")] = 35,
                [("5002", "N20")] = 60,
                [("5003", "N21")] = 7,
                [(Elsewhere, "N20")] = 1000,
            },
            ByLandClass = new Dictionary<(string, string), long>
            {
                [("5001", "unmapped")] = 45,
                [("5001", "agriculture")] = 50,
                [("5003", "conservation_forest")] = 7,
                [(Elsewhere, "agriculture")] = 999,
            },
        };
        var report = HotspotTargets.Build(inputs);

        var rows = report.Districts.ToDictionary(r => r.Code);
        Assert.Equal(["N:35", "N20:60"], Entries(rows["5001"].BySensor));
        Assert.Equal(["N20:60"], Entries(rows["5002"].BySensor));
        Assert.Empty(rows["5004"].BySensor);
        Assert.Equal(["N:35", "N20:120", "N21:7"], Entries(report.Province.BySensor));
        Assert.Equal(["agriculture:50", "unmapped:45"], Entries(rows["5001"].ByLandClass));
        Assert.Empty(rows["5002"].ByLandClass);
        Assert.Equal(["agriculture:50", "conservation_forest:7", "unmapped:45"], Entries(report.Province.ByLandClass));
    }

    [Fact]
    public void Build_Caps_UsedShareAndRunRateToTheAsOfDay_OnlyWhereSet()
    {
        var settings = PreviousSeasonSettings();
        settings.SetCap("5001", 200);
        settings.SetCap("50", 300);
        // 1 March is day 31 + 28 + 1 = 60 of the season's 151.
        var report = HotspotTargets.Build(Inputs(Baseline.Parse("previous"), PreviousSeasonCounts(),
            settings) with
        { AsOf = new DateOnly(2026, 3, 1) });

        var rows = report.Districts.ToDictionary(r => r.Code);
        // 95 of 200 = 47.5 %; 95 / 60 x 151 = 239.0833 projected, 119.5417 % of the cap.
        AssertCap(rows["5001"].Cap, 200, 47.5, 95.0 * 151 / 60, 95.0 * 151 / 60 / 2);
        // 207 of 300 = 69 %; 207 / 60 x 151 = 520.95 projected, 173.65 % of the cap.
        AssertCap(report.Province.Cap, 300, 69, 520.95, 173.65);
        Assert.Null(rows["5002"].Cap);
        Assert.Null(rows["5003"].Cap);
    }

    [Fact]
    public void Build_Projects_PerDistrict_ProvinceNamesEachOnceWithoutShares()
    {
        var inputs = Inputs(Baseline.Parse("previous"), PreviousSeasonCounts(), new TargetSettings()) with
        {
            Projects =
            [
                Project("5003", "P2", 0.1, 100, namesDistrict: false),
                Project("5001", "P1", 0.25, 2000, namesDistrict: true),
                Project("5002", "P1", null, null, namesDistrict: true),
                Project(Elsewhere, "P9", 0.5, 10, namesDistrict: true),
            ],
        };
        var report = HotspotTargets.Build(inputs);

        var rows = report.Districts.ToDictionary(r => r.Code);
        Assert.Equal(Project("5001", "P1", 0.25, 2000, namesDistrict: true), Assert.Single(rows["5001"].Projects));
        Assert.Equal(Project("5002", "P1", null, null, namesDistrict: true), Assert.Single(rows["5002"].Projects));
        Assert.Equal("P2", Assert.Single(rows["5003"].Projects).ProjectCode);
        Assert.Empty(rows["5004"].Projects);
        Assert.Equal([Project("50", "P1", null, null, namesDistrict: false), Project("50", "P2", null, null, namesDistrict: false)],
            report.Province.Projects);
    }

    [Fact]
    public void Cap_NoCap_NoView() => Assert.Null(HotspotTargets.Cap(null, 10, Season2569, new DateOnly(2026, 3, 1)));

    [Fact]
    public void Cap_BeforeThePeriodStarts_UsedShareButNoProjection() =>
        AssertCap(HotspotTargets.Cap(50, 5, Season2569, new DateOnly(2025, 12, 31)), 50, 10, null, null);

    [Fact]
    public void Cap_OnTheFirstDay_ProjectsThatDayOverTheWholePeriod() =>
        // 3 x 151 = 453, 906 % of 50.
        AssertCap(HotspotTargets.Cap(50, 3, Season2569, new DateOnly(2026, 1, 1)), 50, 6, 453, 906);

    [Fact]
    public void Cap_AfterThePeriod_ProjectionIsTheCount() =>
        AssertCap(HotspotTargets.Cap(50, 40, Season2569, new DateOnly(2026, 7, 1)), 50, 80, 40, 80);

    [Fact]
    public void Cap_AprilSeason_ProjectsOverItsOwnDays()
    {
        // 1 Jan - 30 Apr = 120 days; 15 Feb is day 46: 23 / 46 x 120 = 60, 75 % of 80; 23 of 80 = 28.75 % used.
        AssertCap(HotspotTargets.Cap(80, 23, Period.Season(2569, endMonth: 4), new DateOnly(2026, 2, 15)), 80, 28.75, 60, 75);
    }

    private static ProjectResponsibility Project(string district, string code, double? share, double? areaRai, bool namesDistrict) =>
        new(district, code, "โครงการ " + code, "Project " + code, 2569, share, areaRai, namesDistrict);

    private static IEnumerable<string> Entries(IReadOnlyDictionary<string, long> counts) => counts.Select(kv => $"{kv.Key}:{kv.Value}");

    private static void AssertRow(HotspotTargetRow row, long count, double baseline, double change, double target, TargetStatus status)
    {
        Assert.Equal(count, row.Count);
        Assert.Equal(baseline, row.Baseline, 9);
        Assert.NotNull(row.ChangePercent);
        Assert.Equal(change, row.ChangePercent.Value, 9);
        Assert.Equal(target, row.TargetPercent);
        Assert.Equal(status, row.Status);
    }

    private static void AssertCap(CapView? cap, double limit, double used, double? projected, double? projectedPercent)
    {
        Assert.NotNull(cap);
        Assert.Equal(limit, cap.Cap);
        Assert.Equal(used, cap.PercentUsed, 9);
        Assert.Equal(projected.HasValue, cap.ProjectedCount.HasValue);
        Assert.Equal(projectedPercent.HasValue, cap.ProjectedPercent.HasValue);
        if (projected is { } p)
            Assert.Equal(p, cap.ProjectedCount!.Value, 9);
        if (projectedPercent is { } pp)
            Assert.Equal(pp, cap.ProjectedPercent!.Value, 9);
    }
}
