using System.Globalization;
using Gis.Core.Hotspots;
using Gis.Core.LandUse;

namespace Gis.Rendering.Maps;

/// <summary>
/// The map's colours, named once. Verdict colours are Okabe-Ito (safe for the common colour-vision deficiencies);
/// green classes are ColorBrewer "Greens" (sequential: darker means more of the allocation reached).
/// </summary>
public static class MapStyles
{
    /// <summary>District outline.</summary>
    public static readonly MapColor Outline = MapColor.FromHex("#4D4D4D");

    /// <summary>Fill of the districts around the one a district map shows: context, paler than any class colour.</summary>
    public static readonly MapColor Neighbour = MapColor.FromHex("#E3E3E3");

    /// <summary>Outline and label colour of those districts.</summary>
    public static readonly MapColor NeighbourInk = MapColor.FromHex("#8C8C8C");

    /// <summary>District fill when the theme colours points, not areas.</summary>
    public static readonly MapColor PlainDistrict = MapColor.FromHex("#F2F0EB");

    /// <summary>Okabe-Ito blue: the district met its reduction target.</summary>
    public static readonly MapColor Met = MapColor.FromHex("#0072B2");

    /// <summary>Okabe-Ito orange: the district did not meet its reduction target.</summary>
    public static readonly MapColor NotMet = MapColor.FromHex("#E69F00");

    /// <summary>Neutral grey: no verdict (baseline 0, or no allocation).</summary>
    public static readonly MapColor NoVerdict = MapColor.FromHex("#BBBBBB");

    /// <summary>Light grey: the district's allocation is 0 rai.</summary>
    public static readonly MapColor ZeroAllocation = MapColor.FromHex("#E0E0E0");

    /// <summary>Greens from light (net loss or nothing) to dark (allocation reached).</summary>
    public static readonly MapColor[] Greens = [MapColor.FromHex("#EDF8E9"), MapColor.FromHex("#BAE4B3"), MapColor.FromHex("#74C476"),
        MapColor.FromHex("#238B45")];

    /// <summary>
    /// The fill of a district class (a legend key): the reduction verdicts (met, not-met, no-baseline), the green classes
    /// (green-none ... green-met, zero-allocation, no-allocation) and the plain district. Maps, legends and report tables
    /// all take it from here; any other key has no verdict.
    /// </summary>
    public static MapColor ClassFill(string classKey) =>
        ReductionClasses.Concat(GreenClasses).Concat(DistrictClasses).FirstOrDefault(c => c.Key == classKey)?.Fill ?? NoVerdict;

    /// <summary>
    /// Hotspot fill by confidence l, n, h: ColorBrewer "Reds", light to dark. Reds, because they must stand apart
    /// from every area fill they are drawn over (the verdict blue and orange, the greens, the greys).
    /// </summary>
    public static readonly MapColor[] Hotspot = [MapColor.FromHex("#FC9272"), MapColor.FromHex("#EF3B2C"), MapColor.FromHex("#99000D")];

    /// <summary>
    /// Heat map classes (detections per 100 km², lower limits in <c>HeatDensity.ClassBreaks</c>): ColorBrewer "YlOrRd"
    /// of 9 without its near-white first colour, so the lowest class still shows on the pale map. Sequential and safe for
    /// the common colour-vision deficiencies.
    /// </summary>
    public static readonly MapColor[] Heat =
    [
        MapColor.FromHex("#FFEDA0"), MapColor.FromHex("#FED976"), MapColor.FromHex("#FEB24C"), MapColor.FromHex("#FD8D3C"),
        MapColor.FromHex("#FC4E2A"), MapColor.FromHex("#E31A1C"), MapColor.FromHex("#BD0026"), MapColor.FromHex("#800026"),
    ];

    /// <summary>Hotspot outline: keeps light points visible on light fills.</summary>
    public static readonly MapColor HotspotOutline = MapColor.FromHex("#3B0A00");

    /// <summary>Width of a district outline on paper, mm.</summary>
    public const float OutlineWidthMm = 0.25f;

    /// <summary>Width of a hotspot's outline on paper, mm.</summary>
    public const float HotspotOutlineWidthMm = 0.12f;

    /// <summary>Diameter of a hotspot symbol on paper, mm: small enough that a season's detections stay apart at province scale,
    /// large enough to see in print.</summary>
    public const float HotspotDiameterMm = 1.1f;

