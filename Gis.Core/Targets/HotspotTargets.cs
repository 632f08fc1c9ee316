using Gis.Core.Periods;
using Gis.Core.Plans;

namespace Gis.Core.Targets;

/// <summary>
/// Turns per-district counts of the current and baseline periods into the hotspot-reduction table: change %,
/// verdict against each district's target, cap view, and a province total computed from the same counts.
/// </summary>
public static class HotspotTargets
{
    /// <summary>
    /// The table for <paramref name="inputs"/>: one row per district and the province row, each with its change %,
    /// verdict, counts by sensor and land class, cap view and responsible projects.
    /// </summary>
    public static HotspotTargetReport Build(HotspotTargetInputs inputs)
    {
        var baselinePeriods = inputs.Baseline.PeriodsFor(inputs.Period).Count;
        // Like with like: a count over some days is never judged against a count over other days.
        var incomplete = inputs.PeriodCoverage is { IsComplete: false } || inputs.BaselineCoverage is { IsComplete: false };
        HotspotTargetRow Row(string code, string nameTh, string nameEn, Func<int, long> count,
            IEnumerable<KeyValuePair<(string, string), long>> bySensor, IEnumerable<KeyValuePair<(string, string), long>> byLandClass,
            IReadOnlyList<ProjectResponsibility> responsible)
        {
            var current = count(0);
            var baselineValue = Baseline.Combine(Enumerable.Range(1, baselinePeriods).Select(count).ToList());
            var change = Reduction.ChangePercent(current, baselineValue);
            var target = inputs.Settings.TargetFor(code);
            var status = incomplete ? TargetStatus.Incomplete : Reduction.Status(change, target);
            return new HotspotTargetRow(code, nameTh, nameEn, current, baselineValue, change, target, status,
                Sum(bySensor), Sum(byLandClass), Cap(inputs.Settings.CapFor(code), current, inputs.Period, inputs.AsOf), responsible);
        }

        // Each district's entries found once, not by a pass over every district's (a national table has 928 rows).
        var sensorsOf = inputs.BySensor.ToLookup(kv => kv.Key.District, StringComparer.Ordinal);
        var landClassesOf = inputs.ByLandClass.ToLookup(kv => kv.Key.District, StringComparer.Ordinal);
        var projectsOf = inputs.Projects.ToLookup(p => p.DistrictCode, StringComparer.Ordinal);
        var rows = inputs.Districts.Select(d => Row(d.Code, d.NameTh, d.NameEn, i => inputs.Counts.GetValueOrDefault((d.Code, i)),
            sensorsOf[d.Code], landClassesOf[d.Code], [.. projectsOf[d.Code]])).ToList();
        var codes = inputs.Districts.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        // The province row names each project once, whatever number of districts it answers for, and those of the whole province.
        var provinceProjects = ProjectResponsibility.OfProvince(inputs.Projects, inputs.Province.Code, codes);
        var total = Row(inputs.Province.Code, inputs.Province.NameTh, inputs.Province.NameEn,
            i => inputs.Counts.Where(kv => kv.Key.Period == i && codes.Contains(kv.Key.District)).Sum(kv => kv.Value),
            inputs.BySensor.Where(kv => codes.Contains(kv.Key.District)), inputs.ByLandClass.Where(kv => codes.Contains(kv.Key.District)),
            provinceProjects);
        return new HotspotTargetReport(inputs.Period, inputs.Baseline.LabelFor(inputs.Period), inputs.Mode, rows, total, inputs.Warnings)
        {
            PeriodCoverage = inputs.PeriodCoverage,
            BaselineCoverage = inputs.BaselineCoverage,
            ToDate = inputs.ToDate,
        };
    }

    private static Dictionary<string, long> Sum(IEnumerable<KeyValuePair<(string District, string Key), long>> entries) =>
        entries
            .GroupBy(kv => kv.Key.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));

    /// <summary>
    /// % of cap used, and the run-rate projection: the count so far divided by the days elapsed, times the days of
    /// the period. Before the period starts there is no rate to project. A season in progress is counted up to
    /// <paramref name="asOf"/> (HotspotTargetService), so the count is the count so far.
    /// </summary>
    public static CapView? Cap(double? cap, long count, Period period, DateOnly asOf)
    {
        if (cap is not { } c)
            return null;
        var elapsed = Math.Min(asOf.DayNumber, period.To.DayNumber) - period.From.DayNumber + 1;
        double? projected = elapsed <= 0 ? null : (double)count / elapsed * period.Days;
        return new CapView(c, count / c * 100, projected, projected / c * 100);
    }
}
