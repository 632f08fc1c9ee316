using System.Collections.Concurrent;
using Gis.Core.Admin;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Plans;
using Gis.Core.Targets;
using Gis.Core.Time;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Queries.LandUse;
using Gis.Importers.Targets;
using Gis.Rendering.Maps;

namespace Gis.Desktop.Api;

/// <summary>
/// Both targets per district, as <c>gis targets hotspots</c> (defaults: VIIRS detections, target -5 %, baseline as
/// asked) and <c>gis targets green</c> compute them: the numbers come from <see cref="HotspotTargetService"/> and
/// <see cref="GreenTargetService"/>, never from a query of this file.
/// </summary>
internal static class TargetEndpoints
{
    /// <summary>Periods the trend chart shows: the chosen one and this many before it.</summary>
    public const int TrendPeriodsBack = 5;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/districts/metrics", async (string? period, string? baseline, string? instrument, int? green_from, int? green_to,
            int? year, GisStore store, DesktopOptions options, TargetComputations computations, CancellationToken ct) =>
        {
            var request = TargetViewRequest.Of(options.ProvinceCode, RequestValues.Period(period), baseline, instrument, green_from,
                green_to, year);
            var view = await computations.ComputeAsync(store, request, ct);
            return Results.Ok(new MetricsJson(PeriodJson.Of(view.Hotspots.Period), view.Hotspots.BaselineLabel,
                // The page shows them in its language.
                view.Hotspots.Warnings, GreenYearsJson.Of(view.Green), HotspotTargetJson.Of(view.Hotspots.Province, view.Hotspots),
                view.Hotspots.Districts.Select(d => new DistrictMetricsJson(d.Code, d.NameTh, d.NameEn,
                    HotspotTargetJson.Of(d, view.Hotspots), GreenJson.Of(view.Green, d.Code)))));
        });

        app.MapGet("/api/districts/{code}", async (string code, string? period, string? baseline, string? instrument, int? green_from,
            int? green_to, int? year, GisStore store, DesktopOptions options, TargetComputations computations, CancellationToken ct) =>
        {
            var districtCode = DopaCode.TryNormalize(code, out var c) && c.Length == 4 ? c
                : throw new ApiInputException($"'{code}' is not a district code (four digits, e.g. 5004).");
            var current = RequestValues.Period(period);
            var request = TargetViewRequest.Of(options.ProvinceCode, current, baseline, instrument, green_from, green_to, year);
            var view = await computations.ComputeAsync(store, request, ct);
            var row = view.Hotspots.Districts.FirstOrDefault(d => d.Code == districtCode)
                ?? throw new ApiInputException(
                    $"District {districtCode} is not a district of province {options.ProvinceCode} in the store.");
            // The trend counts the same way as the target (same filter and mode).
            var periods = TargetComputations.TrendPeriods(current);
            var counts = await computations.TrendAsync(store, options.ProvinceCode, current, request.Filter, ct);
            // A period without one covered day is null in the trend (no data), never 0.
            var covered = await new HotspotCoverage(store).OfPeriodsAsync(periods, request.Filter, options.ProvinceCode, ct);
            var greenProjects = view.Green?.Projects.Where(p => p.DistrictCode == districtCode) ?? [];
            return Results.Ok(new DistrictJson(row.Code, row.NameTh, row.NameEn, PeriodJson.Of(view.Hotspots.Period),
                view.Hotspots.BaselineLabel, HotspotTargetJson.Of(row, view.Hotspots), GreenJson.Of(view.Green, row.Code),
                GreenYearsJson.Of(view.Green),
                periods.Select((p, i) => new TrendJson(p.Label, p.Year, p.From, p.To,
                    covered[i].IsEmpty ? null : counts.Counts.GetValueOrDefault((row.Code, i)))),
                new CoveragePairJson(CoverageJson.Of(view.Hotspots.PeriodCoverage), CoverageJson.Of(view.Hotspots.BaselineCoverage)),
                row.Projects.Select(p => ProjectJson.Of(p, "hotspot")).Concat(greenProjects.Select(p => ProjectJson.Of(p, "green")))));
        });
    }
}

// The answers' shapes. The host's JSON policy is snake_case, so ChangePct goes out as change_pct; values are the
// services' own, rounded or renamed only where said.

/// <summary><c>/api/districts/metrics</c>: every district's numbers of both targets, and the province's hotspot numbers.</summary>
internal sealed record MetricsJson(PeriodJson Period, string Baseline, IReadOnlyList<TargetWarning> Warnings, GreenYearsJson? Green,
    HotspotTargetJson Province, IEnumerable<DistrictMetricsJson> Districts);

/// <summary>One district in <see cref="MetricsJson"/>; <paramref name="Green"/> is null without two land-use snapshots.</summary>
internal sealed record DistrictMetricsJson(string Code, string NameTh, string NameEn, HotspotTargetJson Hotspots, GreenJson? Green);

