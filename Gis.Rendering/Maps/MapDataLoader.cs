using System.Globalization;
using Gis.Core;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Spatial;
using Gis.Core.Targets;
using Gis.Core.Time;
using Gis.Importers.Queries.AdminAreas;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Queries.Provenance;
using Gis.Importers.Store;
using Gis.Importers.Targets;
using NetTopologySuite.Algorithm.Construct;
using NetTopologySuite.Geometries;

namespace Gis.Rendering.Maps;

/// <summary>What to put on a map.</summary>
/// <param name="ShowHotspots">Draw the period's detections (the <c>hotspots</c> layer); the hotspots theme always does.</param>
/// <param name="DistrictCode">One district instead of the whole province.</param>
/// <param name="Language"><c>th</c> (Thai labels and texts) or <c>en</c>.</param>
/// <param name="GreenFrom">Earlier land-use snapshot (BE) for the green theme.</param>
/// <param name="GreenTo">Later land-use snapshot (BE) for the green theme.</param>
/// <param name="Author">Who made the map, printed in the margin.</param>
/// <param name="GreenYear">Year (BE) of the allocation the green theme compares with; default <paramref name="GreenTo"/>.</param>
/// <param name="Filter">Which detections the verdict and the points count (instrument, satellites); null: every VIIRS detection.</param>
/// <param name="HeatMap">Draw the detections as their density (detections per 100 km², ADR 0012) instead of points.</param>
/// <param name="Targets">Per-district targets and caps of the reduction theme, as <c>gis targets hotspots</c> takes them; null: the plan's
/// -5 % everywhere.</param>
/// <param name="Points">The detections to draw instead of the period's (an alert's new ones); null: the period's.</param>
public sealed record MapRequest(
    MapTheme Theme,
    Period Period,
    Baseline Baseline,
    string ProvinceCode,
    string? DistrictCode,
    bool ShowHotspots,
    string Language,
    DateOnly MadeOn,
    int? GreenFrom = null,
    int? GreenTo = null,
    int? GreenYear = null,
    string? Author = null,
    HotspotFilter? Filter = null,
    TargetSettings? Targets = null,
    bool HeatMap = false,
    IReadOnlyList<HotspotPoint>? Points = null);

/// <summary>
/// Target results computed already (by a report), so that its maps are classed by the very numbers its tables print
/// rather than by a second computation.
/// </summary>
public sealed record MapThemeResults(HotspotTargetReport? Reduction = null, GreenTargetReport? Green = null);

/// <summary>
/// Reads everything a map needs from PostGIS and turns it into a <see cref="MapModel"/>: geometries projected to
/// UTM 47N (so shapes and the scale bar are true), classes decided, legend built from the classes present. All
/// database work happens here, before drawing.
/// </summary>
public sealed class MapDataLoader(GisStore store)
{
    /// <summary>Builds the model. Cost: one query per layer plus, for the themes, one target computation.</summary>
    /// <exception cref="StoreException">No districts of the province (or the district) are imported.</exception>
    public Task<MapModel> LoadAsync(MapRequest request, CancellationToken cancellationToken = default) =>
        LoadAsync(request, new MapThemeResults(), cancellationToken);

