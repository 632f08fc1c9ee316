using Gis.Core;
using Gis.Core.Admin;
using Gis.Core.Spatial;
using Gis.Core.Text;
using Gis.Importers.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace Gis.Importers.Boundaries;

/// <summary>
/// Reads administrative boundaries (provinces, districts, subdistricts) from GeoJSON, Shapefile or GeoPackage into
/// <see cref="AdminArea"/> records in <see cref="Srid.Wgs84"/>. The format is recognised from the file's content,
/// not its name. Invalid polygons are repaired and reported; anything that cannot be put right without guessing
/// (a missing or malformed code, a geometry that is not a polygon) stops the read with a
/// <see cref="BoundaryFormatException"/> naming the file and the 1-based feature number.
/// </summary>
public static class BoundaryReader
{
    /// <summary>
    /// Reads every area of one level. Cost: one pass over the file plus validation of each polygon
    /// (the 928 districts of Thailand read in well under a second).
    /// </summary>
    /// <param name="path">A <c>.geojson</c>/<c>.json</c>, a <c>.shp</c> (with <c>.dbf</c>, optional <c>.prj</c>, <c>.cpg</c>) or a
    /// <c>.gpkg</c>.</param>
    /// <param name="options">Overrides of what is detected; null for all defaults.</param>
    /// <returns>One area per code, boundaries valid multipolygons in WGS 84 (longitude, latitude).</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="BoundaryFormatException">The file is empty, of no known format, or has a feature that cannot be read.</exception>
    public static BoundaryReadResult Read(string path, BoundaryReadOptions? options = null)
    {
        options ??= new BoundaryReadOptions();
        try
        {
            using var source = FeatureSource.Open(path, options.Encoding, options.Layer);
            var fields = BoundaryFields.Resolve(path, source.FieldNames, options);
            var crs = source.ToWgs84(options.SourceSrid);
            var builder = new AreaBuilder(path, fields, crs, namesNoCrs: source.Crs is null && options.SourceSrid is null);
            foreach (var feature in source.Features())
                builder.Add(feature);
            return builder.Build(source.Format) with { EncodingNote = source.EncodingNote };
        }
        catch (FeatureFormatException e) when (e is not BoundaryFormatException)
        {
            // The shared feature sources report in general terms; callers of this reader expect its own type.
            throw new BoundaryFormatException(e.FilePath ?? path, e.FeatureNumber, e.Problem ?? e.Message, e.InnerException);
        }
    }

    /// <summary>Turns source features into areas, one code at a time, collecting repairs.</summary>
    private sealed class AreaBuilder(string path, BoundaryFields fields, Reprojection crs, bool namesNoCrs)
    {
        private readonly List<AdminArea> _areas = [];
        private readonly Dictionary<string, (int Index, int FeatureNumber)> _byCode = new(StringComparer.Ordinal);
        private readonly List<BoundaryRepair> _repairs = [];
        private AdminLevel? _level = fields.Level;

        public void Add(SourceFeature feature)
        {
            var code = Code(feature);
            var boundary = Boundary(feature, code);
            if (_byCode.TryGetValue(code, out var first))
            {
                var merged = PolygonGeometry.ToMultiPolygon(UnaryUnionOp.Union(new Geometry[] { _areas[first.Index].Boundary, boundary }));
                _areas[first.Index] = _areas[first.Index] with { Boundary = merged };
                _repairs.Add(new BoundaryRepair(code, feature.Number, BoundaryRepairKind.DuplicateCodeMerged,
                    $"same code as feature {first.FeatureNumber}; the boundaries were unioned into one"));
                return;
            }

            _byCode[code] = (_areas.Count, feature.Number);
            _areas.Add(new AdminArea(
                code,
                ThaiText.Normalize(feature.Attribute(fields.NameTh)),
                feature.Attribute(fields.NameEn)?.Trim() ?? string.Empty,
                boundary));
        }

        public BoundaryReadResult Build(string format) =>
            _level is { } level
                ? new BoundaryReadResult(_areas, format, level, fields.Code, fields.NameTh, fields.NameEn, _repairs)
                : throw new BoundaryFormatException(path, null, "has no features");

        private string Code(SourceFeature feature)
        {
            var text = feature.Attribute(fields.Code);
            if (string.IsNullOrWhiteSpace(text))
                throw Error(feature, $"has no code in field {fields.Code}");
            if (!DopaCode.TryNormalize(text, out var code))
                throw Error(feature, $"code '{text}' in field {fields.Code} is not a DOPA code (2, 4 or 6 digits, optionally prefixed TH)");
            _level ??= DopaCode.LevelOf(code);
            if (DopaCode.LevelOf(code) != _level)
                throw Error(feature, $"code '{text}' has {code.Length} digits, but the level read is {_level} ({(int)_level} digits)");
            return code;
        }

        private MultiPolygon Boundary(SourceFeature feature, string code)
        {
            var prepared = PolygonGeometry.Prepare(feature.Geometry, crs, namesNoCrs, "a boundary");
            if (prepared.Problem is { } problem)
                throw Error(feature, $"(code {code}) {problem}");
            if (prepared.Repair is { } repair)
                _repairs.Add(new BoundaryRepair(code, feature.Number, BoundaryRepairKind.InvalidGeometryFixed, repair));
            return prepared.Polygon!;
        }

        private BoundaryFormatException Error(SourceFeature feature, string problem) => new(path, feature.Number, problem);
    }
}