/// <summary><c>/api/districts/{code}</c>: the district's panel, with its trend (oldest period first) and responsible projects.</summary>
internal sealed record DistrictJson(string Code, string NameTh, string NameEn, PeriodJson Period, string Baseline,
    HotspotTargetJson Hotspots,
    GreenJson? Green, GreenYearsJson? GreenYears, IEnumerable<TrendJson> Trend, CoveragePairJson Coverage,
    IEnumerable<ProjectJson> Projects);

/// <summary>The days with data of the period and of the baseline (ADR 0015), as the CLI's JSON writes them.</summary>
internal sealed record CoveragePairJson(CoverageJson? Period, CoverageJson? Baseline);

/// <summary>One coverage: days with data of the days asked, first and last covered day, and the sentence in both languages.</summary>
internal sealed record CoverageJson(int DaysWithData, int Days, DateOnly? First, DateOnly? Last, string Th, string En)
{
    public static CoverageJson? Of(Coverage? c) => c is null ? null : new(c.DaysWithData, c.Days, c.First, c.Last, c.Describe(true),
        c.Describe(false));
}

/// <summary>A period with its kind in lower case (season, fiscal, year, dates).</summary>
internal sealed record PeriodJson(string Label, string Kind, int? Year, DateOnly From, DateOnly To)
{
    public static PeriodJson Of(Period p) => new(p.Label, p.Kind.ToString().ToLowerInvariant(), p.Year, p.From, p.To);
}

/// <summary>The land-use snapshots compared and the allocation year; null without a green report.</summary>
internal sealed record GreenYearsJson(int From, int To, int Year)
{
    public static GreenYearsJson? Of(GreenTargetReport? report) => report is { } g ? new(g.Change.FromYear, g.Change.ToYear, g.Year) : null;
}

/// <summary>A row of the hotspot target: change % rounded to 2 decimals, the verdict as its code (met, not-met, no-baseline).</summary>
/// <param name="Count">Null when the store covers no day of the period: no data, never 0 (ADR 0015).</param>
/// <param name="Baseline">Null when it covers no day of the baseline.</param>
internal sealed record HotspotTargetJson(long? Count, double? Baseline, double? ChangePct, double TargetPct, string Status,
    IReadOnlyDictionary<string, long> BySensor, IReadOnlyDictionary<string, long> ByLandClass)
{
    public static HotspotTargetJson Of(HotspotTargetRow r, HotspotTargetReport report)
    {
        var (noPeriod, noBaseline) = (report.PeriodHasNoData, report.BaselineHasNoData);
        return new(noPeriod ? null : r.Count, noBaseline ? null : r.Baseline,
            r.ChangePercent is { } v && !noPeriod && !noBaseline ? Math.Round(v, 2) : null, r.TargetPercent, Reduction.Code(r.Status),
            r.BySensor, r.ByLandClass);
    }
}

/// <summary>A district's green numbers and its class on the green map (<see cref="MapDataLoader.GreenClass"/>).</summary>
internal sealed record GreenJson(double GainRai, double LossRai, double NetRai, double ProjectsRai, int? AllocationRai, string Class)
{
    /// <summary>Null when there is no green report or the district is not in it.</summary>
    public static GreenJson? Of(GreenTargetReport? report, string code)
    {
        if (report?.Change.Districts.FirstOrDefault(d => d.Code == code) is not { } change)
            return null;
        int? allocation = report.Allocation.TryGetValue(code, out var a) ? a : null;
        return new(change.GainRai, change.LossRai, change.NetRai, report.ProjectsRai.GetValueOrDefault(code), allocation,
            MapDataLoader.GreenClass(change.NetRai, allocation));
    }
}

/// <summary>Detections of the district in one period of the trend.</summary>
/// <param name="Count">Null when the store covers no day of the period: no data, never 0.</param>
internal sealed record TrendJson(string Label, int? Year, DateOnly From, DateOnly To, long? Count);

/// <summary>A project responsible for a district's number; <paramref name="Kind"/> is hotspot or green.</summary>
internal sealed record ProjectJson(string Code, string NameTh, string NameEn, int FiscalYear, string Kind, double? Share, double? AreaRai,
    bool NamesDistrict)
{
    public static ProjectJson Of(ProjectResponsibility p, string kind) =>
        new(p.ProjectCode, p.NameTh, p.NameEn, p.FiscalYear, kind, p.Share, p.AreaRai, p.NamesDistrict);
}

/// <summary>
/// What the page asks both targets for: the hotspot period, baseline and series, and the green snapshots and year (BE).
/// </summary>
/// <param name="Filter">The hotspot series (VIIRS by default, as the command line).</param>
/// <param name="GreenFrom">Earlier land-use snapshot; with <paramref name="GreenTo"/> null, the two latest stored.</param>
/// <param name="Year">Year of the green projects and the allocation; null: <paramref name="GreenTo"/>.</param>
internal sealed record TargetViewRequest(string ProvinceCode, Period Period, Baseline Baseline, HotspotFilter Filter, int? GreenFrom = null,
    int? GreenTo = null, int? Year = null)
{
    /// <summary>The request from the page's query values, each checked (<see cref="RequestValues"/>).</summary>
    public static TargetViewRequest Of(string provinceCode, Period period, string? baseline, string? instrument, int? greenFrom,
        int? greenTo, int? year) =>
        new(provinceCode, period, RequestValues.Baseline(baseline), RequestValues.Filter(instrument),
            RequestValues.BeYear(greenFrom, "green_from"), RequestValues.BeYear(greenTo, "green_to"), RequestValues.BeYear(year, "year"));
}

