using Gis.Core.Hotspots;
using NetTopologySuite.Geometries;

namespace Gis.Rendering.Maps;

/// <summary>What a map shows per district.</summary>
public enum MapTheme
{
    /// <summary>District outlines and the period's detections coloured by confidence.</summary>
    Hotspots,

    /// <summary>Districts coloured by the hotspot-reduction verdict (met / not-met / no-baseline).</summary>
    Reduction,

    /// <summary>Districts coloured by net green rai as a share of their allocation.</summary>
    Green,
}

/// <summary>An sRGB colour as plain data, so styles do not depend on a drawing library.</summary>
public readonly record struct MapColor(byte R, byte G, byte B)
{
    /// <summary>The colour of <c>#RRGGBB</c>.</summary>
    public static MapColor FromHex(string hex) => new(
        Convert.ToByte(hex.Substring(1, 2), 16), Convert.ToByte(hex.Substring(3, 2), 16), Convert.ToByte(hex.Substring(5, 2), 16));

    /// <summary><c>#RRGGBB</c>.</summary>
    public override string ToString() => $"#{R:X2}{G:X2}{B:X2}";
}

/// <summary>How a legend entry's swatch is drawn.</summary>
public enum SymbolKind
{
    /// <summary>A filled rectangle with an outline, for polygons.</summary>
    Area,

    /// <summary>A filled circle, for points.</summary>
    Point,

    /// <summary>An outline without fill, for areas drawn over others (province boundary, project areas).</summary>
    Outline,
}

/// <summary>One class drawn on the map, as the legend lists it.</summary>
/// <param name="Key">Stable class key (e.g. <c>met</c>, <c>hotspot-h</c>) for tests and for styling.</param>
/// <param name="Count">How many features of the class are drawn.</param>
public sealed record LegendEntry(string Key, string Label, SymbolKind Kind, MapColor Fill, MapColor Outline, int Count);

/// <summary>A district ready to draw: geometry in UTM 47N metres, its label and its class.</summary>
/// <param name="GeometryUtm">Boundary in <see cref="Gis.Core.Srid.Utm47N"/> (x = easting, y = northing, metres).</param>
/// <param name="LabelPointUtm">Where the label goes: a point inside the polygon (not the centroid, which may fall outside).</param>
/// <param name="ClassKey">The <see cref="LegendEntry.Key"/> of its fill.</param>
public sealed record MapDistrict(string Code, string Label, Geometry GeometryUtm, Coordinate LabelPointUtm, string ClassKey);

/// <summary>A detection ready to draw.</summary>
/// <param name="Easting">UTM 47N easting, metres.</param>
/// <param name="Northing">UTM 47N northing, metres.</param>
/// <param name="Longitude">WGS 84 longitude, degrees, as stored.</param>
/// <param name="Latitude">WGS 84 latitude, degrees, as stored.</param>
public sealed record MapHotspot(double Easting, double Northing, double Longitude, double Latitude, Confidence Confidence)
{
    /// <summary>The legend key of its class: <c>hotspot-l</c>, <c>hotspot-n</c> or <c>hotspot-h</c>.</summary>
    public string ClassKey => "hotspot-" + Confidences.Code(Confidence);
}

/// <summary>
/// Everything one map page shows, prepared from the store before drawing (the renderer reads nothing else):
/// layers, classes, legend and the marginal texts.
/// </summary>
/// <param name="Title">Main title (in the map's language).</param>
/// <param name="PeriodText">The period in Buddhist Era, e.g. "ฤดูไฟ 2569: 1 ม.ค. - 31 พ.ค. 2569".</param>
/// <param name="ExtentUtm">The ground the frame must show, UTM 47N metres (the districts' envelope).</param>
/// <param name="Legend">Exactly the classes drawn, in drawing order; classes with no feature are left out.</param>
/// <param name="Credits">Sources of the layers drawn, one line each.</param>
/// <param name="CrsNote">The projection the map is drawn in.</param>
/// <param name="Author">Who made the map (office or person); not printed when null.</param>
/// <param name="Notes">Extra lines the reader needs (e.g. the baseline, the snapshots compared).</param>
/// <param name="PlaceName">The area shown, as the title names it ("จังหวัดเชียงใหม่", "Chiang Mai province").</param>
public sealed record MapModel(
    MapTheme Theme,
    string Language,
    string Title,
    string PeriodText,
    Envelope ExtentUtm,
    IReadOnlyList<MapDistrict> Districts,
    IReadOnlyList<MapHotspot> Hotspots,
    IReadOnlyList<LegendEntry> Legend,
    IReadOnlyList<string> Credits,
    string CrsNote,
    IReadOnlyList<string> Notes,
    DateOnly MadeOn,
    string? Author = null,
    string? PlaceName = null)
{
    /// <summary>
    /// On a district's map, the districts around it (class key <c>neighbour</c>), drawn pale beneath it and named in
    /// grey where room is left: a reader sees where the district lies. Empty on a province map.
    /// </summary>
    public IReadOnlyList<MapDistrict> Neighbours { get; init; } = [];

    /// <summary>
    /// Draw <see cref="Hotspots"/> as their density (detections per 100 km², quartic kernel of
    /// <see cref="Gis.Core.Hotspots.HeatDensity.BandwidthMeters"/>; legend keys heat-0...) instead of points.
    /// </summary>
    public bool HotspotsAsHeat { get; init; }

    /// <summary>The legend entry of a class key.</summary>
    public LegendEntry Style(string classKey) => Legend.First(e => e.Key == classKey);
}
