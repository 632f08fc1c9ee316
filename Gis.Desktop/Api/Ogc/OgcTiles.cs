using Gis.Core.Hotspots;
using Gis.Core.Spatial;
using Gis.Core.Time;
using Gis.Importers.Queries.Hotspots;
using static Gis.Desktop.Api.Ogc.OgcEndpoints;

namespace Gis.Desktop.Api.Ogc;

/// <summary>
/// OGC API - Tiles over the workstation's own hotspot vector tiles: the WebMercatorQuad tile matrix set, a vector
/// tileset per collection that has tiles (the detections), and its tiles, made and kept by the page's tile code
/// (<see cref="TileCache"/>, <see cref="HotspotTiles"/>), so both clients get the same bytes.
/// </summary>
internal static class OgcTiles
{
    public const string MatrixSetId = "WebMercatorQuad";
    public const string MatrixSetUri = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    public const string MvtType = "application/vnd.mapbox-vector-tile";
    private const string WebMercatorCrs = "http://www.opengis.net/def/crs/EPSG/0/3857";
    private const string TilingScheme = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";

    /// <summary>The deepest tile matrix served (as the page's tiles).</summary>
    public const int MaxZoom = 22;

    public static readonly string[] Conformance =
    [
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/datetime",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
        "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset",
    ];

    /// <summary>What a tile's features carry, by zoom (the page's tiles, ADR 0009 and 0023).</summary>
    private const string TileContent = "Layer 'hotspots' of the workstation's province. From tile matrix 10 on, one point per detection "
        + "(id, confidence l/n/h, satellite, day: the Bangkok day); below, detections summed per 4-pixel cell of a 512-pixel tile "
        + "(n: detections, confidence: the highest). datetime (dates are Bangkok days; a tile holds whole days) chooses the days, "
        + "every stored day by default; instrument (VIIRS, MODIS, all: the default) the sensor.";

    public static void Map(RouteGroupBuilder ogc)
    {
        ogc.MapGet("/tileMatrixSets", (HttpRequest request) => Json(request, []) ?? Write(new
        {
            tileMatrixSets = new[]
            {
                new
                {
                    id = MatrixSetId,
                    title = "Google Maps Compatible for the World",
                    uri = MatrixSetUri,
                    links = new[] { new OgcLink($"{Base(request)}/tileMatrixSets/{MatrixSetId}", "self", JsonType, MatrixSetId) },
                },
            },
        }));
        ogc.MapGet("/tileMatrixSets/{tileMatrixSetId}", (string tileMatrixSetId, HttpRequest request) =>
        {
            MatrixSet(tileMatrixSetId);
            return Json(request, []) ?? Write(WebMercatorQuad());
        });
        ogc.MapGet("/collections/{collectionId}/tiles", (string collectionId, HttpRequest request) =>
        {
            var c = Tiled(collectionId);
            Json(request, []);
            var self = $"{Base(request)}/collections/{c.Id}/tiles";
            return Write(new
            {
                links = new[] { new OgcLink(self, "self", JsonType, "Tilesets of " + c.Title) },
                tilesets = new[] {
                Tileset(c, self + "/" + MatrixSetId, request, full: false) }
            });
        });
        ogc.MapGet("/collections/{collectionId}/tiles/{tileMatrixSetId}", (string collectionId, string tileMatrixSetId,
            HttpRequest request) =>
        {
            var c = Tiled(collectionId);
            MatrixSet(tileMatrixSetId);
            Json(request, []);
            return Write(Tileset(c, $"{Base(request)}/collections/{c.Id}/tiles/{MatrixSetId}", request, full: true));
        });
        ogc.MapGet("/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", TileAsync);
    }

    private static OgcCollection Tiled(string collectionId) =>
        OgcCollection.Find(collectionId) is { HasTiles: true } c ? c
            : throw new OgcNotFoundException($"Collection '{collectionId}' has no tiles; hotspots has.");

    private static void MatrixSet(string id)
    {
        if (id != MatrixSetId)
            throw new OgcNotFoundException($"No tile matrix set '{id}'; there is {MatrixSetId}.");
    }