    /// <summary>
    /// Builds the model, classing districts by <paramref name="computed"/> results where given (the target computation
    /// is skipped for them). Cost: one query per layer.
    /// </summary>
    /// <exception cref="StoreException">No districts of the province (or the district) are imported.</exception>
    public async Task<MapModel> LoadAsync(MapRequest request, MapThemeResults computed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(computed);
        var th = request.Language == "th";
        var shapes = await new DistrictShapes(store).DistrictsAsync(request.ProvinceCode, request.DistrictCode, cancellationToken);
        if (shapes.Count == 0)
        {
            throw request.DistrictCode is null
                ? await new AdminAreaQueries(store).ProvinceNotImportedAsync(request.ProvinceCode, cancellationToken)
                : new StoreException($"District {request.DistrictCode} is not imported (or not in province {request.ProvinceCode}).");
        }
        var (_, province) = await new AdminAreaQueries(store).DistrictsOfAsync(request.ProvinceCode, cancellationToken);

        var classes = new Dictionary<string, string>(StringComparer.Ordinal);
        var legend = new List<LegendEntry>();
        var notes = new List<string>();
        // Each layer credits the sources its imports recorded (ADR 0017), never a fixed name.
        var provenance = new Credits(store);
        var credits = new List<string>();
        AddCredit(credits, th, th ? "ขอบเขตอำเภอ" : "Boundaries",
            await provenance.OfDistrictsAsync(request.ProvinceCode, request.DistrictCode, cancellationToken));
        string title;
        var periodText = PeriodText(request.Period, th);
        (Coverage? Period, Coverage? Baseline)? reductionCoverage = null;
        switch (request.Theme)
        {
            case MapTheme.Reduction:
                {
                    var report = computed.Reduction ?? await new HotspotTargetService(store).ComputeAsync(new HotspotTargetRequest(
                        request.Period, request.Baseline, request.ProvinceCode,
                            request.Filter ?? new HotspotFilter(),
                        CountMode.Detections, request.Targets ?? new TargetSettings(), request.MadeOn), cancellationToken);
                    foreach (var row in report.Districts)
                        classes[row.Code] = Reduction.Code(row.Status);
                    reductionCoverage = (report.PeriodCoverage, report.BaselineCoverage);
                    title = ThemeTitle(MapTheme.Reduction, th);
                    var baselineText = BaselineText(request.Baseline, request.Period, th);
                    var series = (request.Filter ?? new HotspotFilter()).SeriesText;
                    var targetText = TargetText(report.Districts.Where(r => request.DistrictCode is null
                        || r.Code == request.DistrictCode), th);
                    notes.Add(th ? $"เทียบกับ {baselineText}, เป้าหมาย {targetText} ({series})"
                                 : $"Compared with {baselineText}, target {targetText} ({series} detections)");
                    AddCredit(credits, th, th ? "จุดความร้อน" : "Hotspots", await provenance.OfHotspotsAsync(
                        [request.Period, .. request.Baseline.PeriodsFor(request.Period)], request.ProvinceCode, request.DistrictCode,
                        request.Filter ?? new HotspotFilter(), cancellationToken));
                    break;
                }
            case MapTheme.Green:
                {
                    var from = request.GreenFrom ?? throw new ArgumentException("The green theme needs --green-from and --green-to.",
                        nameof(request));
                    var to = request.GreenTo ?? throw new ArgumentException("The green theme needs --green-from and --green-to.",
                        nameof(request));
                    var year = request.GreenYear ?? to;
                    var report = computed.Green ?? await new GreenTargetService(store).ComputeAsync(from, to, year, request.ProvinceCode,
                        cancellationToken);
                    foreach (var row in report.Change.Districts)
                        classes[row.Code] = GreenClass(row.NetRai, report.Allocation.TryGetValue(row.Code, out var a) ? a : null);
                    title = ThemeTitle(MapTheme.Green, th);
                    // The green target is about land-use surveys, not the hotspot period: they name the time shown.
                    periodText = th ? $"การใช้ที่ดิน พ.ศ. {from} ถึง {to}, เป้าหมายที่จัดสรรปี {year}"
                        : $"Land use {from} to {to} BE, allocation of {year} BE";
                    AddCredit(credits, th, th ? "การใช้ที่ดิน" : "Land use",
                        await provenance.OfLandUseAsync([from, to], cancellationToken));
                    break;
                }
            default:
                title = ThemeTitle(MapTheme.Hotspots, th);
                break;
        }
        var placeName = request.DistrictCode is null ? ProvincePlace(province, th)
            : th ? "อำเภอ" + shapes[0].NameTh : shapes[0].NameEn + " district";
        if (request.DistrictCode is not null)
            title = title.Replace("รายอำเภอ", "", StringComparison.Ordinal).Replace(" by district", "", StringComparison.Ordinal).TrimEnd();
        title = th ? $"{title} {placeName}" : $"{title}, {placeName}";

        var utm = Reprojection.Wgs84ToUtm47N;
        var districts = new List<MapDistrict>();
        var extent = new Envelope();
        foreach (var shape in shapes)
        {
            var geometry = utm.Apply(shape.Boundary);
            extent.ExpandToInclude(geometry.EnvelopeInternal);
            var key = request.Theme == MapTheme.Hotspots ? "district"
                : classes.GetValueOrDefault(shape.Code, request.Theme == MapTheme.Green ? "no-allocation" : "no-baseline");
            // The label goes at the pole of inaccessibility: inside even for crescent or multi-part districts, and far
            // from the border so the text fits.
            var labelAt = MaximumInscribedCircle.GetCenter(geometry, 100).Coordinate;
            districts.Add(new MapDistrict(shape.Code, th ? shape.NameTh : shape.NameEn, geometry, labelAt, key));
        }

        var neighbours = new List<MapDistrict>();
        if (request.DistrictCode is { } code)
        {
            foreach (var shape in await new DistrictShapes(store).NeighboursAsync(code, cancellationToken))
            {
                var geometry = utm.Apply(shape.Boundary);
                // Labelled by the renderer, which alone knows which part of a neighbour the frame shows.
                neighbours.Add(new MapDistrict(shape.Code, th ? shape.NameTh : shape.NameEn, geometry, geometry.Centroid.Coordinate,
                    NeighbourKey));
            }
        }

        var hotspots = new List<MapHotspot>();
        if (request.ShowHotspots || request.Theme == MapTheme.Hotspots)
        {
            foreach (var p in request.Points ?? await new HotspotPoints(store).InPeriodAsync(request.Period, request.ProvinceCode,
                request.DistrictCode, request.Filter ?? new HotspotFilter(), cancellationToken))
            {
                var projected = utm.Apply(new Point(p.Longitude, p.Latitude) { SRID = Srid.Wgs84 }).Coordinate;
                hotspots.Add(new MapHotspot(projected.X, projected.Y, p.Longitude, p.Latitude, p.Confidence));
            }
            if (request.Theme != MapTheme.Reduction)
            {
                AddCredit(credits, th, th ? "จุดความร้อน" : "Hotspots",
                    await provenance.OfHotspotsAsync([request.Period], request.ProvinceCode,
                    request.DistrictCode, request.Filter ?? new HotspotFilter(), cancellationToken));
            }
        }

        // Every map of hotspots says how much of its period (and baseline) the store holds data for (ADR 0015).
        if (request.Theme == MapTheme.Reduction && reductionCoverage is var (period, baseline))
        {
            notes.Add(CoverageText(period, baseline, th));
        }
        else if (request.ShowHotspots || request.Theme == MapTheme.Hotspots)
        {
            notes.Add(CoverageText(await new HotspotCoverage(store).OfPeriodAsync(request.Period, request.Filter ?? new HotspotFilter(),
                request.ProvinceCode, cancellationToken), null, th));
        }
        legend.AddRange(AreaLegend(request.Theme, th, districts));
        // Without a count: context, and the frame shows only some of them.
        if (neighbours.Count > 0)
        {
            legend.Add(new LegendEntry(NeighbourKey, th ? "อำเภอข้างเคียง" : "neighbouring districts", SymbolKind.Area,
                MapStyles.Neighbour, MapStyles.NeighbourInk, neighbours.Count));
        }
        if (request.HeatMap)
            legend.AddRange(HeatLegend(hotspots, th));
        foreach (var confidence in request.HeatMap ? [] : new[] { Confidence.Low, Confidence.Nominal, Confidence.High })
        {
            var count = hotspots.Count(h => h.Confidence == confidence);
            if (count == 0)
                continue;
            var style = MapStyles.HotspotClasses[(int)confidence];
            legend.Add(new LegendEntry(style.Key, $"{style.Label(request.Language)} ({count.ToString("N0", CultureInfo.InvariantCulture)})",
                style.Kind, style.Fill, style.Outline, count));
        }

        return new MapModel(request.Theme, request.Language, title, periodText, extent, districts, hotspots, legend, credits,
            CrsNote, notes, request.MadeOn, request.Author, placeName)
        { Neighbours = neighbours, HotspotsAsHeat = request.HeatMap };
    }

