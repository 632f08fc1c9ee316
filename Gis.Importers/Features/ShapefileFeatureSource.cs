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
        try
        {
            return TextEncodings.Resolve(name);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw Error(null, $"text encoding '{name}' (from {origin}) is not known", e);
        }
    }
}
