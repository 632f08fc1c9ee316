using System.Globalization;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Plans;
using Gis.Core.Targets;
using Gis.Core.Time;
using Gis.Importers.Queries.AdminAreas;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Queries.LandUse;
using Gis.Importers.Queries.Projects;
using Gis.Importers.Store;

namespace Gis.Importers.Targets;

/// <summary>What to compute for <see cref="HotspotTargetService.ComputeAsync"/>.</summary>
/// <param name="ProvinceCode">Two-digit DOPA code; null for every province (<see cref="HotspotTargetService.ComputeAllAsync"/>).</param>
/// <param name="AsOf">The local day the cap run-rate counts to; usually today in Bangkok.</param>
/// <param name="Source">Whose detections are counted: FIRMS, or GISTDA (with GISTDA's own land classes).</param>
public sealed record HotspotTargetRequest(
    Period Period,
    Baseline Baseline,
    string? ProvinceCode,
    HotspotFilter Filter,
    CountMode Mode,
    TargetSettings Settings,
    DateOnly AsOf,
    HotspotSource Source = HotspotSource.Firms);

/// <summary>
/// The hotspot-reduction target per district: counts from the store and arithmetic from Gis.Core. Computing only reads;
/// <c>SaveAsync</c> stores a result as a run (<c>target_run</c>, <c>hotspot_target_result</c>, view
/// <c>hotspot_target_map</c> for QGIS) when the user asks for it (<c>gis targets hotspots --save</c>), never as a side
/// effect of a table, map, report or page.
/// </summary>
public sealed class HotspotTargetService(GisStore store)
{
    /// <summary>The code and names of the national total row of <see cref="ComputeAllAsync"/>.</summary>
    public static readonly DistrictCount Nation = new("TH", "ประเทศไทย", "Thailand", 0);

    /// <summary>
    /// The table of the request's province: every district and the province row. Without a province, the national
    /// table of <see cref="ComputeAllAsync"/> (every district, the national row).
    /// </summary>
    /// <exception cref="StoreException">No district of the province is imported.</exception>
    public async Task<HotspotTargetReport> ComputeAsync(HotspotTargetRequest request, CancellationToken cancellationToken = default)
    {
        if (request.ProvinceCode is not { } provinceCode)
            return (await ComputeAllAsync(request, cancellationToken)).Nation;
        var (districts, province) = await new AdminAreaQueries(store).DistrictsOfAsync(provinceCode, cancellationToken);
        if (districts.Count == 0)
            throw await new AdminAreaQueries(store).ProvinceNotImportedAsync(provinceCode, cancellationToken);
        var counted = await CountAsync(request, cancellationToken);
        var coverage = await new HotspotCoverage(store, request.Source).OfPeriodsAsync(counted.Periods, request.Filter, provinceCode,
            cancellationToken);
        return Build(request, counted, districts, province, coverage, withWarnings: true);
    }

    /// <summary>
    /// Every district of every province with imported districts, from one count (the daily cube in detections): a table
    /// per province (its districts and province row, judged on the province's own coverage) and the national table
    /// (every district and the national row <see cref="Nation"/>, judged on the days every province has data for). The
    /// request's province is not used.
    /// </summary>
    /// <exception cref="StoreException">No district is imported at all.</exception>
    public async Task<NationalHotspotTargets> ComputeAllAsync(HotspotTargetRequest request, CancellationToken cancellationToken = default)
    {
        request = request with { ProvinceCode = null };
        var provinces = await new AdminAreaQueries(store).ProvincesAsync(cancellationToken);
        if (provinces.Count == 0)
            throw await new AdminAreaQueries(store).ProvinceNotImportedAsync("all", cancellationToken);
        var counted = await CountAsync(request, cancellationToken);
        var coverage = await new HotspotCoverage(store, request.Source).OfPeriodsByProvinceAsync(counted.Periods, request.Filter,
            cancellationToken);
        var ofProvince = ByProvince(counted, provinces);
        var reports = provinces
            .Select(p => Build(request, ofProvince[p.Province.Code], p.Districts, p.Province, coverage[p.Province.Code],
                withWarnings: false))
            .ToList();
        // Like with like across the country: a day counts as covered where every province has data for it.
        var everywhere = counted.Periods.Select((period, i) => Coverage.Of(period.From, period.To,
            provinces.Select(p => (IEnumerable<DateOnly>)coverage[p.Province.Code][i].CoveredDays).Aggregate((a, b) => a.Intersect(b))))
            .ToList();
        var nation = Build(request, counted, [.. provinces.SelectMany(p => p.Districts)], Nation, everywhere, withWarnings: true);
        return new NationalHotspotTargets(nation, reports);
    }