    /// <summary>A tileset's description; <paramref name="full"/> adds its tile template and layers.</summary>
    private static object Tileset(OgcCollection c, string self, HttpRequest request, bool full) => new
    {
        title = c.Title,
        description = full ? TileContent : null,
        dataType = "vector",
        crs = WebMercatorCrs,
        tileMatrixSetURI = MatrixSetUri,
        links = new[]
        {
            new OgcLink(self, "self", JsonType, c.Title + " tileset"),
            new OgcLink($"{Base(request)}/tileMatrixSets/{MatrixSetId}", TilingScheme, JsonType, MatrixSetId),
            new OgcLink(self + "/{tileMatrix}/{tileRow}/{tileCol}", "item", MvtType, "Mapbox vector tiles", Templated: true),
        },
        layers = full ? new[] { new { id = "hotspots", dataType = "vector", geometryDimension = 0, minTileMatrix = "0",
            maxTileMatrix = MaxZoom.ToString(System.Globalization.CultureInfo.InvariantCulture) } } : null,
    };

    /// <summary>
    /// The OGC WebMercatorQuad definition (TMS 2.0 JSON): 256-pixel tiles, top-left origin, zooms 0 to <see cref="MaxZoom"/>.
    /// </summary>
    private static object WebMercatorQuad() => new
    {
        id = MatrixSetId,
        title = "Google Maps Compatible for the World",
        uri = MatrixSetUri,
        crs = WebMercatorCrs,
        orderedAxes = new[] { "X", "Y" },
        wellKnownScaleSet = "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
        tileMatrices = Enumerable.Range(0, MaxZoom + 1).Select(z =>
        {
            var cellSize = 2 * WebTiles.HalfWorldMeters / 256 / (1L << z);
            return new
            {
                id = z.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // The standard's pixel of 0.28 mm.
                scaleDenominator = cellSize / 0.00028,
                cellSize,
                cornerOfOrigin = "topLeft",
                pointOfOrigin = new[] { -WebTiles.HalfWorldMeters, WebTiles.HalfWorldMeters },
                tileWidth = 256,
                tileHeight = 256,
                matrixWidth = 1L << z,
                matrixHeight = 1L << z,
            };
        }),
    };

    /// <summary>One vector tile: row is y (down from the north), column x; the days of <c>datetime</c>, else every stored day.</summary>
    private static async Task<IResult> TileAsync(string collectionId, string tileMatrixSetId, string tileMatrix, string tileRow,
        string tileCol, HttpRequest request, GisStore store, DesktopOptions options, TileCache cache, CancellationToken ct)
    {
        var c = Tiled(collectionId);
        MatrixSet(tileMatrixSetId);
        OgcParameters.OnlyKnown(request.Query, ["datetime", "instrument"]);
        if (request.Query["f"] is { Count: > 0 } f && f.ToString() != "mvt")
            throw new ApiInputException($"f={f}: tiles are Mapbox vector tiles only (f=mvt).");
        var z = Index(tileMatrix, MaxZoom, $"tile matrix '{tileMatrix}'");
        var side = (1 << z) - 1;
        var y = Index(tileRow, side, $"tile row '{tileRow}' of matrix {z}");
        var x = Index(tileCol, side, $"tile column '{tileCol}' of matrix {z}");
        HotspotFilter filter;
        try
        {
            filter = HotspotFilter.Parse(request.Query["instrument"].FirstOrDefault() ?? "all");
        }
        catch (FormatException e)
        {
            throw new ApiInputException(e.Message);
        }
        var time = OgcParameters.Datetime(request.Query["datetime"].FirstOrDefault());
        if (await new HotspotCounts(store).StoredDaysAsync(ct) is not var (first, last))
            return Results.Bytes(Array.Empty<byte>(), MvtType);
        // A tile holds whole Bangkok days: those the interval touches.
        var from = time?.FromUtc is { } f0 ? Bangkok.LocalDay(f0) : first;
        var to = time?.ToUtc is { } t0 ? Bangkok.LocalDay(t0.AddTicks(-1)) : last;
        var tile = await cache.VectorTileAsync(store, z, x, y, new TileSelection(from, to, options.ProvinceCode, filter), ct);
        return Results.Bytes(tile, MvtType);
    }

    /// <summary>A tile index from 0 to <paramref name="max"/>; anything else is a tile that does not exist (404).</summary>
    private static int Index(string text, int max, string what) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value <= max ? value : throw new OgcNotFoundException($"{what} does not exist (0-{max}).");
}