/// <summary>Both target reports of one request.</summary>
internal sealed record TargetView(HotspotTargetReport Hotspots, GreenTargetReport? Green);

/// <summary>
/// The target services' results for the page, computed once per request and data version: the district numbers take
/// seconds over a season of a busy province, and every page load and district click asks for them. A result is served
/// while <see cref="DataVersion"/> stays what it was when the computation began (ADR 0013); an import, a land-use
/// snapshot or a planner edit moves it. Computing only reads the store, so requests never wait for each other; those
/// asking for the same numbers while they are being computed share that one computation.
/// </summary>
internal sealed class TargetComputations
{
    /// <summary>Bounded: when full it starts again empty (a page asks for a handful of periods).</summary>
    private const int MaxEntries = 256;

    // "Today" is part of the key: it decides whether the period is still running (a warning, a partial count).
    private sealed record ViewKey(TargetViewRequest Request, DateOnly Today);

    private sealed record TrendKey(string Province, Period Current, HotspotFilter Filter);

    private readonly ConcurrentDictionary<object, (DataVersion Version, Lazy<Task<object>> Value)> _results = new();

    public Task<TargetView> ComputeAsync(GisStore store, TargetViewRequest request, CancellationToken ct)
    {
        var today = Bangkok.LocalDay(DateTime.UtcNow);
        return CachedAsync(store, new ViewKey(request, today), shared => ComputeNowAsync(store, request, today, shared), ct);
    }

    /// <summary>
    /// Detections per district in <paramref name="current"/> and the <see cref="TargetEndpoints.TrendPeriodsBack"/>
    /// periods before it, counted as the target counts them (one scan for all periods); period index 0 is the oldest.
    /// </summary>
    public Task<PeriodCounts> TrendAsync(GisStore store, string provinceCode, Period current, HotspotFilter filter, CancellationToken ct) =>
        CachedAsync(store, new TrendKey(provinceCode, current, filter), shared => new HotspotCounts(store).ByPeriodAsync(
            TrendPeriods(current), provinceCode, filter, CountMode.Detections, shared), ct);

    public static IReadOnlyList<Period> TrendPeriods(Period current) =>
        Enumerable.Range(0, TargetEndpoints.TrendPeriodsBack
            + 1).Select(i => current.Previous(TargetEndpoints.TrendPeriodsBack - i)).ToList();

    /// <summary>
    /// The value under <paramref name="key"/> for the current data version: kept, being computed (then awaited), or
    /// computed now. The computation gets no request's cancellation (others may be waiting for it); a request that
    /// is cancelled only stops waiting.
    /// </summary>
    private async Task<T> CachedAsync<T>(GisStore store, object key, Func<CancellationToken, Task<T>> compute, CancellationToken ct)
        where T : class
    {
        // The version is read before computing: data committed during the computation moves it, so a result that
        // may have missed that data is never served under the newer version.
        var version = await DataVersion.ReadAsync(store, ct);
        if (_results.Count >= MaxEntries)
            _results.Clear();
        var fresh = (version, new Lazy<Task<object>>(async () => await compute(CancellationToken.None)));
        var entry = _results.AddOrUpdate(key, _ => fresh, (_, old) => old.Version == version ? old : fresh);
        try
        {
            return (T)await entry.Value.Value.WaitAsync(ct);
        }
        catch when (entry.Value.Value.IsFaulted || entry.Value.Value.IsCanceled)
        {
            // A failed computation is not kept: the next request tries again.
            _results.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    private static async Task<TargetView> ComputeNowAsync(GisStore store, TargetViewRequest request, DateOnly today, CancellationToken ct)
    {
        var (provinceCode, greenFrom, greenTo) = (request.ProvinceCode, request.GreenFrom, request.GreenTo);
        var hotspots = await new HotspotTargetService(store).ComputeAsync(new HotspotTargetRequest(request.Period, request.Baseline,
            provinceCode, request.Filter, CountMode.Detections, new TargetSettings(), today), ct);
        // Without snapshots named, the two latest: the change the office reports now.
        var snapshots = await new GreenChangeQueries(store).SnapshotsAsync(ct);
        if (greenFrom is null && greenTo is null && snapshots.Count >= 2)
            (greenFrom, greenTo) = (snapshots[^2], snapshots[^1]);
        GreenTargetReport? green = null;
        if (greenFrom is { } from && greenTo is { } to)
        {
            if (!snapshots.Contains(from) || !snapshots.Contains(to))
                throw new ApiInputException(
                    $"land-use snapshots {from} and {to} are not both imported (stored: {string.Join(", ", snapshots)}).");
            green = await new GreenTargetService(store).ComputeAsync(from, to, request.Year ?? to, provinceCode, ct);
        }
        return new TargetView(hotspots, green);
    }
}
