using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Plans;

namespace Gis.Core.Targets;

/// <summary>How hotspots are counted for a target.</summary>
public enum CountMode
{
    /// <summary>Every detection (after dropping re-delivered duplicates).</summary>
    Detections,

    /// <summary>Fire events: detections of one local day within 375 m of each other, across sensors, count once.</summary>
    Events,
}

/// <summary>The "% of cap used" view of a district that has a cap (an upper limit of hotspots for the period).</summary>
/// <param name="ProjectedCount">Run-rate projection to the period's end: count / days elapsed x days; null before the period
/// starts.</param>
public sealed record CapView(double Cap, double PercentUsed, double? ProjectedCount, double? ProjectedPercent);

/// <summary>One row of the hotspot-reduction table (a district, or the province total).</summary>
/// <param name="Baseline">The baseline count (a mean of several periods may be fractional).</param>
/// <param name="BySensor">Count per satellite code (N, N20, N21, Terra, Aqua) in the current period.</param>
/// <param name="ByLandClass">Count per hotspot land class code; empty when no land-use snapshot is stored.</param>
/// <param name="Projects">Hotspot-reduction projects answering for the row (for the province row: every project of the province).</param>
public sealed record HotspotTargetRow(
    string Code,
    string NameTh,
    string NameEn,
    long Count,
    double Baseline,
    double? ChangePercent,
    double TargetPercent,
    TargetStatus Status,
    IReadOnlyDictionary<string, long> BySensor,
    IReadOnlyDictionary<string, long> ByLandClass,
    CapView? Cap,
    IReadOnlyList<ProjectResponsibility> Projects);

/// <summary>The hotspot-reduction result for a period: every district of the province and the province total.</summary>
/// <param name="Warnings">Things the reader must know to trust the numbers (e.g. sensors differ between the periods).</param>
public sealed record HotspotTargetReport(
    Period Period,
    string BaselineLabel,
    CountMode CountMode,
    IReadOnlyList<HotspotTargetRow> Districts,
    HotspotTargetRow Province,
    IReadOnlyList<TargetWarning> Warnings)
{
    /// <summary>The days of the counted period the store holds data for (null: not known to the caller).</summary>
    public Coverage? PeriodCoverage { get; init; }

    /// <summary>The days of the baseline period(s) the store holds data for.</summary>
    public Coverage? BaselineCoverage { get; init; }

    /// <summary>For a season in progress: counted up to this day, the baseline over the same days ("to date").</summary>
    public DateOnly? ToDate { get; init; }

    /// <summary>True when the period has no covered day: its counts are "no data", not zero.</summary>
    public bool PeriodHasNoData => PeriodCoverage is { IsEmpty: true };

    /// <summary>True when the baseline has no covered day: its counts are "no data", not zero.</summary>
    public bool BaselineHasNoData => BaselineCoverage is { IsEmpty: true };
}
