using System.Collections.Concurrent;
using Gis.Core.Hotspots;
using Gis.Core.Spatial;
using Gis.Importers.Queries.AdminAreas;
using Gis.Importers.Queries.Hotspots;
using Gis.Rendering.Maps;

namespace Gis.Desktop.Api;

/// <summary>
/// Hotspots as Mapbox vector tiles made by PostGIS (ST_AsMVT), so millions of points stay fluid:
/// <c>/api/tiles/hotspots/{z}/{x}/{y}.pbf?period=season:2569[&amp;day=2026-03-15][&amp;instrument=VIIRS|MODIS|all]</c>. Below zoom
/// <see cref="GridBelowZoom"/> the points are summed per grid cell; a <c>day</c> narrows the period to one local day
/// (the day slider). The same detections as a heat map (density per 100 km², ADR 0012): <c>/api/tiles/heat/{z}/{x}/{y}.png</c>
/// with the same parameters. Tiles are kept in memory until a new import batch or a superseding step changes the data.
/// </summary>
internal static class TileEndpoints
{
    /// <summary>
    /// Zoom 9 shows the whole province, zoom 10 a large part of it, in grid cells of about 580 m (8 pixels at zoom 10): a
    /// season there is tens of thousands of detections a tile, a blot as points and the slowest tile to make (ADR 0045).
    /// From zoom 11 (about 75 m per pixel) each detection is its own dot.
    /// </summary>
    public const int GridBelowZoom = 11;

    /// <summary>Heat tiles are 512 pixels, on the grid of the 512-pixel vector tiles the page draws (tile z/x/y = map zoom z).</summary>
    public const int HeatTilePixels = 512;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tiles/hotspots/{z:int}/{x:int}/{y:int}.pbf",
            async (int z, int x, int y, string? period, string? day, string? instrument,
            GisStore store, DesktopOptions options, TileCache cache, CancellationToken ct) =>
        {
            var selection = Selection(z, x, y, period, day, instrument, options.ProvinceCode);
            return Results.Bytes(await cache.VectorTileAsync(store, z, x, y, selection, ct), "application/vnd.mapbox-vector-tile");
        });
        // The same detections as a density surface (ADR 0012): PNG, opaque class colours, transparent below the lowest class.
        app.MapGet("/api/tiles/heat/{z:int}/{x:int}/{y:int}.png",
            async (int z, int x, int y, string? period, string? day, string? instrument,
            GisStore store, DesktopOptions options, TileCache cache, CancellationToken ct) =>
        {
            var selection = Selection(z, x, y, period, day, instrument, options.ProvinceCode);
            return Results.Bytes(await HeatTileAsync(cache, store, z, x, y, selection, ct), "image/png");
        });
    }

    /// <summary>A heat tile from memory when made for the current data version, else made now and kept.</summary>
    public static Task<byte[]> HeatTileAsync(TileCache cache, GisStore store, int z, int x, int y, TileSelection selection,
        CancellationToken ct) =>
        cache.GetOrMakeAsync("heat/" + TileCache.Key(z, x, y, selection), store, async token =>
        {
            var cells = await new HotspotTiles(store).HeatCellsAsync(z, x, y, selection,
                HeatDensity.MarginMercatorMeters(z, x, y, HeatTilePixels), token);
            return HeatTileRenderer.Png(HeatDensity.Tile(z, x, y, HeatTilePixels, cells));
        }, ct);

    /// <summary>
    /// Checks a tile request (the tile exists, the period narrowed to <paramref name="day"/> when given, the sensor) and
    /// returns the detections it shows.
    /// </summary>
    private static TileSelection Selection(int z, int x, int y, string? period, string? day, string? instrument, string provinceCode)
    {
        if (z is < 0 or > 22)
            throw new ApiInputException($"zoom {z} is outside 0-22.");
        var side = 1L << z;
        if (x < 0 || y < 0 || x >= side || y >= side)
            throw new ApiInputException($"tile {z}/{x}/{y} does not exist (x and y are 0-{side - 1} at zoom {z}).");
        var range = RequestValues.Period(period);
        var (from, to) = (range.From, range.To);
        if (RequestValues.Day(day, "day") is { } d)
        {
            if (d < range.From || d > range.To)
                throw new ApiInputException($"day {d:yyyy-MM-dd} is outside the period {range.Label}.");
            (from, to) = (d, d);
        }
        // VIIRS by default, the series the district numbers count (as gis targets hotspots); all: every sensor.
        return new TileSelection(from, to, provinceCode, RequestValues.Filter(instrument));
    }
}

/// <summary>
/// Made tiles by key, valid for one data version (the newest import batch and how many detections are superseded).
/// The version is read at most once a second, so a busy map costs the database one small query per second.
/// Bounded by count and by bytes (heat PNGs are tens of kilobytes, vector tiles a few): when full it starts again empty
/// (tiles are cheap to remake; an LRU is not worth its locking).
/// </summary>
internal sealed class TileCache(DesktopOptions options) : IDisposable
{
    public void Dispose()
    {
        _versionLock.Dispose();
        _makers.Dispose();
    }

