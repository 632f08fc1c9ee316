using System.Globalization;
using System.Text.Json;
using Gis.Core.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Gis.Importers.Features;

/// <summary>
/// GeoJSON FeatureCollection. The whole document is parsed at once: the largest boundary file (928 districts)
/// is 2 MB, and a parsed document lets errors name the feature. Memory is about the file's size; geometries are
/// decoded one feature at a time, so a large land-use layer never holds all its NTS geometries at once. A 2008-style <c>crs</c> member is
/// honoured.
/// </summary>
internal sealed class GeoJsonFeatureSource : FeatureSource
{
    private static readonly JsonSerializerOptions GeometryOptions = new() { Converters = { new GeoJsonConverterFactory() } };

    private readonly JsonDocument _document;
    private readonly List<JsonElement> _features;

    public GeoJsonFeatureSource(string path)
        : base(path, "GeoJSON")
    {
        try
        {
            using var stream = File.OpenRead(path);
            _document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw Error(null, $"is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }

        var root = _document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("features", out var features)
            || features.ValueKind != JsonValueKind.Array)
        {
            _document.Dispose();
            throw Error(null, "is JSON but not a GeoJSON FeatureCollection (no \"features\" array)");
        }

        _features = [.. features.EnumerateArray()];
        if (_features.Count == 0)
        {
            _document.Dispose();
            throw Error(null, "has no features");
        }

        FieldNames = Properties(_features[0]) is { ValueKind: JsonValueKind.Object } p
            ? [.. p.EnumerateObject().Select(x => x.Name)]
            : [];
        Crs = NamedCrs(root);
    }

    public override IEnumerable<SourceFeature> Features()
    {
        for (var i = 0; i < _features.Count; i++)
        {
            var number = i + 1;
            var feature = _features[i];
            var attributes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (Properties(feature) is { ValueKind: JsonValueKind.Object } properties)
            {
                foreach (var property in properties.EnumerateObject())
                    attributes[property.Name] = Text(property.Value);
            }

            yield return new SourceFeature(number, ReadGeometry(feature, number), attributes);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _document.Dispose();
        base.Dispose(disposing);
    }

    private Geometry? ReadGeometry(JsonElement feature, int number)
    {
        if (!feature.TryGetProperty("geometry", out var element) || element.ValueKind == JsonValueKind.Null)
            return null;
        try
        {
            return element.Deserialize<Geometry>(GeometryOptions);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw Error(number, "geometry cannot be read: " + e.Message, e);
        }
    }

    private static JsonElement? Properties(JsonElement feature) =>
        feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("properties", out var p) ? p : null;

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };

    // RFC 7946 GeoJSON is always WGS 84; older (2008) files may name another CRS by an EPSG URN.
    private Reprojection? NamedCrs(JsonElement root)
    {
        if (!root.TryGetProperty("crs", out var crs) || crs.ValueKind != JsonValueKind.Object
            || !crs.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || !properties.TryGetProperty("name", out var nameElement) || nameElement.GetString() is not { } name)
            return null;
        if (name.EndsWith("CRS84", StringComparison.OrdinalIgnoreCase))
            return null;
        var digits = new string([.. name.Reverse().TakeWhile(char.IsAsciiDigit).Reverse()]);
        if (!name.Contains("EPSG", StringComparison.OrdinalIgnoreCase)
            || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var srid))
            throw Error(null, $"names a coordinate system the reader does not understand: '{name}'");
        return CrsFromSrid(srid);
    }
}