    /// <summary>The projection every map is drawn in, as its margin names it.</summary>
    internal const string CrsNote = "WGS 84 / UTM zone 47N (EPSG:32647)";

    /// <summary>The province as a title names it: "จังหวัดเชียงใหม่", "Chiang Mai province".</summary>
    /// <param name="province">The province row of <see cref="AdminAreaQueries.DistrictsOfAsync"/>.</param>
    internal static string ProvincePlace(DistrictCount province, bool th) =>
        // Named as imported, or as DOPA names it when district files came without the province polygon.
        th ? "จังหวัด" + province.NameTh : province.NameEn + " province";

    /// <summary>The title of a theme's province map, before the place: "การลดจุดความร้อนรายอำเภอ".</summary>
    internal static string ThemeTitle(MapTheme theme, bool th) => theme switch
    {
        MapTheme.Reduction => th ? "การลดจุดความร้อนรายอำเภอ" : "Hotspot reduction by district",
        MapTheme.Green => th ? "พื้นที่สีเขียวเพิ่มสุทธิเทียบเป้าหมายรายอำเภอ" : "Net green area against each district's allocation",
        _ => th ? "จุดความร้อน" : "Fire hotspots",
    };

    /// <summary>One credit line of a layer, in the map's language; none for a layer that drew no imported data.</summary>
    internal static void AddCredit(List<string> credits, bool th, string layer, IReadOnlyList<string> sources)
    {
        if (sources.Count > 0)
            credits.Add(layer + ": " + string.Join(", ", sources.Select(s => th ? CreditText.Thai(s) : s)));
    }

