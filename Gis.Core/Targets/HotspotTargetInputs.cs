using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Plans;

namespace Gis.Core.Targets;

/// <summary>
/// Everything <see cref="HotspotTargets.Build"/> turns into the hotspot-reduction table: the question (period,
/// baseline, count mode, targets and caps, run-rate day) and the counts the store made for it.
/// </summary>
public sealed record HotspotTargetInputs
{
    /// <summary>The current period, judged against the baseline.</summary>
    public required Period Period { get; init; }

    /// <summary>What the current count is compared with; its <see cref="Baseline.PeriodsFor"/> give the baseline period indexes of <see
    /// cref="Counts"/>.</summary>
    public required Baseline Baseline { get; init; }

    /// <summary>How the counts were made (detections or fire events); carried into the report.</summary>
    public required CountMode Mode { get; init; }

    /// <summary>Every district of the province, in the order to print.</summary>
    public required IReadOnlyList<DistrictCount> Districts { get; init; }

    /// <summary>The province row's code and names.</summary>
    public required DistrictCount Province { get; init; }

    /// <summary>
    /// Count per (district, period index): index 0 is the current period, 1..n the baseline periods in the order of
    /// <see cref="Baseline.PeriodsFor"/>. A missing key counts 0.
    /// </summary>
    public required IReadOnlyDictionary<(string District, int Period), long> Counts { get; init; }

    /// <summary>Count per (district, satellite) in the current period.</summary>
    public required IReadOnlyDictionary<(string District, string Satellite), long> BySensor { get; init; }

    /// <summary>Count per (district, land class code) in the current period; may be empty.</summary>
    public required IReadOnlyDictionary<(string District, string LandClass), long> ByLandClass { get; init; }

    /// <summary>Responsible hotspot-reduction projects per district, and the province-wide ones under the province's code (any
    /// order).</summary>
    public required IReadOnlyList<ProjectResponsibility> Projects { get; init; }

    /// <summary>The target of each district and of the province row, and the caps.</summary>
    public required TargetSettings Settings { get; init; }

    /// <summary>The local day the run-rate projection counts up to (the period's end for a past period).</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Things the reader must know to trust the numbers; carried into the report as they are.</summary>
    public required IReadOnlyList<TargetWarning> Warnings { get; init; }

    /// <summary>The days of the counted period the store holds data for; null when unknown (then not judged on it).</summary>
    public Coverage? PeriodCoverage { get; init; }

    /// <summary>The days of the baseline period(s) the store holds data for; null when unknown.</summary>
    public Coverage? BaselineCoverage { get; init; }

    /// <summary>
    /// Set for a season in progress: the counts run from the period's start to this day, and the baseline's over the
    /// same days of its season ("to date").
    /// </summary>
    public DateOnly? ToDate { get; init; }
}
