using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace Gis.Core.Plans;

/// <summary>
/// The checks a planner's project area passes before anything is written: pure functions returning the problems
/// found, each naming what is wrong in words a planner can act on. An empty list means the input is acceptable.
/// The checks that need the store (inside the province, the area in rai) live with the store.
/// </summary>
public static class PlanAreaRules
{
    /// <summary>The first year (BE) a planned area may carry: the plan's data begins in 2560 (2017).</summary>
    public const int FirstYear = 2560;

    /// <summary>How many years (BE) beyond the current one a plan may reach.</summary>
    public const int YearsAhead = 10;

    /// <summary>More vertices than any hand-drawn or surveyed plot has; a bigger geometry is a wrong file or layer.</summary>
    public const int MaxVertices = 10_000;

    /// <summary>Smallest area worth planning: 1 ngan (400 m²). Anything smaller is a stray click.</summary>
    public const double MinAreaRai = 0.25;

    /// <summary>
    /// Largest single project area: 100,000 rai (160 km²), above the biggest reforestation plots of the provincial
    /// plan; a larger polygon is almost always a district or the province drawn by mistake.
    /// </summary>
    public const double MaxAreaRai = 100_000;

    /// <summary>Longest text kept for a name or agency.</summary>
    public const int MaxTextLength = 300;

    /// <summary>
    /// Problems of a drawn or uploaded geometry: missing, empty, not a (multi)polygon, SRID other than
    /// <see cref="Srid.Wgs84"/> (0 or -1, unknown, is taken as WGS 84: GeoJSON carries none), coordinates outside longitude -180..180 /
    /// latitude -90..90 or
    /// not finite, too few or too many vertices, and invalid by OGC rules (the reason and place NTS gives, e.g.
    /// <c>Self-intersection at 98.95 18.75</c>). Cost: one validity check, O(n log n) in the vertices.
    /// </summary>
    public static IReadOnlyList<string> CheckGeometry(Geometry? geometry)
    {
        if (geometry is null)
            return ["the polygon is missing: draw one or give a GeoJSON Polygon"];
        if (geometry is not (Polygon or MultiPolygon))
            return [$"the geometry is a {geometry.GeometryType}: only Polygon or MultiPolygon can be a project area"];
        if (geometry.IsEmpty)
            return ["the polygon is empty: it has no vertices"];
        if (geometry.SRID > 0 && geometry.SRID != Srid.Wgs84)
            return [Invariant($"the polygon is in SRID {geometry.SRID}: give longitude, latitude in WGS 84 (EPSG:{Srid.Wgs84})")];
        var bad = geometry.Coordinates.FirstOrDefault(c => !double.IsFinite(c.X) || !double.IsFinite(c.Y) || c.X is < -180 or > 180
            || c.Y is < -90 or > 90);
        if (bad is not null)
            return [Invariant($"vertex {bad.X} {bad.Y} is not a longitude, latitude ")
                + "(longitude -180..180, latitude -90..90; x is longitude)"];
        if (geometry.NumPoints > MaxVertices)
            return [Invariant($"the polygon has {geometry.NumPoints} vertices, more than the {MaxVertices} a project area may have")
                + ": simplify it"];
        var error = new IsValidOp(geometry).ValidationError;
        return error is null
            ? []
            : [Invariant($"the polygon is not valid: {error.Message} at {error.Coordinate?.X:0.######} {error.Coordinate?.Y:0.######}")];
    }

    /// <summary>
    /// Problems of a project area's year (BE): below <see cref="FirstYear"/>, or more than <see cref="YearsAhead"/>
    /// years after <paramref name="currentYear"/>. A CE year (e.g. 2026) gets a hint to add 543.
    /// </summary>
    /// <param name="currentYear">The current Buddhist Era year (2569 in 2026).</param>
    public static IReadOnlyList<string> CheckYear(int year, int currentYear)
    {
        if (year is >= 1900 and < 2400)
            return [Invariant($"year {year} looks like a CE year: years are Buddhist Era (CE + 543, e.g. {year + 543})")];
        if (year < FirstYear || year > currentYear + YearsAhead)
            return [Invariant($"year {year} is out of range: a plan year (BE) lies between {FirstYear} and {currentYear + YearsAhead}")];
        return [];
    }

    /// <summary>
    /// Problems of a required text field (a name, agency, user): missing, blank, or longer than
    /// <see cref="MaxTextLength"/> characters. <paramref name="field"/> names it in the message.
    /// </summary>
    public static IReadOnlyList<string> CheckText(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? [$"{field} is required"]
        : value.Length > MaxTextLength ? [Invariant($"{field} is {value.Length} characters long; at most {MaxTextLength} are kept")]
        : [];

    /// <summary>Problems of an area in rai (ellipsoidal) against <see cref="MinAreaRai"/> and <see cref="MaxAreaRai"/>.</summary>
    public static IReadOnlyList<string> CheckArea(double areaRai) =>
        !double.IsFinite(areaRai) || areaRai < MinAreaRai
            ? [Invariant($"the polygon covers {areaRai:0.####} rai, less than the {MinAreaRai} rai (1 ngan) a project area must have")]
            : areaRai > MaxAreaRai
                ? [Invariant($"the polygon covers {areaRai:N0} rai, more than the {MaxAreaRai:N0} rai a single project area may have")
                    + ": is it a whole district?"]
                : [];

    /// <summary>A polygon or multipolygon as the multipolygon the store keeps, with SRID <see cref="Srid.Wgs84"/>.</summary>
    /// <exception cref="ArgumentException">Not a polygon or multipolygon (run <see cref="CheckGeometry"/> first).</exception>
    public static MultiPolygon ToMultiPolygon(Geometry geometry) => geometry switch
    {
        MultiPolygon m => Spatial.Geo.Wgs84.CreateMultiPolygon(
            [.. m.Geometries.Cast<Polygon>().Select(p => (Polygon)Spatial.Geo.Wgs84.CreateGeometry(p))]),
        Polygon p => Spatial.Geo.Wgs84.CreateMultiPolygon([(Polygon)Spatial.Geo.Wgs84.CreateGeometry(p)]),
        _ => throw new ArgumentException($"not a polygon: {geometry.GeometryType}", nameof(geometry)),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
