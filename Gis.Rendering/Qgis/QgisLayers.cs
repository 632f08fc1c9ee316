using System.Globalization;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Rendering.Maps;

namespace Gis.Rendering.Qgis;

/// <summary>
/// The layers of the QGIS project and of the styles stored in <c>layer_styles</c>: the store's per-level and <c>*_map</c>
/// views (integer keys, ADR 0016 and 0031), filtered to one province, each drawn in the classes of <see cref="MapStyles"/>.
/// </summary>
public static class QgisLayers
{
    /// <summary>
    /// The layers of a province, top of the layer tree first. The target layers show the latest saved run (ADR 0016),
    /// the allocation its latest year, the land use its latest snapshot: filters a user edits in QGIS (Layer, Filter).
    /// </summary>
    /// <param name="provinceCode">Two-digit DOPA code: it is written into the layers' filters, so nothing else is accepted.</param>
    /// <param name="hotspotPeriod">The Bangkok days the hotspot layers show (named in their titles); null for every day
    /// (the styles stored in <c>layer_styles</c>, which serve any period).</param>
    /// <exception cref="ArgumentException">Not two digits.</exception>
    public static IReadOnlyList<QgisLayer> For(string provinceCode, Period? hotspotPeriod = null)
    {
        if (provinceCode is not { Length: 2 } || !provinceCode.All(char.IsAsciiDigit))
            throw new ArgumentException($"Not a province code: '{provinceCode}'.", nameof(provinceCode));
        // The filters are QGIS subset strings, text by nature: only the two digits checked above go into them.
        var inProvince = $"left(district_code, 2) = '{provinceCode}'";
        string LatestRun(string kind) =>
            $"{inProvince} AND run_id = (SELECT max(t.id) FROM target_run t WHERE t.kind = '{kind}' " +
            $"AND (t.province_code = '{provinceCode}' OR t.province_code IS NULL))";
        var hotspots = $"{inProvince} AND instrument = 'VIIRS'";
        // Dates formatted here, never text from outside; local_day is the Bangkok day the targets count by (domain.md).
        if (hotspotPeriod is not null)
            hotspots += string.Create(CultureInfo.InvariantCulture,
                $" AND local_day BETWEEN '{hotspotPeriod.From:yyyy-MM-dd}' AND '{hotspotPeriod.To:yyyy-MM-dd}'");
        var (periodTh, periodEn) = hotspotPeriod is null ? ("", "") : (" " + hotspotPeriod.Words(true), ", " + hotspotPeriod.Words(false));
        var points = QgisGeometry.Point;
        var areas = QgisGeometry.MultiPolygon;
        return
        [
            new("province", "admin_province", "id", areas, "เขตจังหวัด", "Province boundary", $"code = '{provinceCode}'",
                Constant(MapStyles.ProvinceClasses), Visible: true, DefaultStyle: true),
            new("hotspots", "hotspot_counted", "id", points, "จุดความร้อน VIIRS ตามความเชื่อมั่น" + periodTh,
                "VIIRS hotspots by confidence" + periodEn, hotspots,
                new QgisRenderer("confidence",
                    [.. MapStyles.HotspotClasses.Select((c, i) => (new string(Confidences.Code((Confidence)i), 1), c))]),
                Visible: true, DefaultStyle: true),
            new("heat", "hotspot_counted", "id", points, "ความหนาแน่นจุดความร้อน VIIRS" + periodTh,
                "VIIRS hotspot density" + periodEn, hotspots,
                new QgisRenderer("", [.. MapStyles.HeatClasses.Select(c => (c.Key, c))], Heat: true), Visible: false, DefaultStyle: false),
            new("projects", "project_area_map", "id", areas, "พื้นที่โครงการ", "Project areas",
                $"EXISTS (SELECT FROM admin_area d WHERE d.level = 4 AND d.province_code = '{provinceCode}' " +
                "AND ST_Intersects(d.geom, project_area_map.geom))",
                new QgisRenderer("target_kind", [.. MapStyles.ProjectClasses.Select(c => (c.Key["project-".Length..], c))]),
                Visible: false, DefaultStyle: true),
            new("reduction", "hotspot_target_map", "id", areas, "ผลการลดจุดความร้อนรายอำเภอ",
                "Hotspot reduction by district", LatestRun("hotspot"),
                QgisRenderer.ByKey("status", MapStyles.ReductionClasses), Visible: true, DefaultStyle: true),
            new("green", "green_target_map", "id", areas, "พื้นที่สีเขียวเพิ่มสุทธิรายอำเภอ",
                "Net green change by district", LatestRun("green"),
                QgisRenderer.ByKey(GreenClassExpression(), MapStyles.GreenClasses), Visible: false, DefaultStyle: true),
            new("allocation", "district_allocation_map", "id", areas, "เป้าหมายพื้นที่สีเขียวที่จัดสรรรายอำเภอ",
                "Green allocation by district",
                $"{inProvince} AND year = " +
                $"(SELECT max(a.year) FROM district_allocation a WHERE left(a.district_code, 2) = '{provinceCode}')",
                QgisRenderer.ByKey(AllocationClassExpression(), MapStyles.AllocationClasses), Visible: false, DefaultStyle: true),
            new("districts", "admin_district", "id", areas, "เขตอำเภอ", "District boundaries", $"province_code = '{provinceCode}'",
                Constant(MapStyles.DistrictClasses), Visible: false, DefaultStyle: true),
            new("landuse", "landuse_parcel", "id", areas, "การใช้ที่ดิน", "Land use",
                "snapshot = (SELECT max(s.snapshot) FROM landuse_snapshot s)",
                QgisRenderer.ByKey(
                    $"CASE WHEN is_green THEN '{MapStyles.LandUseClasses[0].Key}' ELSE '{MapStyles.LandUseClasses[1].Key}' END",
                    MapStyles.LandUseClasses), Visible: false, DefaultStyle: true),
        ];
    }

    /// <summary>One class for every feature.</summary>
    private static QgisRenderer Constant(IReadOnlyList<MapClass> classes) => new("", [(classes[0].Key, classes[0])]);

    /// <summary>
    /// <c>MapDataLoader.GreenClass</c> over the columns of <c>green_target_map</c>: the same cases in the same order, with
    /// the same share (<see cref="MapStyles.GreenMidShare"/>), so QGIS puts every district in the class gis draws it in.
    /// </summary>
    public static string GreenClassExpression()
    {
        var k = MapStyles.GreenClasses.Select(c => c.Key).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"CASE WHEN allocation_rai IS NULL THEN '{k[5]}' WHEN allocation_rai <= 0 THEN '{k[4]}' WHEN net_rai <= 0 THEN '{k[0]}' " +
            $"WHEN net_rai < {MapStyles.GreenMidShare} * allocation_rai THEN '{k[1]}' WHEN net_rai < allocation_rai THEN '{k[2]}' " +
            $"ELSE '{k[3]}' END");
    }

    /// <summary>
    /// The allocation class of <c>allocation_rai</c>: below the first of <see cref="MapStyles.AllocationBreaksRai"/>, then by them.
    /// </summary>
    public static string AllocationClassExpression()
    {
        var breaks = MapStyles.AllocationBreaksRai;
        var cases = breaks.Select((low, i) => string.Create(CultureInfo.InvariantCulture,
            $"WHEN allocation_rai < {low} THEN '{MapStyles.AllocationClasses[i].Key}' "));
        return $"CASE {string.Concat(cases)}ELSE '{MapStyles.AllocationClasses[^1].Key}' END";
    }
}