    /// <summary>The reduction verdicts, in legend order (keys as <c>hotspot_target_result.status</c> stores them).</summary>
    public static IReadOnlyList<MapClass> ReductionClasses { get; } =
    [
        Area("met", "บรรลุเป้าหมาย", "target met", Met),
        Area("not-met", "ไม่บรรลุเป้าหมาย", "target not met", NotMet),
        Area("no-baseline", "ไม่มีฐานเปรียบเทียบ (ฐาน 0)", "no baseline (0 hotspots)", NoVerdict),
        Area("incomplete", "ข้อมูลไม่ครบทุกวัน (ไม่ตัดสิน)", "incomplete data (no verdict)", NoVerdict),
    ];

    /// <summary>
    /// The green classes (net green rai as a share of the allocation; <c>MapDataLoader.GreenClass</c> decides, with
    /// <see cref="GreenMidShare"/>), in legend order.
    /// </summary>
    public static IReadOnlyList<MapClass> GreenClasses { get; } =
    [
        Area("green-none", "ไม่เพิ่ม หรือลดลง", "no net gain", Greens[0]),
        Area("green-low", "น้อยกว่า 50 % ของเป้าหมาย", "below 50 % of allocation", Greens[1]),
        Area("green-mid", "50 - 99 % ของเป้าหมาย", "50 - 99 % of allocation", Greens[2]),
        Area("green-met", "ถึงเป้าหมาย", "allocation reached", Greens[3]),
        Area("zero-allocation", "เป้าหมายที่จัดสรร 0 ไร่", "allocation 0 rai", ZeroAllocation),
        Area("no-allocation", "ไม่มีเป้าหมายที่จัดสรร", "no allocation stored", NoVerdict),
    ];

    /// <summary>The share of its allocation from which a district's net gain is <c>green-mid</c> (below: <c>green-low</c>).</summary>
    public const double GreenMidShare = 0.5;

    /// <summary>Districts drawn plain, when the theme colours points rather than areas.</summary>
    public static IReadOnlyList<MapClass> DistrictClasses { get; } = [Area("district", "เขตอำเภอ", "district boundary", PlainDistrict)];

    /// <summary>The hotspots by confidence l, n, h (keys <c>hotspot-l</c>...; <see cref="Hotspot"/> colours).</summary>
    public static IReadOnlyList<MapClass> HotspotClasses { get; } =
    [
        new("hotspot-l", "จุดความร้อน ความเชื่อมั่นต่ำ", "Hotspot, confidence low", SymbolKind.Point, Hotspot[0], HotspotOutline),
        new("hotspot-n", "จุดความร้อน ความเชื่อมั่นปกติ", "Hotspot, confidence nominal", SymbolKind.Point, Hotspot[1], HotspotOutline),
        new("hotspot-h", "จุดความร้อน ความเชื่อมั่นสูง", "Hotspot, confidence high", SymbolKind.Point, Hotspot[2], HotspotOutline),
    ];

    /// <summary>
    /// The heat map classes (keys <c>heat-0</c>...): from each lower limit of <see cref="HeatDensity.ClassBreaks"/> to the next,
    /// in detections per 100 km², coloured <see cref="Heat"/>.
    /// </summary>
    public static IReadOnlyList<MapClass> HeatClasses { get; } = [.. HeatDensity.ClassBreaks.Select((low, i) =>
    {
        var breaks = HeatDensity.ClassBreaks;
        var range = i + 1 < breaks.Count ? string.Create(CultureInfo.InvariantCulture, $"{low:0.#}–{breaks[i + 1]:0.#}")
            : string.Create(CultureInfo.InvariantCulture, $"≥ {low:0.#}");
        return new MapClass($"heat-{i}", $"{range} จุด/100 ตร.กม.", $"{range} detections/100 km²", SymbolKind.Area, Heat[i], Heat[i]);
    })];

    /// <summary>The province's outline over everything else (the workstation's province line).</summary>
    public static IReadOnlyList<MapClass> ProvinceClasses { get; } =
        [new("province", "เขตจังหวัด", "province boundary", SymbolKind.Outline, MapColor.FromHex("#222222"), MapColor.FromHex("#222222"))];

    /// <summary>Land-use parcels of a snapshot: green by the mapping table (<c>landuse_parcel.is_green</c>) or not.</summary>
    public static IReadOnlyList<MapClass> LandUseClasses { get; } =
    [
        Area("landuse-green", "พื้นที่สีเขียว", "green land", Greens[2]),
        Area("landuse-not-green", "พื้นที่อื่น (ไม่ใช่พื้นที่สีเขียว)", "other land (not green)", MapColor.FromHex("#EDE6D6")),
    ];

