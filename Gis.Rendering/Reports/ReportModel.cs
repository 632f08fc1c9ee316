using Gis.Core.Hotspots;
using Gis.Core.LandUse;
using Gis.Core.Periods;
using Gis.Core.Plans;
using Gis.Core.Targets;
using Gis.Rendering.Maps;

namespace Gis.Rendering.Reports;

/// <summary>What a district report covers; the options of <c>gis targets hotspots</c> and <c>gis targets green</c> it shares mean the
/// same.</summary>
/// <param name="Filter">Which detections count (instrument, satellites; null: every VIIRS detection), as <c>--instrument</c> and
/// <c>--satellite</c> of <c>gis targets hotspots</c>.</param>
/// <param name="GreenFrom">Earlier land-use snapshot (BE); without both snapshots the report leaves the green target out.</param>
/// <param name="GreenTo">Later land-use snapshot (BE).</param>
/// <param name="GreenYear">Year (BE) of the green projects and the allocation; default <paramref name="GreenTo"/>.</param>
/// <param name="Language"><c>th</c> or <c>en</c>.</param>
/// <param name="TrendPeriods">How many periods before <paramref name="Period"/> the trend charts show.</param>
/// <param name="Targets">Per-district targets and caps, as <c>gis targets hotspots</c> takes them; null: the plan's -5 %
/// everywhere.</param>
public sealed record ReportRequest(
    Period Period,
    Baseline Baseline,
    string ProvinceCode,
    HotspotFilter? Filter,
    int? GreenFrom,
    int? GreenTo,
    int? GreenYear,
    string Language,
    DateOnly MadeOn,
    string? Author = null,
    int TrendPeriods = 5,
    TargetSettings? Targets = null);

/// <summary>A district's hotspot count in one period of its trend chart.</summary>
/// <summary>One bar of a district's trend.</summary>
/// <param name="Count">Null when the store covers no day of the period: no data, never 0.</param>
public sealed record TrendPoint(Period Period, long? Count);

/// <summary>
/// One district's figures for both targets, exactly as the target services return them, with its trend and map.
/// </summary>
/// <param name="Green">Its green-area change; null when the report has no green target.</param>
/// <param name="GreenProjectsRai">Rai of the year's green-project polygons inside it (union).</param>
/// <param name="AllocationRai">Its share of the provincial green target; null when none is stored.</param>
/// <param name="Trend">Counts of the earlier periods, oldest first, then the report's period.</param>
public sealed record DistrictReport(
    HotspotTargetRow Hotspots,
    GreenChange? Green,
    double? GreenProjectsRai,
    int? AllocationRai,
    IReadOnlyList<ProjectResponsibility> GreenProjects,
    IReadOnlyList<TrendPoint> Trend,
    MapModel Map)
{
    /// <summary>DOPA district code.</summary>
    public string Code => Hotspots.Code;

    /// <summary>The district's name in the report's language.</summary>
    public string Name(bool th) => th ? Hotspots.NameTh : Hotspots.NameEn;

    /// <summary>The green class the maps use (<c>green-met</c>, <c>green-mid</c>, ..., <c>no-allocation</c>); null without a green
    /// target.</summary>
    public string? GreenClass => Green is null ? null : MapDataLoader.GreenClass(Green.NetRai, AllocationRai);

    /// <summary>Every project answering for the district under either target, each once, by code.</summary>
    public IReadOnlyList<ProjectResponsibility> Projects =>
        [.. Hotspots.Projects.Concat(GreenProjects).DistinctBy(p => p.ProjectCode).OrderBy(p => p.ProjectCode, StringComparer.Ordinal)];
}

/// <summary>
/// Everything a district report prints, prepared before any page is laid out: the two target results, the province
/// map and one district entry per district in code order.
/// </summary>
/// <param name="Title">The report's title, printed on the first page and in every page header.</param>
/// <param name="PeriodText">The period in Buddhist Era.</param>
/// <param name="Green">The green target; null when no snapshots were asked for.</param>
/// <param name="Sources">The credits of the data the report rests on, one line per layer ("Hotspots: NASA FIRMS ..."), as the
/// imports recorded them (ADR 0017); null or empty when nothing imported says.</param>
public sealed record ReportModel(
    ReportRequest Request,
    string Title,
    string PeriodText,
    string PlaceName,
    HotspotTargetReport Reduction,
    GreenTargetReport? Green,
    MapModel ProvinceMap,
    IReadOnlyList<DistrictReport> Districts,
    IReadOnlyList<string>? Sources = null)
{
    /// <summary>The sources block's heading.</summary>
    public string SourcesHeading => Thai ? "แหล่งข้อมูล" : "Sources";

    /// <summary>Thai texts (else English).</summary>
    public bool Thai => Request.Language == "th";

    /// <summary>
    /// The province as one more row of the tables: the reduction's province row, the green total, the projects of every
    /// district once with those answering for the whole province, and the districts' trend summed (no data stays no data).
    /// </summary>
    public DistrictReport Province
    {
        get
        {
            var code = Reduction.Province.Code;
            var trend = Districts.Count == 0 ? [] : Districts[0].Trend.Select((t, i) => new TrendPoint(t.Period,
                Districts.Any(d => d.Trend[i].Count is null) ? null : Districts.Sum(d => d.Trend[i].Count))).ToList();
            return new DistrictReport(Reduction.Province, Green?.Change.Total(code, Reduction.Province.NameTh, Reduction.Province.NameEn),
                Green?.ProjectsRaiUnion, Green is { Allocation.Count: > 0 } g ? g.Allocation.Values.Sum() : null,
                Green?.ProvinceProjects(code) ?? [], trend, ProvinceMap);
        }
    }
}
