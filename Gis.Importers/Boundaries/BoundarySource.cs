using Gis.Core.Spatial;
using NetTopologySuite.Geometries;

namespace Gis.Importers.Boundaries;

/// <summary>One feature as a file holds it: geometry in the file's CRS, attribute values as invariant text.</summary>
internal sealed record SourceFeature(int Number, Geometry? Geometry, IReadOnlyDictionary<string, string?> Attributes);

/// <summary>A boundary file opened for reading; one implementation per format.</summary>
/// <remarks>Not only boundaries: project areas and other polygon layers are read through the same sources.</remarks>
internal abstract class BoundarySource : IDisposable
{
    private static readonly byte[] SqliteMagic = "SQLite format 3\0"u8.ToArray();
    // A shapefile's main file starts with the file code 9994, big-endian.
    private static readonly byte[] ShapefileMagic = [0x00, 0x00, 0x27, 0x0A];

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

    /// <summary>
    /// The feature format of a file from its first bytes, not its name: <c>GeoPackage</c>, <c>Shapefile</c>,
    /// <c>GeoJSON</c> (any JSON object), or null for anything else (CSV, say).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static string? Sniff(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException("File not found: " + path, path);
        var head = new byte[SqliteMagic.Length];
        int length;
        using (var stream = File.OpenRead(path))
            length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var start = head.AsSpan(0, length);
        if (start.SequenceEqual(SqliteMagic))
            return "GeoPackage";
        if (start.StartsWith(ShapefileMagic))
            return "Shapefile";
        return LooksLikeJson(start) ? "GeoJSON" : null;
    }

    /// <summary>Opens a GeoJSON, Shapefile or GeoPackage file, recognised by <see cref="Sniff"/>.</summary>
    /// <param name="layer">GeoPackage only: the feature table, else the first.</param>
    /// <param name="encoding">Shapefile only: the text encoding, else the <c>.cpg</c>.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="BoundaryFormatException">The file is empty or of no known format.</exception>
    public static BoundarySource Open(string path, string? layer, string? encoding)
    {
        var format = Sniff(path);
        if (new FileInfo(path).Length == 0)
            throw new BoundaryFormatException(path, null, "is empty");
        return format switch
        {
            "GeoPackage" => new GeoPackageBoundarySource(path, layer),
            "Shapefile" => new ShapefileBoundarySource(path, encoding),
            "GeoJSON" => new GeoJsonBoundarySource(path),
            _ => throw new BoundaryFormatException(path, null,
                "is not a GeoJSON, Shapefile (.shp) or GeoPackage (.gpkg) file; it starts with bytes "
                + Convert.ToHexString(File.ReadAllBytes(path).AsSpan(0, (int)Math.Min(new FileInfo(path).Length, 8)))),
        };
    }

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

    private static bool LooksLikeJson(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith("\uFEFF"u8))
            start = start[3..];
        start = start.TrimStart(" \t\r\n"u8);
        return !start.IsEmpty && start[0] == (byte)'{';
    }
}
