using Gis.Core;
using Gis.Core.LandUse;
using Gis.Core.Spatial;
using Gis.Core.Text;
using Gis.Importers.Features;

namespace Gis.Importers.LandUse;

/// <summary>
/// How to read a land-use layer. Every member is optional; the defaults fit Land Development Department layers.
/// </summary>
/// <param name="ClassField">The field holding the class code (case-insensitive); default <c>LU_CODE</c>.</param>
/// <param name="SourceSrid">
/// The CRS of the coordinates when the file names none; one of <see cref="Reprojection.KnownSrids"/>. A CRS the
/// file names wins. Without either, coordinates are taken as WGS 84 longitude/latitude.
/// </param>
/// <param name="Encoding">Shapefile only: the <c>.dbf</c> text encoding (<c>TIS-620</c>, <c>874</c>, ...); overrides the
/// <c>.cpg</c>.</param>
/// <param name="Layer">GeoPackage only: the feature table to read; by default the first one.</param>
public sealed record LandUseReadOptions(
    string ClassField = LandUseReader.DefaultClassField,
    int? SourceSrid = null,
    string? Encoding = null,
    string? Layer = null);

/// <summary>One invalid polygon the reader put right.</summary>
/// <param name="FeatureNumber">1-based feature number in file order.</param>
/// <param name="ClassCode">The parcel's class code.</param>
/// <param name="Description">What was wrong and what was done.</param>
public sealed record LandUseRepair(int FeatureNumber, string ClassCode, string Description);

/// <summary>
/// Reads land-use / land-cover polygons from GeoJSON, Shapefile or GeoPackage (recognised by content), reprojects
/// them to <see cref="Srid.Wgs84"/>, repairs invalid polygons (reported in <see cref="LandUseLayer.Repairs"/>)
/// and classifies each by a <see cref="LandUseMapping"/>. A feature that cannot be used (no geometry, not a polygon,
/// no class code, a code the mapping does not know) raises a <see cref="FeatureFormatException"/> naming the file
/// and the feature number.
/// </summary>
public static class LandUseReader
{
    /// <summary>The class field of Land Development Department layers.</summary>
    public const string DefaultClassField = "LU_CODE";

    /// <summary>Thai and English class descriptions of LDD layers, read when present.</summary>
    private const string NameThField = "LU_DES_TH";
    private const string NameEnField = "LU_DES_EN";

    /// <summary>
    /// Opens a layer and checks its fields and CRS; parcels are then read lazily, one at a time, by
    /// <see cref="LandUseLayer.Parcels"/> (memory does not grow with the layer, except GeoJSON's parsed text).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FeatureFormatException">The file is of no known format, has no class field, or an unusable CRS.</exception>
    public static LandUseLayer Open(string path, LandUseMapping mapping, LandUseReadOptions? options = null)
    {
        options ??= new LandUseReadOptions();
        var source = FeatureSource.Open(path, options.Encoding, options.Layer);
        try
        {
            string? Find(string name) => source.FieldNames.FirstOrDefault(f => f.Equals(name, StringComparison.OrdinalIgnoreCase));
            var classField = Find(options.ClassField)
                ?? throw new FeatureFormatException(path, null,
                    $"has no class field '{options.ClassField}'; its fields are {string.Join(", ", source.FieldNames)}"
                    + " (give --class-field)");
            var crs = source.ToWgs84(options.SourceSrid);
            return new LandUseLayer(source, mapping, crs, source.Crs is null && options.SourceSrid is null,
                classField, Find(NameThField), Find(NameEnField));
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }
}

/// <summary>An open land-use layer: what was detected, and its parcels read one at a time.</summary>
public sealed class LandUseLayer : IDisposable
{
    private readonly FeatureSource _source;
    private readonly LandUseMapping _mapping;
    private readonly Reprojection _crs;
    private readonly bool _fileNamesNoCrs;
    private readonly List<LandUseRepair> _repairs = [];

    internal LandUseLayer(FeatureSource source, LandUseMapping mapping, Reprojection crs, bool fileNamesNoCrs,
        string classField, string? nameThField, string? nameEnField)
    {
        _source = source;
        _mapping = mapping;
        _crs = crs;
        _fileNamesNoCrs = fileNamesNoCrs;
        ClassField = classField;
        NameThField = nameThField;
        NameEnField = nameEnField;
    }

    /// <summary>The file read.</summary>
    public string Path => _source.Path;

    /// <summary><c>GeoJSON</c>, <c>Shapefile</c> or <c>GeoPackage</c>.</summary>
    public string Format => _source.Format;

    /// <summary>How the text was read when the file declares otherwise (a converted encoding), else null.</summary>
    public string? EncodingNote => _source.EncodingNote;

    /// <summary>The field class codes are read from, as the file spells it.</summary>
    public string ClassField { get; }

    /// <summary>
    /// The source the fields give away (ADR 0017): a class code in <c>LU_CODE</c> is the Land Development
    /// Department's schema; null when the fields do not say.
    /// </summary>
    public string? Credit => ClassField.Equals(LandUseReader.DefaultClassField, StringComparison.OrdinalIgnoreCase) ? LddCredit : null;

    /// <summary>The credit of LDD land-use layers.</summary>
    public const string LddCredit = "Land Development Department (LDD)";

    /// <summary>The field of Thai class names, or null when the file has none.</summary>
    public string? NameThField { get; }

    /// <summary>The field of English class names, or null when the file has none.</summary>
    public string? NameEnField { get; }

    /// <summary>Invalid polygons repaired so far, in file order; complete once <see cref="Parcels"/> has been read to the end.</summary>
    public IReadOnlyList<LandUseRepair> Repairs => _repairs;

    /// <summary>
    /// The parcels in file order, valid multipolygons in WGS 84. Enumerate once. Cost per parcel: reprojection and
    /// validation, O(vertices log vertices).
    /// </summary>
    /// <exception cref="FeatureFormatException">A feature cannot be used; the message names file and feature number.</exception>
    public IEnumerable<LandUseParcel> Parcels()
    {
        foreach (var feature in _source.Features())
        {
            var code = LandUseMapping.Normalize(feature.Attribute(ClassField));
            if (code.Length == 0)
                throw Error(feature, $"has no class code in field {ClassField}");
            var rule = _mapping.Classify(code)
                ?? throw Error(feature,
                    $"class code '{code}' matches no row of the land-use mapping (add it, or a prefix of it, to --mapping)");
            var prepared = PolygonGeometry.Prepare(feature.Geometry, _crs, _fileNamesNoCrs, "a land-use parcel");
            if (prepared.Problem is { } problem)
                throw Error(feature, $"(class {code}) {problem}");
            if (prepared.Repair is { } repair)
                _repairs.Add(new LandUseRepair(feature.Number, code, repair));
            yield return new LandUseParcel(
                feature.Number,
                code,
                ThaiText.Normalize(feature.Attribute(NameThField)),
                feature.Attribute(NameEnField)?.Trim() ?? string.Empty,
                rule.IsGreen,
                rule.LandClass,
                prepared.Polygon!);
        }
    }

    public void Dispose() => _source.Dispose();

    private FeatureFormatException Error(SourceFeature feature, string problem) => new(Path, feature.Number, problem);
}
