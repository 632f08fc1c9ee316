using Gis.Core.Spatial;
using NetTopologySuite.Geometries;

namespace Gis.Importers.Boundaries;

/// <summary>One feature as a file holds it: geometry in the file's CRS, attribute values as invariant text.</summary>
internal sealed record SourceFeature(int Number, Geometry? Geometry, IReadOnlyDictionary<string, string?> Attributes);

/// <summary>A boundary file opened for reading; one implementation per format.</summary>
internal abstract class BoundarySource : IDisposable
{
    protected BoundarySource(string path, string format)
    {
        Path = path;
        Format = format;
    }

    public string Path { get; }

    /// <summary>The format's usual name, as <see cref="BoundaryReadResult.Format"/> reports it.</summary>
    public string Format { get; }

    /// <summary>Attribute names as the file spells them.</summary>
    public IReadOnlyList<string> FieldNames { get; protected init; } = [];

    /// <summary>The transformation to WGS 84 from the CRS the file names, or null when it names none.</summary>
    public Reprojection? Crs { get; protected init; }

    /// <summary>Features in file order, read lazily; errors name the feature.</summary>
    public abstract IEnumerable<SourceFeature> Features();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    protected BoundaryFormatException Error(int? featureNumber, string problem, Exception? inner = null) =>
        new(Path, featureNumber, problem, inner);

    /// <summary>The CRS from a WKT the file carries, as a format error when it cannot be used.</summary>
    protected Reprojection CrsFromWkt(string wkt) => Guard(() => Reprojection.FromWkt(wkt));

    /// <summary>The CRS from an SRID the file names, as a format error when the project does not know it.</summary>
    protected Reprojection CrsFromSrid(int srid) => Guard(() => Reprojection.FromSrid(srid));

    private Reprojection Guard(Func<Reprojection> create)
    {
        try
        {
            return create();
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw Error(null, "its coordinate system cannot be used: " + e.Message, e);
        }
    }
}
