using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Gis.Core.Hotspots;
using Gis.Importers.Queries.Layers;

namespace Gis.Desktop.Api.Ogc;

/// <summary>
/// OGC API - Features (Part 1: Core, GeoJSON, OpenAPI 3.0) over the store, read-only, under <c>/ogc</c>, so QGIS, ArcGIS or
/// GDAL connect to the workstation (ADR 0030). The same gate as every request (loopback, or the access token) applies;
/// nothing here writes. Errors are the standard's exception document (<c>code</c>, <c>description</c>) with the
/// workstation's <c>error</c> member: 400 for a bad parameter, 404 for an unknown collection or feature, 406 when the
/// client accepts no JSON.
/// </summary>
internal static class OgcEndpoints
{
    public const string Prefix = "/ogc";

    /// <summary>The keyset cursor of the items' next links: the key of the last feature of the page before.</summary>
    public const string After = "after";

    public const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    public const string JsonType = "application/json";
    public const string GeoJsonType = "application/geo+json";

    private static readonly string[] Conformance =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections",
        .. OgcTiles.Conformance,
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        var ogc = app.MapGroup(Prefix).AddEndpointFilter(Errors);
        ogc.MapGet("/", (HttpRequest request) => Json(request, []) ?? Landing(Base(request)));
        ogc.MapGet("/conformance", (HttpRequest request) => Json(request, []) ?? Write(new { conformsTo = Conformance }));
        ogc.MapGet("/api", (HttpRequest request) => Json(request, []) ?? Results.Text(OgcOpenApi.Document(Base(request)),
            OgcOpenApi.ContentType));
        ogc.MapGet("/collections", async (HttpRequest request, GisStore store, TileCache cache, CancellationToken ct) =>
        {
            Json(request, []);
            var b = Base(request);
            var collections = new List<object>();
            foreach (var c in OgcCollection.All)
                collections.Add(await DescriptionAsync(c, b, store, cache, ct));
            return Write(new { links = new[] { new OgcLink(b + "/collections", "self", JsonType, "The collections") }, collections });
        });
        ogc.MapGet("/collections/{collectionId}", async (string collectionId, HttpRequest request, GisStore store, TileCache cache,
            CancellationToken ct) =>
        {
            var c = OgcCollection.Find(collectionId);
            Json(request, []);
            return Write(await DescriptionAsync(c, Base(request), store, cache, ct));
        });
        ogc.MapGet("/collections/{collectionId}/items", ItemsAsync);
        ogc.MapGet("/collections/{collectionId}/items/{featureId}", async (string collectionId, string featureId, HttpRequest request,
            GisStore store, CancellationToken ct) =>
        {
            var c = OgcCollection.Find(collectionId);
            Json(request, []);
            var feature = await new FeaturePages(store).FindAsync(c.Layer, featureId, ct)
                ?? throw new OgcNotFoundException($"No feature '{featureId}' in collection '{c.Id}'.");
            var collection = $"{Base(request)}/collections/{c.Id}";
            return GeoJson(json => WriteFeature(json, c, feature,
                [new($"{collection}/items/{Uri.EscapeDataString(featureId)}", "self", GeoJsonType, "This feature"),
                    new(collection, "collection", JsonType, c.Title)]));
        });
        OgcTiles.Map(ogc);
    }

    /// <summary>A link of a JSON document; <paramref name="Templated"/> marks an href with {placeholders}.</summary>
    internal sealed record OgcLink(string Href, string Rel, string Type, string? Title = null, bool? Templated = null);

    /// <summary>Member names as the standard spells them (camelCase), nulls left out; the API's snake_case is not used here.</summary>
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The address of the API's landing page as the client reached it (links are absolute, as clients expect).</summary>
    internal static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}";

    /// <summary>Checks the format and that only <paramref name="known"/> parameters are given; returns null (for <c>??</c>).</summary>
    internal static IResult? Json(HttpRequest request, IReadOnlyCollection<string> known)
    {
        OgcParameters.OnlyKnown(request.Query, known);
        OgcParameters.Json(request);
        return null;
    }

    internal static IResult Write(object document, string type = JsonType) => Results.Json(document, Options, type);

    private static IResult Landing(string b) => Write(new
    {
        title = "gis: fire hotspots and green-area targets",
        description = "The workstation's store as OGC API - Features and Tiles: provinces, districts with their latest saved "
            + "target results, FIRMS hotspots, project areas and the green-area allocation (read-only).",
        links = new[]
        {
            new OgcLink(b, "self", JsonType, "This document"),
            new OgcLink(b + "/api", "service-desc", OgcOpenApi.ContentType, "The API definition (OpenAPI 3.0)"),
            new OgcLink(b + "/conformance", "conformance", JsonType, "The standards this API conforms to"),
            new OgcLink(b + "/collections", "data", JsonType, "The feature collections"),
            new OgcLink(b + "/tileMatrixSets", "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes", JsonType, "The tiling schemes"),
        },
    });

    /// <summary>A collection's description: links, extent (CRS84 box; time for the detections) and item type.</summary>
    private static async Task<object> DescriptionAsync(OgcCollection c, string b, GisStore store, TileCache cache, CancellationToken ct)
    {
        var self = $"{b}/collections/{c.Id}";
        var links = new List<OgcLink>
        {
            new(self, "self", JsonType, c.Title),
            new(self + "/items", "items", GeoJsonType, c.Title + " (GeoJSON)"),
        };
        if (c.HasTiles)
            links.Add(new(self + "/tiles", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector", JsonType, "Vector tiles"));
        var extent = await ExtentAsync(c.Layer, store, cache, ct);
        return new
        {
            id = c.Id,
            title = c.Title,
            description = c.Description,
            links,
            extent = extent.Box is not { } box ? null : new
            {
                spatial = new { bbox = new[] { new[] { box.West, box.South, box.East, box.North } }, crs = Crs84 },
                temporal = extent.FirstUtc is null ? null : new
                {
                    interval = new[] { new[] { Instant(extent.FirstUtc), Instant(extent.LastUtc) } },
                    trs = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
                },
            },
            itemType = "feature",
            crs = new[] { Crs84 },
        };
    }

    /// <summary>
    /// The layer's extent; the detections' (a pass over every point) kept with the tiles until the hotspot data changes.
    /// </summary>
    internal static async Task<LayerExtent> ExtentAsync(FeatureLayer layer, GisStore store, TileCache cache, CancellationToken ct)
    {
        var pages = new FeaturePages(store);
        if (layer != FeatureLayer.Hotspots)
            return await pages.ExtentAsync(layer, ct);
        var bytes = await cache.GetOrMakeAsync("ogc/extent/hotspots", store,
            async token => JsonSerializer.SerializeToUtf8Bytes(await pages.ExtentAsync(layer, token)), ct);
        return JsonSerializer.Deserialize<LayerExtent>(bytes)!;
    }

    private static string? Instant(DateTime? utc) =>
        utc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>/collections/{id}/items</c>: a page of features in key order (keyset paging: <c>next</c> carries the last key,
    /// so a page costs the same deep in a million detections and never repeats or skips a feature). numberMatched is
    /// counted on the first page only (a count of every match; later pages would pay it again for the same number).
    /// </summary>
    private static async Task<IResult> ItemsAsync(string collectionId, HttpRequest request, GisStore store, CancellationToken ct)
    {
        var c = OgcCollection.Find(collectionId);
        var query = request.Query;
        if (!FeaturePages.HasTime(c.Layer) && query.ContainsKey("datetime"))
            throw new ApiInputException($"datetime: collection '{c.Id}' has no time (datetime applies to hotspots).");
        Json(request, c.ItemParameters);
        var box = OgcParameters.Bbox(Single(query, "bbox"));
        var time = OgcParameters.Datetime(Single(query, "datetime"));
        var limit = OgcParameters.Limit(Single(query, "limit"));
        var after = Single(query, After);
        if (after is not null && !after.All(char.IsAsciiDigit))
            throw new ApiInputException($"{After} '{after}' is not a key of collection '{c.Id}' (take the next link as it is).");
        var page = await new FeaturePages(store).PageAsync(c.Layer,
            new FeaturePageRequest(box, time, Filter(c, query), limit, after, CountMatched: after is null), ct);

        var collection = $"{Base(request)}/collections/{c.Id}";
        var items = collection + "/items";
        var links = new List<OgcLink>
        {
            new(items + request.QueryString, "self", GeoJsonType, "This page"),
            new(collection, "collection", JsonType, c.Title),
        };
        if (page.Next is { } next)
        {
            var rest = query.Where(p => p.Key != After).SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)));
            links.Add(new(items + QueryString.Create(rest.Append(KeyValuePair.Create(After, (string?)next))), "next", GeoJsonType,
                "The next page"));
        }
        return GeoJson(json =>
        {
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var feature in page.Features)
            {
                json.WriteStartObject();
                WriteFeature(json, c, feature, null);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WritePropertyName("links");
            JsonSerializer.Serialize(json, links, Options);
            json.WriteString("timeStamp", Instant(DateTime.UtcNow));
            if (page.NumberMatched is { } matched)
                json.WriteNumber("numberMatched", matched);
            json.WriteNumber("numberReturned", page.Features.Count);
        });
    }

    /// <summary>The detections' filter from the query (every sensor unless one is named), or null when none is given.</summary>
    private static HotspotFilter? Filter(OgcCollection c, IQueryCollection query)
    {
        if (!c.Filters.Any(query.ContainsKey))
            return null;
        var (instrument, satellite) = (Single(query, "instrument"), Single(query, "satellite"));
        try
        {
            return HotspotFilter.Parse(instrument ?? (satellite is null ? "all" : null), satellite, Single(query, "confidence"),
                Single(query, "daynight"), Single(query, "type"));
        }
        catch (FormatException e)
        {
            throw new ApiInputException(e.Message);
        }
    }

    /// <summary>A parameter given at most once (a repeated one is ambiguous: 400); null when not given.</summary>
    private static string? Single(IQueryCollection query, string name) =>
        query[name] is { Count: > 1 } ? throw new ApiInputException($"{name} is given more than once.") : query[name].FirstOrDefault();

    /// <summary>The members of a feature (its type, id, geometry, properties and links) into an open object.</summary>
    private static void WriteFeature(Utf8JsonWriter json, OgcCollection c, KeyedFeature feature, IReadOnlyList<OgcLink>? links)
    {
        json.WriteString("type", "Feature");
        if (FeaturePages.HasIntegerKey(c.Layer))
            json.WriteNumber("id", long.Parse(feature.Key, CultureInfo.InvariantCulture));
        else
            json.WriteString("id", feature.Key);
        json.WritePropertyName("geometry");
        json.WriteRawValue(feature.Feature.GeometryJson, skipInputValidation: true);
        json.WritePropertyName("properties");
        JsonSerializer.Serialize(json, feature.Feature.Properties, Options);
        if (links is not null)
        {
            json.WritePropertyName("links");
            JsonSerializer.Serialize(json, links, Options);
        }
    }

    /// <summary>
    /// A GeoJSON answer written by <paramref name="members"/> into one object, built in memory (a page is at most
    /// <see cref="OgcParameters.MaxLimit"/> features) because the JSON writer flushes synchronously, which Kestrel forbids.
    /// </summary>
    private static IResult GeoJson(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }
        return Results.Bytes(buffer.WrittenMemory, GeoJsonType);
    }

    /// <summary>Answers the API's failures as the standard's exception document, with the workstation's error member.</summary>
    private static async ValueTask<object?> Errors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ApiInputException e)
        {
            return Exception(StatusCodes.Status400BadRequest, "InvalidParameterValue", e.Message);
        }
        catch (OgcNotFoundException e)
        {
            return Exception(StatusCodes.Status404NotFound, "NotFound", e.Message);
        }
        catch (NotAcceptableException e)
        {
            return Exception(StatusCodes.Status406NotAcceptable, "NotAcceptable", e.Message);
        }
    }

    private static IResult Exception(int status, string code, string message) =>
        Results.Json(new { code, description = message, error = message }, Options, JsonType, status);
}