    /// <summary>What a table is built from, counted once for the request's province or for every district.</summary>
    /// <param name="Periods">The current period and the baseline periods as counted (to date in a season in progress).</param>
    private sealed record Counted(IReadOnlyList<Period> Periods, DateOnly? ToDate, PeriodCounts Counts,
        IReadOnlyDictionary<(string, string), long> ByLandClass, IReadOnlyList<TargetWarning> Warnings,
        IReadOnlyList<ProjectResponsibility> Projects);

    /// <summary>
    /// Each province's part of <paramref name="counted"/>: its districts' counts, sensors, land classes and projects, and
    /// its province-wide projects. A table's build reads every entry it is given, so 77 province tables each given the
    /// whole country's entries cost 77 passes over them (~0.1 s of the command); split first, they cost one.
    /// </summary>
    private static Dictionary<string, Counted> ByProvince(Counted counted,
        IReadOnlyList<(DistrictCount Province, IReadOnlyList<DistrictCount> Districts)> provinces)
    {
        var provinceOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (province, districts) in provinces)
        {
            foreach (var district in districts)
                provinceOf[district.Code] = province.Code;
        }
        Dictionary<string, Dictionary<TKey, long>> Split<TKey>(IReadOnlyDictionary<TKey, long> entries, Func<TKey, string> district)
            where TKey : notnull
        {
            var split = provinces.ToDictionary(p => p.Province.Code, _ => new Dictionary<TKey, long>(), StringComparer.Ordinal);
            foreach (var (key, value) in entries)
            {
                if (provinceOf.TryGetValue(district(key), out var province))
                    split[province][key] = value;
            }
            return split;
        }
        var counts = Split(counted.Counts.Counts, k => k.District);
        var bySensor = Split(counted.Counts.BySensor, k => k.District);
        var byLandClass = Split(counted.ByLandClass, k => k.Item1);
        var projects = counted.Projects
            .ToLookup(p => p.ProvinceWide ? p.DistrictCode : provinceOf.GetValueOrDefault(p.DistrictCode), StringComparer.Ordinal);
        return provinces.ToDictionary(p => p.Province.Code, p => counted with
        {
            Counts = counted.Counts with { Counts = counts[p.Province.Code], BySensor = bySensor[p.Province.Code] },
            ByLandClass = byLandClass[p.Province.Code],
            Projects = [.. projects[p.Province.Code]],
        }, StringComparer.Ordinal);
    }

    private async Task<Counted> CountAsync(HotspotTargetRequest request, CancellationToken cancellationToken)
    {
        var baselinePeriods = request.Baseline.PeriodsFor(request.Period);
        // A season in progress is counted to date, and each baseline period over the same days of its own season.
        var toDate = request.AsOf >= request.Period.From && request.AsOf < request.Period.To ? request.AsOf : (DateOnly?)null;
        var elapsed = request.AsOf.DayNumber - request.Period.From.DayNumber + 1;
        List<Period> counted = [request.Period, .. baselinePeriods];
        if (toDate is not null)
            counted = counted.Select(p => Period.Dates(p.From, p.From.AddDays(elapsed - 1) is var d && d < p.To ? d : p.To)).ToList();
        var counter = new HotspotCounts(store, request.Source);
        var counts = await counter.ByPeriodAsync(counted, request.ProvinceCode, request.Filter, request.Mode, cancellationToken);
        var warnings = await WarningsAsync(counter, counts, request, baselinePeriods, cancellationToken);
        var snapshot = SnapshotInForce(await new GreenChangeQueries(store).SnapshotsAsync(cancellationToken), request.Period);
        IReadOnlyDictionary<(string, string), long> byLandClass = new Dictionary<(string, string), long>();
        if (request.Source == HotspotSource.Gistda)
        {
            byLandClass = await counter.ByLandClassAsync(counted[0], request.ProvinceCode, request.Filter, 0, cancellationToken);
            var events = request.Mode == CountMode.Events;
            warnings.Add(new TargetWarning(
                "GISTDA records with GISTDA's own land classes" + (events ? " (counted in detections, not events)" : ""),
                "ข้อมูลจุดความร้อนของ GISTDA กับประเภทที่ดินของ GISTDA เอง" + (events ? " (นับเป็นจุด ไม่ใช่เหตุการณ์)" : "")));
        }
        else if (snapshot is { } year)
        {
            byLandClass = await counter.ByLandClassAsync(counted[0], request.ProvinceCode, request.Filter, year, cancellationToken);
            var events = request.Mode == CountMode.Events ? (" (counted in detections, not events)", " (นับเป็นจุด ไม่ใช่เหตุการณ์)")
                : ("", "");
            warnings.Add(new TargetWarning($"land classes from the land-use snapshot {year}{events.Item1}",
                $"ประเภทที่ดินจากข้อมูลการใช้ที่ดินปี {year}{events.Item2}"));
        }
        var projects = await ResponsibleProjectsAsync(request.Period, request.ProvinceCode, cancellationToken);
        return new Counted(counted, toDate, counts, byLandClass, warnings, projects);
    }

    /// <summary>The table of <paramref name="districts"/> under the total row <paramref name="total"/>.</summary>
    /// <param name="coverage">The coverage of each counted period, in the order of <see cref="Counted.Periods"/>.</param>
    /// <param name="withWarnings">Carry the warnings (a province table inside a national one leaves them to the national).</param>
    private static HotspotTargetReport Build(HotspotTargetRequest request, Counted counted, IReadOnlyList<DistrictCount> districts,
        DistrictCount total, IReadOnlyList<Coverage> coverage, bool withWarnings)
    {
        var (periodCoverage, baselineCoverage) = (coverage[0], Coverage.Combine(coverage.Skip(1)));
        List<TargetWarning> warnings = withWarnings
            ? [.. CoverageWarnings(periodCoverage, baselineCoverage, counted.ToDate), .. counted.Warnings]
            : [];
        return HotspotTargets.Build(new HotspotTargetInputs
        {
            Period = request.Period,
            Baseline = request.Baseline,
            Mode = request.Mode,
            Districts = districts,
            Province = total,
            Counts = counted.Counts.Counts,
            BySensor = counted.Counts.BySensor,
            ByLandClass = counted.ByLandClass,
            Projects = counted.Projects,
            Settings = request.Settings,
            AsOf = request.AsOf,
            Warnings = warnings,
            PeriodCoverage = periodCoverage,
            BaselineCoverage = baselineCoverage,
            ToDate = counted.ToDate,
        });
    }

    /// <summary>What the verdicts rest on: the days with data of the period and the baseline, and why a verdict is withheld.</summary>
    private static IEnumerable<TargetWarning> CoverageWarnings(Coverage period, Coverage baseline, DateOnly? toDate)
    {
        if (toDate is { } day)
        {
            var (en, th) = (day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ThaiCalendar.DaySpan(day, day, th: true));
            yield return new TargetWarning(
                $"season in progress: counted to date ({en}), against the same days of the baseline",
                $"ฤดูยังไม่สิ้นสุด: นับถึงวันที่ {th} เทียบกับช่วงวันเดียวกันของช่วงฐาน");
        }
        if (!period.IsComplete || !baseline.IsComplete)
        {
            yield return new TargetWarning(
                $"data do not cover every day (period: {period.Describe(false)}; baseline: {baseline.Describe(false)}): verdicts are " +
                "'incomplete', not met or not-met - import the missing days, or declare a complete file's days with " +
                "'gis import firms --covers'",
                $"ข้อมูลไม่ครบทุกวัน (ช่วงนี้: {period.Describe(true)}; ช่วงฐาน: {baseline.Describe(true)}): " +
                "ผลเป็น 'ข้อมูลไม่ครบ' ไม่ตัดสินว่าบรรลุหรือไม่บรรลุเป้าหมาย");
        }
    }

    /// <summary>
    /// The request's source next to <paramref name="other"/>, per district and land class, in detections of the
    /// request's period and filter. FIRMS detections are classed by the land-use snapshot in force (all
    /// <c>unmapped</c> without one), GISTDA records by GISTDA.
    /// </summary>
    public async Task<HotspotSourceComparison> CompareAsync(HotspotTargetRequest request, HotspotSource other,
        CancellationToken cancellationToken = default)
    {
        // Compared per district and land class of one province: a national comparison is not offered.
        var provinceCode = request.ProvinceCode ?? throw new ArgumentException("A comparison of sources is made for one province.",
            nameof(request));
        var (districts, province) = await new AdminAreaQueries(store).DistrictsOfAsync(provinceCode, cancellationToken);
        if (districts.Count == 0)
            throw await new AdminAreaQueries(store).ProvinceNotImportedAsync(provinceCode, cancellationToken);
        var snapshot = SnapshotInForce(await new GreenChangeQueries(store).SnapshotsAsync(cancellationToken), request.Period);
        var warnings = new List<string>();
        if (request.Mode == CountMode.Events)
            warnings.Add("compared in detections, not events");
        if (request.Source == HotspotSource.Firms || other == HotspotSource.Firms)
        {
            warnings.Add(snapshot is { } year
                ? $"FIRMS land classes from the land-use snapshot {year}; GISTDA's from GISTDA's own land-class layers"
                : "no land-use snapshot is stored: FIRMS detections are all unmapped, compare the totals");
        }
        async Task<SourceCounts> CountAsync(HotspotSource source) => new(source, await new HotspotCounts(store, source)
            .ByLandClassAsync(request.Period, request.ProvinceCode, request.Filter, snapshot ?? 0, cancellationToken));
        return HotspotSourceComparison.Build(request.Period, districts, province, await CountAsync(request.Source),
            await CountAsync(other), warnings);
    }

    /// <summary>
    /// The land-use snapshot that describes the period: the latest surveyed in or before the period's last year,
    /// else (all surveys later) the earliest; null without any.
    /// </summary>
    private static int? SnapshotInForce(IReadOnlyList<int> snapshots, Period period)
    {
        var year = ThaiCalendar.BuddhistYear(period.To);
        return snapshots.Where(s => s <= year).Cast<int?>().Max() ?? snapshots.Cast<int?>().Min();
    }

    /// <summary>
    /// Hotspot-reduction projects of the fiscal years the period overlaps (a fire season lies in one fiscal year;
    /// work for it is budgeted in that year), for every district of the province, and those of the whole province.
    /// </summary>
    private async Task<List<ProjectResponsibility>> ResponsibleProjectsAsync(Period period, string? provinceCode,
        CancellationToken cancellationToken)
    {
        var queries = new ProjectQueries(store);
        var result = new List<ProjectResponsibility>();
        for (var year = ThaiCalendar.FiscalYear(period.From); year <= ThaiCalendar.FiscalYear(period.To); year++)
        {
            result.AddRange(await queries.ResponsibleProjectsByDistrictAsync(provinceCode, TargetKind.HotspotReduction, year,
                cancellationToken));
            result.AddRange(await queries.ProvinceWideProjectsAsync(provinceCode, TargetKind.HotspotReduction, year, cancellationToken));
        }
        return result;
    }

    /// <summary>
    /// Counts from different satellite sets are not comparable (NOAA-20 adds detections S-NPP alone would not see):
    /// say so when the current period and a baseline period were seen by different satellites. A period where the
    /// selection finds nothing is told apart from one where nothing at all is stored: the other series are named.
    /// </summary>
    private static async Task<List<TargetWarning>> WarningsAsync(HotspotCounts counter, PeriodCounts counts, HotspotTargetRequest request,
        IReadOnlyList<Period> baselinePeriods, CancellationToken ct)
    {
        var warnings = new List<TargetWarning>();
        var current = counts.SatellitesByPeriod.GetValueOrDefault(0, []);
        if (current.Count == 0 && await OtherSeriesAsync(counter, request, request.Period, ("the period", "ช่วงนี้"), ct) is { } other)
            warnings.Add(other);
        for (var i = 0; i < baselinePeriods.Count; i++)
        {
            var then = counts.SatellitesByPeriod.GetValueOrDefault(i + 1, []);
            if (then.Count == 0)
            {
                warnings.Add(await OtherSeriesAsync(counter, request, baselinePeriods[i], ("the baseline period", "ช่วงฐาน"), ct)
                    ?? new TargetWarning(
                    $"no detections at all are stored for the baseline period {baselinePeriods[i].Words(false)}: import its data, " +
                    "or every district shows no-baseline or a 100 % rise.",
                    $"ไม่มีข้อมูลจุดความร้อนของช่วงฐาน {baselinePeriods[i].Words(true)}: นำเข้าข้อมูลช่วงนั้นก่อน " +
                    "มิฉะนั้นทุกอำเภอจะไม่มีฐานหรือเพิ่มขึ้น 100 %"));
            }
            else if (current.Count > 0 && !current.SequenceEqual(then))
            {
                var (inPeriod, inBaseline) = (string.Join(",", current), string.Join(",", then));
                warnings.Add(new TargetWarning(
                    $"satellites differ: {inPeriod} in the period, {inBaseline} in {baselinePeriods[i].Words(false)}; " +
                    "counts are not comparable - choose one series with --satellite.",
                    $"ดาวเทียมต่างกัน: {inPeriod} ในช่วงนี้ แต่ {inBaseline} ในช่วง {baselinePeriods[i].Words(true)}; " +
                    "จำนวนเทียบกันไม่ได้ - เลือกดาวเทียมชุดเดียว (--satellite)"));
            }
        }
        return warnings;
    }

    /// <summary>
    /// When the selection finds nothing in <paramref name="period"/> but other series are stored there: a warning naming
    /// them, their counts and the option that chooses them. Null when nothing at all is stored for the period.
    /// </summary>
    private static async Task<TargetWarning?> OtherSeriesAsync(HotspotCounts counter, HotspotTargetRequest request, Period period,
        (string En, string Th) role, CancellationToken ct)
    {
        var stored = await counter.SeriesAsync(period, request.ProvinceCode, ct);
        if (stored.Count == 0)
            return null;
        var text = string.Join("; ", stored.GroupBy(s => s.Instrument).Select(g => g.Key + " " + string.Join(", ",
            g.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Satellite} {s.Count:N0}")))));
        var options = string.Join(" or ", stored.Select(s => "--instrument " + s.Instrument).Distinct());
        var selection = request.Filter.SeriesText;
        return new TargetWarning(
            $"no detections of the selection ({selection}) are stored for {role.En} {period.Words(false)}, but other series are: {text}; "
            + $"choose one with {options} (the period and its baseline are counted in the same series).",
            $"ไม่มีจุดความร้อนตามที่เลือก ({selection}) ของ{role.Th} {period.Words(true)} แต่มีของชุดอื่น: {text}; เลือกด้วย {options} "
            + "(ช่วงนี้และช่วงฐานนับด้วยชุดเดียวกัน)");
    }

    /// <summary>
    /// Stores <paramref name="report"/> as a new run (<c>target_run</c> with every parameter of
    /// <paramref name="request"/>, its district rows in <c>hotspot_target_result</c>), in one transaction. Earlier runs
    /// stay, whatever their parameters (ADR 0016).
    /// </summary>
    /// <param name="request">The request <paramref name="report"/> was computed for.</param>
    /// <param name="savedBy">Who saves it.</param>
    /// <returns>The id of the new run.</returns>
    public Task<long> SaveAsync(HotspotTargetRequest request, HotspotTargetReport report, string savedBy,
        CancellationToken cancellationToken = default) => SaveAsync(request, report, [], savedBy, cancellationToken);

    /// <summary>
    /// Stores a national result as one run (province null): every district's row, and the targets and caps of the
    /// province rows and the national row in its parameters.
    /// </summary>
    /// <returns>The id of the new run.</returns>
    public Task<long> SaveAsync(HotspotTargetRequest request, NationalHotspotTargets result, string savedBy,
        CancellationToken cancellationToken = default) =>
        SaveAsync(request with { ProvinceCode = null }, result.Nation, [.. result.Provinces.Select(p => p.Province)], savedBy,
            cancellationToken);

    private async Task<long> SaveAsync(HotspotTargetRequest request, HotspotTargetReport report, IReadOnlyList<HotspotTargetRow> totals,
        string savedBy, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var runId = await TargetRuns.InsertAsync(store, connection, tx, RunParameters(request, report, totals), savedBy, cancellationToken);
        // One statement for all rows: a national run has hundreds of districts.
        await Sql.ExecuteAsync(connection, tx, """
            INSERT INTO hotspot_target_result (run_id, district_code, count, baseline_count, change_pct, target_pct, status)
            SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::float8[], $5::float8[], $6::float8[], $7::text[])
            """, cancellationToken, runId, report.Districts.Select(r => r.Code).ToArray(), report.Districts.Select(r => r.Count).ToArray(),
            report.Districts.Select(r => r.Baseline).ToArray(), report.Districts.Select(r => r.ChangePercent).ToArray(),
            report.Districts.Select(r => r.TargetPercent).ToArray(), report.Districts.Select(r => Reduction.Code(r.Status)).ToArray());
        await tx.CommitAsync(cancellationToken);
        return runId;
    }

    private static TargetRunParameters RunParameters(HotspotTargetRequest request, HotspotTargetReport report,
        IReadOnlyList<HotspotTargetRow> totals)
    {
        static string? Join<T>(IEnumerable<T>? values) => values is null ? null : string.Join(",", values);
        var filter = request.Filter;
        // Targets and caps as judged, per district and for the province row, so a run says what it was held to.
        var targets = report.Districts.Concat(totals).Append(report.Province)
            .ToDictionary(r => r.Code, r => (object?)new Dictionary<string, object?>
            {
                ["target_pct"] = r.TargetPercent,
                ["cap"] = r.Cap?.Cap,
            });
        return new TargetRunParameters("hotspot", request.ProvinceCode,
            Period: report.Period.Label,
            Baseline: report.BaselineLabel,
            CountMode: report.CountMode == CountMode.Events ? "events" : "detections",
            Source: HotspotSources.Code(request.Source),
            Instrument: filter.Instrument,
            Satellites: Join(filter.Satellites),
            Confidences: Join(filter.Confidences),
            DayNight: filter.DayNight,
            Types: Join(filter.Types),
            TargetPercent: report.Province.TargetPercent,
            Extra: new Dictionary<string, object?>
            {
                ["as_of"] = request.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["targets"] = targets,
            });
    }
}
