using System.Buffers;
using System.Text.Json;
using Gis.Core.Admin;
using Gis.Importers.Queries.Layers;

namespace Gis.Desktop.Api;

/// <summary>The vector layers of the offline base map as GeoJSON feature collections (WGS 84).</summary>
internal static class LayerEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/layers/districts", async (GisStore store, DesktopOptions options, string? province, CancellationToken ct) =>
            FeatureCollection(await new LayerFeatures(store).DistrictsAsync(Province(province, options), ct)));
        app.MapGet("/api/layers/province", async (GisStore store, DesktopOptions options, string? province, CancellationToken ct) =>
            FeatureCollection(await new LayerFeatures(store).ProvinceAsync(Province(province, options), ct)));
        app.MapGet("/api/layers/landuse", async (GisStore store, int? snapshot, CancellationToken ct) =>
            FeatureCollection(await new LayerFeatures(store).LandUseAsync(RequestValues.BeYear(snapshot, "snapshot")
                ?? throw new ApiInputException("snapshot is missing: give the land-use snapshot year (BE), e.g. snapshot=2566."), ct)));
        app.MapGet("/api/layers/projects", async (GisStore store, int? year, CancellationToken ct) =>
            FeatureCollection(await new LayerFeatures(store).ProjectAreasAsync(RequestValues.BeYear(year, "year"), ct)));
    }

    /// <summary>A DOPA province code from the query, else the workstation's.</summary>
    internal static string Province(string? given, DesktopOptions options) =>
        given is null ? options.ProvinceCode : DopaCode.Normalize(given) is { Length: 2 } code ? code
            : throw new ApiInputException($"'{given}' is not a province code (two digits, e.g. 50).");

    /// <summary>
    /// Writes the features as one GeoJSON FeatureCollection; the geometry text from PostGIS goes in unchanged. Built in
    /// memory (a province's layers are a few MB) because the JSON writer flushes synchronously, which Kestrel forbids.
    /// </summary>
    internal static IResult FeatureCollection(IReadOnlyList<GeoJsonFeature> features)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var feature in features)
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WritePropertyName("properties");
                JsonSerializer.Serialize(json, feature.Properties);
                json.WritePropertyName("geometry");
                json.WriteRawValue(feature.GeometryJson, skipInputValidation: true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Results.Bytes(buffer.WrittenMemory, "application/geo+json");
    }
}
