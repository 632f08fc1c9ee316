using System.Globalization;
using System.Text;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace Gis.Importers.Features;

/// <summary>
/// ESRI shapefile: <c>.shp</c> with its <c>.dbf</c>; <c>.prj</c> gives the CRS, and the text encoding comes from
/// the explicit option, else the <c>.cpg</c>, else the library's default (the <c>.dbf</c> language driver). Streams.
/// </summary>
internal sealed class ShapefileFeatureSource : FeatureSource
{
    private readonly ShapefileReader _reader;

    public ShapefileFeatureSource(string path, string? encodingName)
        : base(path, "Shapefile")
    {
        var readerOptions = new ShapefileReaderOptions { Encoding = ChooseEncoding(encodingName) };
        try
        {
            _reader = Shapefile.OpenRead(path, readerOptions);
        }
        catch (Exception e) when (e is IOException or ShapefileException or NotSupportedException or ArgumentException)
        {
            throw Error(null, "cannot be opened as a shapefile (is the .dbf beside it?): " + e.Message, e);
        }

        FieldNames = [.. _reader.Fields.Select(f => f.Name)];
        try
        {
            Crs = string.IsNullOrWhiteSpace(_reader.Projection) ? null : CrsFromWkt(_reader.Projection);
        }
        catch
        {
            _reader.Dispose();
            throw;
        }
    }

    public override IEnumerable<SourceFeature> Features()
    {
        // Numbers count deleted records too, so they match the record numbers desktop GIS shows.
        for (var number = 1; ; number++)
        {
            bool read;
            bool deleted;
            try
            {
                read = _reader.Read(out deleted);
            }
            catch (Exception e) when (e is ShapefileException or IOException or ArgumentException or InvalidOperationException)
            {
                throw Error(number, "cannot be read: " + e.Message, e);
            }

            if (!read)
                yield break;
            if (deleted)
                continue;
            var attributes = _reader.Fields.ToDictionary(
                f => f.Name,
                f => Convert.ToString(f.Value, CultureInfo.InvariantCulture),
                StringComparer.OrdinalIgnoreCase);
            yield return new SourceFeature(number, _reader.Geometry, attributes);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _reader.Dispose();
        base.Dispose(disposing);
    }

    private Encoding? ChooseEncoding(string? explicitName)
    {
        var cpg = System.IO.Path.ChangeExtension(Path, ".cpg");
        var (name, origin) = explicitName is not null
            ? (explicitName, "the encoding option")
            : File.Exists(cpg) ? (File.ReadAllText(cpg).Trim(), cpg) : (null, "");
        if (name is null)
            return null;
        Encoding encoding;
        try
        {
            encoding = TextEncodings.Resolve(name);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw Error(null, $"text encoding '{name}' (from {origin}) is not known", e);
        }
        return explicitName is null && TextEncodings.IsUtf8(encoding) ? CheckUtf8(cpg) : encoding;
    }

    /// <summary>
    /// A <c>.cpg</c> saying UTF-8 is often copied beside a <c>.dbf</c> that Thai desktop GIS wrote in TIS-620: read as
    /// UTF-8, every Thai name would become U+FFFD. The bytes decide; the option <c>--encoding</c> overrides.
    /// </summary>
    private Encoding CheckUtf8(string cpg)
    {
        var dbf = System.IO.Path.ChangeExtension(Path, ".dbf");
        if (!File.Exists(dbf))
            return TextEncodings.Utf8;
        var scan = DbfText.Check(dbf);
        switch (scan.Verdict)
        {
            case TextEncodings.Verdict.Utf8:
                return TextEncodings.Utf8;
            case TextEncodings.Verdict.Tis620:
                EncodingNote = string.Create(CultureInfo.InvariantCulture,
                    $"{Path}: read as TIS-620: {cpg} says UTF-8 but the .dbf text is not (feature {scan.Record}, field {scan.Field})");
                return TextEncodings.Tis620;
            default:
                throw Error(scan.Record, $"field {scan.Field} is neither UTF-8 (as {cpg} says) nor TIS-620 text: "
                    + "give the .dbf's encoding with --encoding");
        }
    }
}