    /// <summary>
    /// Land-use parcels by the six land classes hotspot statistics are split by (<see cref="HotspotLandClass"/>, keyed by
    /// its stored code), muted so districts and hotspots stay readable over them: the workstation's land-use layer.
    /// </summary>
    public static IReadOnlyList<MapClass> LandClasses { get; } =
    [
        Area(HotspotLandClasses.Code(HotspotLandClass.ConservationForest), "ป่าอนุรักษ์", "conservation forest",
            MapColor.FromHex("#1B7837")),
        Area(HotspotLandClasses.Code(HotspotLandClass.NationalReservedForest), "ป่าสงวนแห่งชาติ", "national reserved forest",
            MapColor.FromHex("#5AAE61")),
        Area(HotspotLandClasses.Code(HotspotLandClass.AlroLand), "พื้นที่ ส.ป.ก.", "ALRO land", MapColor.FromHex("#D9B365")),
        Area(HotspotLandClasses.Code(HotspotLandClass.Agriculture), "พื้นที่เกษตร", "agriculture", MapColor.FromHex("#F6E8C3")),
        Area(HotspotLandClasses.Code(HotspotLandClass.CommunityOther), "ชุมชนและอื่นๆ", "community and other", MapColor.FromHex("#BABABA")),
        Area(HotspotLandClasses.Code(HotspotLandClass.HighwaySide), "พื้นที่ริมทางหลวง", "highway side", MapColor.FromHex("#8C510A")),
    ];

    /// <summary>Project areas by the target their plan project serves (<c>plan_project.target_kind</c>): outlines only.</summary>
    public static IReadOnlyList<MapClass> ProjectClasses { get; } =
    [
        new("project-green", "พื้นที่โครงการเพิ่มพื้นที่สีเขียว", "green project area", SymbolKind.Outline, Greens[3], Greens[3]),
        new("project-hotspot", "พื้นที่โครงการลดจุดความร้อน", "hotspot project area", SymbolKind.Outline, MapColor.FromHex("#CC79A7"),
            MapColor.FromHex("#CC79A7")),
        new("project-other", "พื้นที่โครงการอื่น", "other project area", SymbolKind.Outline, MapColor.FromHex("#783CA0"),
            MapColor.FromHex("#783CA0")),
    ];

    /// <summary>
    /// Lower limits (rai) of the allocation classes above 0 rai: a district's share of the provincial green target
    /// (1,000 rai over 25 districts is 40 rai on average). ColorBrewer "BuGn", apart from the greens of the net change.
    /// </summary>
    public static IReadOnlyList<int> AllocationBreaksRai { get; } = [1, 25, 50, 100];

    /// <summary>The allocation classes: 0 rai, then from each of <see cref="AllocationBreaksRai"/> to the next.</summary>
    public static IReadOnlyList<MapClass> AllocationClasses { get; } =
    [
        Area("allocation-0", "0 ไร่", "0 rai", ZeroAllocation),
        .. AllocationBreaksRai.Select((low, i) =>
        {
            var range = i + 1 < AllocationBreaksRai.Count
                ? string.Create(CultureInfo.InvariantCulture, $"{low:N0} - {AllocationBreaksRai[i + 1] - 1:N0}")
                : string.Create(CultureInfo.InvariantCulture, $"≥ {low:N0}");
            return Area($"allocation-{i + 1}", range + " ไร่", range + " rai",
                MapColor.FromHex(new[] { "#EDF8FB", "#B2E2E2", "#66C2A4", "#238B45" }[i]));
        }),
    ];

    private static MapClass Area(string key, string labelTh, string labelEn, MapColor fill) =>
        new(key, labelTh, labelEn, SymbolKind.Area, fill, Outline);
}

/// <summary>
/// One class of a layer as gis draws it, the one definition the Skia maps, the report, the QGIS project and the
/// database's layer styles all take their keys, labels and colours from.
/// </summary>
/// <param name="Key">Stable class key (<c>met</c>, <c>hotspot-h</c>), the legend entry's key.</param>
/// <param name="Fill">Fill of an area or point; the line colour of an <see cref="SymbolKind.Outline"/>.</param>
public sealed record MapClass(string Key, string LabelTh, string LabelEn, SymbolKind Kind, MapColor Fill, MapColor Outline)
{
    /// <summary>The label in the map's language (<c>th</c> or <c>en</c>).</summary>
    public string Label(string language) => language == "th" ? LabelTh : LabelEn;
}