    /// <summary>The target of the districts shown: one percentage when they share it, else the range of theirs.</summary>
    public static string TargetText(IEnumerable<HotspotTargetRow> rows, bool th)
    {
        var targets = rows.Select(r => r.TargetPercent).Distinct().Order().ToList();
        return targets.Count switch
        {
            0 => "-",
            1 => string.Create(CultureInfo.InvariantCulture, $"{targets[0]:0.##} %"),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"{(th ? "รายอำเภอ" : "per district")} {targets[0]:0.##} {(th ? "ถึง" : "to")} {targets[^1]:0.##} %"),
        };
    }

    /// <summary>
    /// The heat classes from the lowest up to the highest the density reaches at a detection (where it peaks): a
    /// kernel density is continuous and falls to 0, so every class below the highest is drawn too. Keys heat-0...
    /// </summary>
    private static IEnumerable<LegendEntry> HeatLegend(IReadOnlyList<MapHotspot> hotspots, bool th)
    {
        var points = hotspots.Select(h => (h.Easting, h.Northing)).ToList();
        var top = -1;
        foreach (var (x, y) in points)
        {
            // The density at the detection itself: a one-cell surface centred on it (farther detections touch no cell).
            var density = HeatDensity.Surface(points, new DensityGrid(x - 0.5, y + 0.5, 1, 1, 1))[0];
            top = Math.Max(top, HeatDensity.ClassOf(density));
        }
        foreach (var style in MapStyles.HeatClasses.Take(top + 1))
            yield return new LegendEntry(style.Key, style.Label(th ? "th" : "en"), style.Kind, style.Fill, style.Outline, 0);
    }

    /// <summary>Class key of the districts around a district's own map.</summary>
    public const string NeighbourKey = "neighbour";

    /// <summary>The green class of a district: share of its allocation reached by the net change.</summary>
    public static string GreenClass(double netRai, int? allocationRai) => (netRai, allocationRai) switch
    {
        (_, null) => "no-allocation",
        // A district can be allotted 0 rai (no restorable land in the weighting): nothing to reach, but no verdict either.
        (_, <= 0) => "zero-allocation",
        ( <= 0, _) => "green-none",
        var (net, a) when net < MapStyles.GreenMidShare * a.Value => "green-low",
        var (net, a) when net < a.Value => "green-mid",
        _ => "green-met",
    };

    private static IEnumerable<LegendEntry> AreaLegend(MapTheme theme, bool th, IReadOnlyList<MapDistrict> districts)
    {
        // Fixed order per theme; a class without any district is not listed, so the legend shows what is drawn.
        var classes = theme switch
        {
            MapTheme.Reduction => MapStyles.ReductionClasses,
            MapTheme.Green => MapStyles.GreenClasses,
            _ => MapStyles.DistrictClasses,
        };
        foreach (var style in classes)
        {
            var count = districts.Count(d => d.ClassKey == style.Key);
            if (count > 0)
                yield return new LegendEntry(style.Key, $"{style.Label(th ? "th" : "en")} ({count.ToString(CultureInfo.InvariantCulture)})",
                    style.Kind, style.Fill, style.Outline, count);
        }
    }

    /// <summary>A day with its Buddhist Era year: "25 พ.ย. 2569" or "25 Nov 2569" (the calendar's month names).</summary>
    public static string DayText(DateOnly day, bool th) => ThaiCalendar.DaySpan(day, day, th);

    /// <summary>
    /// What a figure rests on: "ข้อมูล: ช่วงนี้ มีข้อมูล 32 จาก 151 วัน (25 มี.ค.-18 พ.ค. 2569); ช่วงฐาน ไม่มีข้อมูล (0 จาก 151 วัน)",
    /// "Data: period data on 32 of 151 days, 25 Mar-18 May 2569; baseline no data (0 of 151 days)". Empty when unknown.
    /// </summary>
    internal static string CoverageText(Coverage? period, Coverage? baseline, bool th)
    {
        if (period is null)
            return "";
        var text = th ? "ข้อมูล: ช่วงนี้ " + period.Describe(true) : "Data: period " + period.Describe(false);
        return baseline is null ? text : text + (th ? "; ช่วงฐาน " + baseline.Describe(true) : "; baseline " + baseline.Describe(false));
    }

    /// <summary>The period with Buddhist Era years, e.g. "ฤดูไฟ 2569: 1 ม.ค. 2569 - 31 พ.ค. 2569".</summary>
    internal static string PeriodText(Period period, bool th)
    {
        var name = period.Kind == PeriodKind.Dates ? "" : PeriodName(period, th) + ": ";
        if (!th && name.Length > 0)
            name = char.ToUpperInvariant(name[0]) + name[1..];
        return name + DayText(period.From, th) + " - " + DayText(period.To, th) + (th ? "" : " BE");
    }

    /// <summary>The baseline for people: "ฤดูไฟ 2568" for one period, "mean:3 (season:2566..season:2568)" for a mean.</summary>
    internal static string BaselineText(Baseline baseline, Period current, bool th)
    {
        var periods = baseline.PeriodsFor(current);
        return periods.Count == 1 ? PeriodName(periods[0], th) : baseline.LabelFor(current);
    }

    /// <summary>The period's short name: "ฤดูไฟ 2569", "Fire season 2569 BE"; the days for a date range.</summary>
    internal static string PeriodName(Period period, bool th) => (period.Kind, th) switch
    {
        (PeriodKind.Season, true) => $"ฤดูไฟ {period.Year}",
        (PeriodKind.Fiscal, true) => $"ปีงบประมาณ {period.Year}",
        (PeriodKind.Year, true) => $"ปี {period.Year}",
        (PeriodKind.Season, false) => $"fire season {period.Year} BE",
        (PeriodKind.Fiscal, false) => $"fiscal year {period.Year} BE",
        (PeriodKind.Year, false) => $"year {period.Year} BE",
        _ => DayText(period.From, th) + " - " + DayText(period.To, th),
    };
}