    private const int MaxTiles = 20_000;
    private const long MaxBytes = 256L << 20;
    private readonly ConcurrentDictionary<string, (string Version, byte[] Tile)> _tiles = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _versionLock = new(1, 1);
    private readonly SemaphoreSlim _makers = new(options.TileMakers, options.TileMakers);
    private string _version = "";
    private long _versionReadAt = long.MinValue;
    private long _bytes;

    public async Task<string> VersionAsync(GisStore store, CancellationToken ct)
    {
        if (Environment.TickCount64 - Interlocked.Read(ref _versionReadAt) < 1000)
            return Volatile.Read(ref _version);
        await _versionLock.WaitAsync(ct);
        try
        {
            if (Environment.TickCount64 - _versionReadAt >= 1000)
            {
                Volatile.Write(ref _version, (await DataVersion.ReadAsync(store, ct)).HotspotKey);
                Interlocked.Exchange(ref _versionReadAt, Environment.TickCount64);
            }
            return _version;
        }
        finally
        {
            _versionLock.Release();
        }
    }

    /// <summary>The key of tile z/x/y of a selection: province, tile, days and sensor.</summary>
    public static string Key(int z, int x, int y, TileSelection s) =>
        FormattableString.Invariant($"{s.ProvinceCode}/{z}/{x}/{y}/{s.From:yyyyMMdd}/{s.To:yyyyMMdd}/{s.Filter.Instrument}");

    /// <summary>The vector tile from memory when made for the current data version, else made now and kept.</summary>
    public Task<byte[]> VectorTileAsync(GisStore store, int z, int x, int y, TileSelection selection, CancellationToken ct) =>
        GetOrMakeAsync(Key(z, x, y, selection), store,
            token => new HotspotTiles(store).VectorTileAsync(z, x, y, selection, TileEndpoints.GridBelowZoom, token), ct);

    /// <summary>The tile under <paramref name="key"/> from memory when made for the current data version, else made by <paramref
    /// name="make"/> (at most <see cref="DesktopOptions.TileMakers"/> at once) and kept.</summary>
    public async Task<byte[]> GetOrMakeAsync(string key, GisStore store, Func<CancellationToken, Task<byte[]>> make, CancellationToken ct)
    {
        var version = await VersionAsync(store, ct);
        if (TryGet(key, version, out var tile))
            return tile;
        await _makers.WaitAsync(ct);
        try
        {
            // Asked twice at once (two views of one map), the tile is made once: the second request finds it after its wait.
            if (!TryGet(key, version, out tile))
            {
                tile = await make(ct);
                Put(key, version, tile);
            }
        }
        finally
        {
            _makers.Release();
        }
        return tile;
    }

    public bool TryGet(string key, string version, out byte[] tile)
    {
        if (_tiles.TryGetValue(key, out var entry) && entry.Version == version)
        {
            tile = entry.Tile;
            return true;
        }
        tile = [];
        return false;
    }

    public void Put(string key, string version, byte[] tile)
    {
        if (_tiles.Count >= MaxTiles || Interlocked.Read(ref _bytes) + tile.Length > MaxBytes)
        {
            _tiles.Clear();
            Interlocked.Exchange(ref _bytes, 0);
        }
        // The byte count is approximate under concurrent puts of one key; it only decides when to start again.
        var replaced = _tiles.TryGetValue(key, out var old) ? old.Tile.Length : 0;
        _tiles[key] = (version, tile);
        Interlocked.Add(ref _bytes, tile.Length - replaced);
    }
}

/// <summary>
/// Makes the province-wide tiles (zooms 7-9; vector, then heat) of the latest fire season in the background after the
/// host starts: the view every officer opens first, and the most expensive tiles to make (they cover every detection
/// of the season). One tile at a time, so a page opened meanwhile still gets the database.
/// </summary>
internal static class TileWarmer
{
    /// <param name="season">The page's default period (the season of the latest year with detections).</param>
    public static async Task WarmAsync(GisStore store, DesktopOptions options, TileCache cache, Core.Periods.Period season,
        CancellationToken ct)
    {
        if (await new AdminAreaQueries(store).BoundingBoxAsync(options.ProvinceCode, ct) is not { } box)
            return;
        var selection = new TileSelection(season.From, season.To, options.ProvinceCode, new HotspotFilter("VIIRS"));
        // The points first (the page's default), then the same view as a heat map.
        foreach (var heat in new[] { false, true })
        {
            for (var z = 7; z <= 9; z++)
            {
                var (x0, y0) = WebTiles.TileOf(box.West, box.North, z);
                var (x1, y1) = WebTiles.TileOf(box.East, box.South, z);
                for (var x = x0; x <= x1; x++)
                {
                    for (var y = y0; y <= y1; y++)
                    {
                        _ = heat
                            ? await TileEndpoints.HeatTileAsync(cache, store, z, x, y, selection, ct)
                            : await cache.VectorTileAsync(store, z, x, y, selection, ct);
                    }
                }
            }
        }
    }
}
