using System.Globalization;
using Gis.Core;
using Gis.Core.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace Gis.Importers.Features;

/// <summary>
/// Turns a polygon feature's geometry, as a file holds it, into the valid WGS 84 multipolygon the store keeps:
/// reprojected, range-checked and, when invalid, repaired with NTS <c>GeometryFixer</c>. Shared by every reader of
/// area features (boundaries, land use) so they refuse and repair alike.
/// </summary>
internal static class PolygonGeometry
{
    /// <summary>The outcome: a valid multipolygon and what was repaired, or the reason the feature is refused.</summary>
    /// <param name="Polygon">Valid, non-empty, in WGS 84; null when refused.</param>
    /// <param name="Repair">What was wrong and what was done (e.g. <c>Self-intersection at 98.1 18.2, fixed with GeometryFixer</c>); null
    /// when nothing.</param>
    /// <param name="Problem">Why the feature cannot be used, as the end of a sentence (e.g. <c>has no geometry</c>); null when
    /// usable.</param>
    public readonly record struct Result(MultiPolygon? Polygon, string? Repair, string? Problem);

    /// <param name="geometry">The geometry in the file's CRS; null or empty is refused.</param>
    /// <param name="toWgs84">The transformation from the file's CRS.</param>
    /// <param name="fileNamesNoCrs">True when the CRS was assumed, so an out-of-range problem can say to give one.</param>
    /// <param name="what">What the polygon is, for messages (<c>a boundary</c>, <c>a land-use parcel</c>).</param>
    public static Result Prepare(Geometry? geometry, Reprojection toWgs84, bool fileNamesNoCrs, string what)
    {
        if (geometry is null || geometry.IsEmpty)
            return new Result(null, null, "has no geometry");
        if (geometry is not (Polygon or MultiPolygon))
            return new Result(null, null, $"is a {geometry.GeometryType}; {what} must be a Polygon or MultiPolygon");

        var fileExtent = geometry.EnvelopeInternal;
        geometry = toWgs84.Apply(geometry);
        var envelope = geometry.EnvelopeInternal;
        if (envelope.MinX < -180 || envelope.MaxX > 180 || envelope.MinY < -90 || envelope.MaxY > 90)
        {
            return new Result(null, null, $"has coordinates outside longitude/latitude range ({Format(envelope.MinX, envelope.MinY)})"
                + (fileNamesNoCrs ? "; the file names no coordinate system: give its EPSG code with --srid" : ""));
        }

        if (!ThailandExtent.Contains(envelope))
            return new Result(null, null, OutsideThailand(fileExtent, envelope, toWgs84, fileNamesNoCrs));

        string? repair = null;
        var validity = new IsValidOp(geometry);
        if (!validity.IsValid)
        {
            var error = validity.ValidationError;
            geometry = GeometryFixer.Fix(geometry);
            if (geometry.IsEmpty)
                return new Result(null, null, $"has an invalid geometry ({error.Message}) that is empty once made valid");
            repair = $"{error.Message} at {Format(error.Coordinate.X, error.Coordinate.Y)}, fixed with GeometryFixer";
        }

        return new Result(ToMultiPolygon(geometry), repair, null);
    }

    /// <summary>A polygon as a one-part multipolygon; of a mixed collection only the polygons are kept.</summary>
    public static MultiPolygon ToMultiPolygon(Geometry geometry) => geometry switch
    {
        MultiPolygon multi => multi,
        Polygon polygon => geometry.Factory.CreateMultiPolygon([polygon]),
        // GeometryFixer and union may hand back a collection when parts collapse to lines; keep the polygons.
        _ => geometry.Factory.CreateMultiPolygon([.. PolygonExtracter.GetPolygons(geometry).Cast<Polygon>()]),
    };

    /// <summary>
    /// Why a polygon that reprojects outside Thailand is refused: a CRS that contradicts the coordinates would store a
    /// district at 94.5 E, 0 N with an area of a fraction of a square metre, so the reason says what the file holds.
    /// </summary>
    private static string OutsideThailand(Envelope fileExtent, Envelope wgs84, Reprojection crs, bool fileNamesNoCrs)
    {
        var problem = $"lies at {ThailandExtent.Describe(wgs84)} once read as {crs.SourceName}"
            + (fileNamesNoCrs ? " (the file names no CRS)" : "") + $", outside Thailand ({ThailandExtent.BoxText})";
        var looksLikeDegrees = fileExtent.MinX >= -180 && fileExtent.MaxX <= 180 && fileExtent.MinY >= -90 && fileExtent.MaxY <= 90;
        return !crs.SourceIsGeographic && looksLikeDegrees
            ? $"{problem}: the coordinates ({ThailandExtent.Describe(fileExtent)}) look like degrees but are read as "
                + $"{crs.SourceName}; give --srid {Srid.Wgs84.ToString(CultureInfo.InvariantCulture)}?"
            : $"{problem}: check the coordinate system (--srid overrides the file's)";
    }

    private static string Format(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"{x:0.######} {y:0.######}");
}
