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
    public static MapColor ClassFill(string classKey) => classKey switch
    {
        "met" => Met,
        "not-met" => NotMet,
        "green-none" => Greens[0],
        "green-low" => Greens[1],
        "green-mid" => Greens[2],
        "green-met" => Greens[3],
        "zero-allocation" => ZeroAllocation,
        "district" => PlainDistrict,
        _ => NoVerdict,
    };

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
}
