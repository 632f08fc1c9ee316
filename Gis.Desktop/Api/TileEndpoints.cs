using System.Collections.Concurrent;

namespace Gis.Desktop.Api;

/// <summary>
/// Hotspots as Mapbox vector tiles made by PostGIS (ST_AsMVT), so millions of points stay fluid:
/// <c>/api/tiles/hotspots/{z}/{x}/{y}.pbf?period=season:2569[&amp;day=2026-03-15]</c>. Below zoom
/// <see cref="GridBelowZoom"/> the points are summed per grid cell; a <c>day</c> narrows the period to one local day
/// (the day slider). Tiles are kept in memory until a new import batch or a superseding step changes the data.
/// </summary>
internal static class TileEndpoints
{
    /// <summary>Zoom 9 shows the whole province; from zoom 10 (about 150 m per pixel) single detections are told apart.</summary>
    public const int GridBelowZoom = 10;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tiles/hotspots/{z:int}/{x:int}/{y:int}.pbf", async (int z, int x, int y, string? period, string? day,
            GisStore store, DesktopOptions options, TileCache cache, CancellationToken ct) =>
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
            var key = $"{options.ProvinceCode}/{z}/{x}/{y}/{from:yyyyMMdd}/{to:yyyyMMdd}";
            var version = await cache.VersionAsync(store, ct);
            if (!cache.TryGet(key, version, out var tile))
            {
                tile = await new DesktopQueries(store).HotspotTileAsync(z, x, y, from, to, options.ProvinceCode, GridBelowZoom, ct);
                cache.Put(key, version, tile);
            }
            return Results.Bytes(tile, "application/vnd.mapbox-vector-tile");
        });
    }
}

/// <summary>
/// Made tiles by key, valid for one data version (the newest import batch and how many detections are superseded).
/// The version is read at most once a second, so a busy map costs the database one small query per second.
/// Bounded: when full it starts again empty (tiles are cheap to remake; an LRU is not worth its locking).
/// </summary>
internal sealed class TileCache : IDisposable
{
    public void Dispose() => _versionLock.Dispose();

    private const int MaxTiles = 20_000;
    private readonly ConcurrentDictionary<string, (string Version, byte[] Tile)> _tiles = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _versionLock = new(1, 1);
    private string _version = "";
    private long _versionReadAt = long.MinValue;

    public async Task<string> VersionAsync(GisStore store, CancellationToken ct)
    {
        if (Environment.TickCount64 - Interlocked.Read(ref _versionReadAt) < 1000)
            return Volatile.Read(ref _version);
        await _versionLock.WaitAsync(ct);
        try
        {
            if (Environment.TickCount64 - _versionReadAt >= 1000)
            {
                Volatile.Write(ref _version, await new DesktopQueries(store).HotspotDataVersionAsync(ct));
                Interlocked.Exchange(ref _versionReadAt, Environment.TickCount64);
            }
            return _version;
        }
        finally
        {
            _versionLock.Release();
        }
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
        if (_tiles.Count >= MaxTiles)
            _tiles.Clear();
        _tiles[key] = (version, tile);
    }
}
