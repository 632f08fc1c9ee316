using System.Text.Json.Nodes;
using Gis.Importers.Queries.Layers;
using static Gis.Desktop.Api.Ogc.OgcEndpoints;

namespace Gis.Desktop.Api.Ogc;

/// <summary>
/// The API definition (OpenAPI 3.0) of <c>/ogc</c>, made from the same collection list the endpoints serve. Clients
/// read it for the parameters (GDAL takes its page size from the maximum of <c>limit</c>).
/// </summary>
internal static class OgcOpenApi
{
    public const string ContentType = "application/vnd.oai.openapi+json;version=3.0";

    public static string Document(string baseUrl)
    {
        var paths = new JsonObject
        {
            ["/"] = Get("The landing page", JsonType),
            ["/conformance"] = Get("The conformance classes", JsonType),
            ["/api"] = Get("This definition", ContentType),
            ["/collections"] = Get("The feature collections", JsonType),
            ["/collections/{collectionId}"] = Get("A feature collection", JsonType, PathParameter("collectionId")),
            ["/collections/{collectionId}/items"] = Get("Features of a collection, a page at a time", GeoJsonType,
                [PathParameter("collectionId"), .. ItemParameters(FeatureParameters(withTime: true))]),
            ["/collections/{collectionId}/items/{featureId}"] = Get("One feature", GeoJsonType, PathParameter("collectionId"),
                PathParameter("featureId")),
            ["/tileMatrixSets"] = Get("The tiling schemes", JsonType),
            ["/tileMatrixSets/{tileMatrixSetId}"] = Get("A tiling scheme", JsonType, PathParameter("tileMatrixSetId")),
            ["/collections/{collectionId}/tiles"] = Get("The tilesets of a collection", JsonType, PathParameter("collectionId")),
            ["/collections/{collectionId}/tiles/{tileMatrixSetId}"] = Get("A tileset", JsonType, PathParameter("collectionId"),
                PathParameter("tileMatrixSetId")),
            ["/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}"] = Get("A vector tile",
                OgcTiles.MvtType, PathParameter("collectionId"), PathParameter("tileMatrixSetId"), PathParameter("tileMatrix"),
                PathParameter("tileRow"), PathParameter("tileCol"), QueryParameter("datetime", "Days of the detections", "string"),
                QueryParameter("instrument", "VIIRS, MODIS or all (default)", "string")),
        };
        // Each collection's items with exactly the parameters it takes, so clients offer its filters.
        foreach (var c in OgcCollection.All)
        {
            paths[$"/collections/{c.Id}/items"] = Get(c.Title, GeoJsonType,
                [.. ItemParameters(FeatureParameters(FeaturePages.HasTime(c.Layer))), .. c.Filters.Select(f =>
                    QueryParameter(f, "Detections filter as the command line's --" + f + " (comma-separated values)", "string"))]);
        }
        var document = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "gis workstation: OGC API - Features and Tiles",
                ["version"] = "1.0.0",
                ["description"] = "Read-only. Loopback, or an access token (Authorization: Bearer) when the workstation listens elsewhere.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = baseUrl }),
            ["paths"] = paths,
        };
        return document.ToJsonString();
    }

    private static JsonObject[] FeatureParameters(bool withTime) =>
    [
        QueryParameter("bbox", "minLon,minLat,maxLon,maxLat in CRS84 degrees: features whose geometry intersects it", "array",
            new JsonObject { ["type"] = "number" }),
        .. withTime
            ? [QueryParameter("datetime", "An RFC 3339 instant or interval (start/end, .. open); a date is a Bangkok day", "string")]
            : Array.Empty<JsonObject>(),
    ];

    private static JsonObject[] ItemParameters(JsonObject[] features) =>
    [
        .. features,
        new JsonObject
        {
            ["name"] = "limit",
            ["in"] = "query",
            ["required"] = false,
            ["description"] = "Features per page",
            ["schema"] = new JsonObject
            {
                ["type"] = "integer",
                ["minimum"] = 1,
                ["maximum"] = OgcParameters.MaxLimit,
                ["default"] = OgcParameters.DefaultLimit,
            },
        },
        QueryParameter(After, "The key the page continues after (from the next link)", "string"),
    ];

    private static JsonObject PathParameter(string name) => new()
    {
        ["name"] = name,
        ["in"] = "path",
        ["required"] = true,
        ["schema"] = new JsonObject { ["type"] = "string" },
    };

    private static JsonObject QueryParameter(string name, string description, string type, JsonObject? items = null)
    {
        var schema = new JsonObject { ["type"] = type };
        if (items is not null)
            schema["items"] = items;
        return new JsonObject
        {
            ["name"] = name,
            ["in"] = "query",
            ["required"] = false,
            ["description"] = description,
            ["style"] = "form",
            ["explode"] = false,
            ["schema"] = schema,
        };
    }

    private static JsonObject Get(string summary, string type, params JsonObject[] parameters) => new()
    {
        ["get"] = new JsonObject
        {
            ["summary"] = summary,
            ["parameters"] = new JsonArray([.. parameters]),
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = summary,
                    ["content"] = new JsonObject { [type] = new JsonObject() },
                },
                ["400"] = Failure("A parameter is not valid"),
                ["404"] = Failure("No such collection, feature or tile"),
            },
        },
    };

    private static JsonObject Failure(string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { [JsonType] = new JsonObject() },
    };
}
