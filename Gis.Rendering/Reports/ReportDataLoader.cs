using Gis.Core.Hotspots;
using Gis.Core.Targets;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Queries.Provenance;
using Gis.Importers.Store;
using Gis.Importers.Targets;
using Gis.Rendering.Maps;

namespace Gis.Rendering.Reports;

/// <summary>
/// Reads a district report's numbers from the target services (<see cref="HotspotTargetService"/>,
/// <see cref="GreenTargetService"/>, <see cref="HotspotCounts"/> for the trend) and its maps from
/// <see cref="MapDataLoader"/>, classed by those same results: the report never computes a number a second way.
/// </summary>
public sealed class ReportDataLoader(GisStore store)
{
    /// <summary>
    /// Builds the model. Cost: one target computation per target, one count over the trend periods, and a district
    /// query plus a hotspot query per map (province + one per district).
    /// </summary>
    /// <exception cref="StoreException">No districts of the province are imported.</exception>
    public async Task<ReportModel> LoadAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var th = request.Language == "th";
        var filter = request.Filter ?? new HotspotFilter();
        // As 'gis targets hotspots' with the same targets (default: the plan's -5 % everywhere), detections, run-rate
        // to the day made.
        var reduction = await new HotspotTargetService(store).ComputeAsync(new HotspotTargetRequest(
            request.Period, request.Baseline, request.ProvinceCode, filter, CountMode.Detections,
            request.Targets ?? new TargetSettings(), request.MadeOn), cancellationToken);
        GreenTargetReport? green = null;
        if (request is { GreenFrom: { } from, GreenTo: { } to })
            green = await new GreenTargetService(store).ComputeAsync(from, to, request.GreenYear ?? to, request.ProvinceCode,
                cancellationToken);

        var earlier = Enumerable.Range(1, request.TrendPeriods).Reverse().Select(request.Period.Previous).ToList();
        var counts = await new HotspotCounts(store).ByPeriodAsync(earlier, request.ProvinceCode, filter, CountMode.Detections,
            cancellationToken);
        // A period without one covered day has no count: its bar reads "no data", its cell stays empty.
        var covered = (await new HotspotCoverage(store).OfPeriodsAsync(earlier, filter, request.ProvinceCode, cancellationToken))
            .Select(c => !c.IsEmpty).ToList();

        var maps = new MapDataLoader(store);
        var computed = new MapThemeResults(reduction, green);
        var mapRequest = new MapRequest(MapTheme.Reduction, request.Period, request.Baseline, request.ProvinceCode, null,
            ShowHotspots: true, request.Language, request.MadeOn, Author: request.Author, Filter: filter);
        var provinceMap = await maps.LoadAsync(mapRequest, computed, cancellationToken);

        var districts = new List<DistrictReport>();
        foreach (var row in reduction.Districts)
        {
            var map = await maps.LoadAsync(mapRequest with { DistrictCode = row.Code }, computed, cancellationToken);
            List<TrendPoint> trend = [.. earlier.Select((p, i) => new TrendPoint(p,
                covered[i] ? counts.Counts.GetValueOrDefault((row.Code, i)) : null)),
                new TrendPoint(request.Period, reduction.PeriodHasNoData ? null : row.Count)];
            var change = green?.Change.Districts.FirstOrDefault(d => d.Code == row.Code);
            districts.Add(new DistrictReport(
                row,
                change,
                green?.ProjectsRai.GetValueOrDefault(row.Code),
                green is not null && green.Allocation.TryGetValue(row.Code, out var allocated) ? allocated : null,
                [.. green?.Projects.Where(p => p.DistrictCode == row.Code) ?? []],
                trend,
                map));
        }

        // The sources of every figure printed: the districts, the detections counted in the period, the baseline and the
        // trend's periods, and the land-use snapshots compared (ADR 0017).
        var provenance = new Credits(store);
        var sources = new List<string>();
        MapDataLoader.AddCredit(sources, th, th ? "ขอบเขตอำเภอ" : "Boundaries",
            await provenance.OfDistrictsAsync(request.ProvinceCode, null, cancellationToken));
        MapDataLoader.AddCredit(sources, th, th ? "จุดความร้อน" : "Hotspots", await provenance.OfHotspotsAsync(
            [request.Period, .. request.Baseline.PeriodsFor(request.Period), .. earlier], request.ProvinceCode, null, filter,
            cancellationToken));
        if (green is not null)
        {
            MapDataLoader.AddCredit(sources, th, th ? "การใช้ที่ดิน" : "Land use",
                await provenance.OfLandUseAsync([green.Change.FromYear, green.Change.ToYear], cancellationToken));
        }

        var placeName = provinceMap.PlaceName ?? request.ProvinceCode;
        // The title names only the targets the report holds: without land-use snapshots there is no green target in it.
        var title = (th, green is null) switch
        {
            (true, true) => "รายงานเป้าหมายจุดความร้อนรายอำเภอ " + placeName,
            (true, false) => "รายงานเป้าหมายจุดความร้อนและพื้นที่สีเขียวรายอำเภอ " + placeName,
            (false, true) => "District report on the hotspot target, " + placeName,
            _ => "District report on the hotspot and green-area targets, " + placeName,
        };
        return new ReportModel(request, title, provinceMap.PeriodText, placeName, reduction, green, provinceMap, districts, sources);
    }
}
