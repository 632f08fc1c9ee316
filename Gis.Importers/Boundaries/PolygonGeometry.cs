using System.Globalization;
using Gis.Core.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace Gis.Importers.Boundaries;

/// <summary>A polygon feature's geometry made ready to store: reprojected to WGS 84, checked, repaired, a MultiPolygon.</summary>
/// <param name="Area">The result; null when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">Why the geometry cannot be used, as the end of a sentence (<c>has no geometry</c>).</param>
/// <param name="Repair">What was wrong and put right, or null.</param>
internal sealed record PolygonGeometry(MultiPolygon? Area, string? Problem, string? Repair)
{
    /// <summary>
    /// Reprojects a Polygon or MultiPolygon to WGS 84, refuses coordinates outside longitude/latitude range, and makes
    /// an invalid polygon valid with NTS <c>GeometryFixer</c> (reported). Anything else is a problem, never a guess.
    /// </summary>
    /// <param name="namesNoCrs">The file named no CRS: a range problem then suggests giving one.</param>
    public static PolygonGeometry Prepare(Geometry? geometry, Reprojection crs, bool namesNoCrs)
    {
        if (geometry is null || geometry.IsEmpty)
            return Failed("has no geometry");
        if (geometry is not (Polygon or MultiPolygon))
            return Failed($"is a {geometry.GeometryType}; a Polygon or MultiPolygon is needed");

        geometry = crs.Apply(geometry);
        var envelope = geometry.EnvelopeInternal;
        if (envelope.MinX < -180 || envelope.MaxX > 180 || envelope.MinY < -90 || envelope.MaxY > 90)
        {
            return Failed($"has coordinates outside longitude/latitude range ({Format(envelope.MinX, envelope.MinY)})"
                + (namesNoCrs ? "; the file names no coordinate system: give SourceSrid" : ""));
        }

        var validity = new IsValidOp(geometry);
        if (validity.IsValid)
            return new PolygonGeometry(ToMultiPolygon(geometry), null, null);
        var error = validity.ValidationError;
        geometry = GeometryFixer.Fix(geometry);
        return geometry.IsEmpty
            ? Failed($"has an invalid geometry ({error.Message}) that is empty once made valid")
            : new PolygonGeometry(ToMultiPolygon(geometry), null,
                $"{error.Message} at {Format(error.Coordinate.X, error.Coordinate.Y)}, fixed with GeometryFixer");
    }

    /// <summary>The polygons of a geometry as one MultiPolygon.</summary>
    public static MultiPolygon ToMultiPolygon(Geometry geometry) => geometry switch
    {
        MultiPolygon multi => multi,
        Polygon polygon => geometry.Factory.CreateMultiPolygon([polygon]),
        // GeometryFixer and union may hand back a collection when parts collapse to lines; keep the polygons.
        _ => geometry.Factory.CreateMultiPolygon([.. PolygonExtracter.GetPolygons(geometry).Cast<Polygon>()]),
    };

    private static PolygonGeometry Failed(string problem) => new(null, problem, null);

    private static string Format(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"{x:0.######} {y:0.######}");
}
