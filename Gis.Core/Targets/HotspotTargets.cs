using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Plans;

namespace Gis.Core.Targets;

/// <summary>
/// Turns per-district counts of the current and baseline periods into the hotspot-reduction table: change %,
/// verdict against each district's target, cap view, and a province total computed from the same counts.
/// </summary>
public static class HotspotTargets
{
    /// <param name="districts">Every district of the province, in the order to print.</param>
    /// <param name="province">The province row's code and names.</param>
    /// <param name="counts">Count per (district, period index): index 0 is the current period, 1..n the baseline periods in the order of <see cref="Baseline.PeriodsFor"/>.</param>
    /// <param name="bySensor">Count per (district, satellite) in the current period.</param>
    /// <param name="byLandClass">Count per (district, land class code) in the current period; may be empty.</param>
    /// <param name="projects">Responsible hotspot-reduction projects per district (any order).</param>
    /// <param name="asOf">The local day the run-rate projection counts up to (the period's end for a past period).</param>
    public static HotspotTargetReport Build(
        Period period,
        Baseline baseline,
        CountMode mode,
        IReadOnlyList<DistrictCount> districts,
        DistrictCount province,
        IReadOnlyDictionary<(string District, int Period), long> counts,
        IReadOnlyDictionary<(string District, string Satellite), long> bySensor,
        IReadOnlyDictionary<(string District, string LandClass), long> byLandClass,
        IReadOnlyList<ProjectResponsibility> projects,
        TargetSettings settings,
        DateOnly asOf,
        IReadOnlyList<TargetWarning> warnings)
    {
        var baselinePeriods = baseline.PeriodsFor(period).Count;
        HotspotTargetRow Row(string code, string nameTh, string nameEn, Func<int, long> count, Func<string, bool> inRow, IReadOnlyList<ProjectResponsibility> responsible)
        {
            var current = count(0);
            var baselineValue = Baseline.Combine(Enumerable.Range(1, baselinePeriods).Select(count).ToList());
            var change = Reduction.ChangePercent(current, baselineValue);
            var target = settings.TargetFor(code);
            return new HotspotTargetRow(code, nameTh, nameEn, current, baselineValue, change, target, Reduction.Status(change, target),
                Sum(bySensor, inRow), Sum(byLandClass, inRow), Cap(settings.CapFor(code), current, period, asOf), responsible);
        }

        var rows = districts.Select(d => Row(d.Code, d.NameTh, d.NameEn, i => counts.GetValueOrDefault((d.Code, i)), k => k == d.Code,
            projects.Where(p => p.DistrictCode == d.Code).ToList())).ToList();
        var codes = districts.Select(d => d.Code).ToHashSet();
        // The province row names each project once, whatever number of districts it answers for.
        var provinceProjects = projects.Where(p => codes.Contains(p.DistrictCode)).DistinctBy(p => p.ProjectCode).OrderBy(p => p.ProjectCode, StringComparer.Ordinal)
            .Select(p => p with { DistrictCode = province.Code, Share = null, AreaRai = null, NamesDistrict = false }).ToList();
        var total = Row(province.Code, province.NameTh, province.NameEn,
            i => counts.Where(kv => kv.Key.Period == i && codes.Contains(kv.Key.District)).Sum(kv => kv.Value), codes.Contains, provinceProjects);
        return new HotspotTargetReport(period, baseline.LabelFor(period), mode, rows, total, warnings);
    }

    private static Dictionary<string, long> Sum(IReadOnlyDictionary<(string District, string Key), long> source, Func<string, bool> inRow) =>
        source.Where(kv => inRow(kv.Key.District))
            .GroupBy(kv => kv.Key.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));

    /// <summary>
    /// % of cap used, and the run-rate projection: the count so far divided by the days elapsed, times the days of
    /// the period. Before the period starts there is no rate to project.
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
