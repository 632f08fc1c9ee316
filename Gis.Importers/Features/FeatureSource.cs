using Gis.Core;
using Gis.Core.Spatial;
using NetTopologySuite.Geometries;

namespace Gis.Importers.Features;

/// <summary>One feature as a file holds it: geometry in the file's CRS, attribute values as invariant text.</summary>
internal sealed record SourceFeature(int Number, Geometry? Geometry, IReadOnlyDictionary<string, string?> Attributes)
{
    /// <summary>The value of a field (case-insensitive name), or null when the field is not given or the value is null.</summary>
    public string? Attribute(string? field) => field is not null && Attributes.TryGetValue(field, out var value) ? value : null;
}

/// <summary>
/// A feature file (boundaries, land use, ...) opened for reading; one implementation per format. The format is
/// recognised from the file's content by <see cref="Open"/>, not from its name.
/// </summary>
internal abstract class FeatureSource : IDisposable
{
    private static readonly byte[] SqliteMagic = "SQLite format 3\0"u8.ToArray();
    // A shapefile's main file starts with the file code 9994, big-endian.
    private static readonly byte[] ShapefileMagic = [0x00, 0x00, 0x27, 0x0A];

    protected FeatureSource(string path, string format)
    {
        Path = path;
        Format = format;
    }

    public string Path { get; }

    /// <summary>The format's usual name: <c>GeoJSON</c>, <c>Shapefile</c> or <c>GeoPackage</c>.</summary>
    public string Format { get; }

    /// <summary>Attribute names as the file spells them.</summary>
    public IReadOnlyList<string> FieldNames { get; protected init; } = [];

    /// <summary>How the text was read when that is not what the file declares (a converted encoding), else null.</summary>
    public string? EncodingNote { get; protected set; }

    /// <summary>The transformation to WGS 84 from the CRS the file names, or null when it names none.</summary>
    public Reprojection? Crs { get; protected init; }

    /// <summary>
    /// The feature format of a file from its first bytes, not its name: <c>GeoPackage</c>, <c>Shapefile</c>,
    /// <c>GeoJSON</c> (any JSON object), or null for anything else (a CSV, an empty file).
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

    /// <summary>
    /// Opens a GeoJSON, Shapefile or GeoPackage file, recognised by <see cref="Sniff"/>.
    /// </summary>
    /// <param name="encoding">Shapefile only: text encoding overriding the <c>.cpg</c>.</param>
    /// <param name="layer">GeoPackage only: the feature table, by default the first.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FeatureFormatException">The file is empty or of no known format.</exception>
    public static FeatureSource Open(string path, string? encoding, string? layer)
    {
        var format = Sniff(path);
        return format switch
        {
            "GeoPackage" => new GeoPackageFeatureSource(path, layer),
            "Shapefile" => new ShapefileFeatureSource(path, encoding),
            "GeoJSON" => new GeoJsonFeatureSource(path),
            _ when new FileInfo(path).Length == 0 => throw new FeatureFormatException(path, null, "is empty"),
            _ => throw new FeatureFormatException(path, null,
                "is not a GeoJSON, Shapefile (.shp) or GeoPackage (.gpkg) file; it starts with bytes "
                    + Convert.ToHexString(FirstBytes(path, 8))),
        };
    }

    private static byte[] FirstBytes(string path, int count)
    {
        using var stream = File.OpenRead(path);
        var bytes = new byte[count];
        return bytes[..stream.ReadAtLeast(bytes, count, throwOnEndOfStream: false)];
    }

    /// <summary>
    /// The transformation to WGS 84: <paramref name="sourceSrid"/> when given (it overrides what the file names,
    /// which may contradict its coordinates); else the CRS the file names; else WGS 84 longitude/latitude.
    /// </summary>
    /// <exception cref="FeatureFormatException">The SRID is not one of <see cref="Reprojection.KnownSrids"/>.</exception>
    public Reprojection ToWgs84(int? sourceSrid)
    {
        try
        {
            return sourceSrid is { } srid ? Reprojection.FromSrid(srid) : Crs ?? Reprojection.FromSrid(Srid.Wgs84);
        }
        catch (NotSupportedException e)
        {
            throw Error(null, "the --srid given cannot be used: " + e.Message, e);
        }
    }

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

    protected FeatureFormatException Error(int? featureNumber, string problem, Exception? inner = null) =>
        new(Path, featureNumber, problem, inner);

    /// <summary>The CRS from a WKT the file carries, as a format error when it cannot be used.</summary>
    protected Reprojection CrsFromWkt(string wkt) => Guard(() => Reprojection.FromWkt(wkt));

    /// <summary>The CRS from an SRID the file names, as a format error when the project does not know it.</summary>
    protected Reprojection CrsFromSrid(int srid) => Guard(() => Reprojection.FromSrid(srid));

    private static bool LooksLikeJson(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith("\uFEFF"u8))
            start = start[3..];
        start = start.TrimStart(" \t\r\n"u8);
        return !start.IsEmpty && start[0] == (byte)'{';
    }

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
