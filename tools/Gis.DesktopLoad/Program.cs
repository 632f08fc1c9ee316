using System.Diagnostics;
using System.Globalization;
using Gis.Core.Hotspots;
using Gis.Core.Spatial;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Store;
using Microsoft.Playwright;

// Usage:
//   tiles URL --period season:2569 [--concurrency 50] [--requests 20000] [--seconds 60] [--days 2026-03-01,...]
//         every hotspot tile of zooms 8-12 over Chiang Mai: one cold pass (each tile once), then a bounded warm loop
//   explain CONNSTRING --period season:2569      EXPLAIN ANALYZE of a province tile (grid) and a zoom-12 tile (points)
//   page URL [--runs 3]                          time to a drawn map in /usr/bin/chromium (fresh profile each run)
// Only loopback addresses are accepted: the load never leaves the machine.
return args switch
{
    ["tiles", var url, .. var rest] => await Tiles(Loopback(url), Options(rest)),
    ["explain", var connection, .. var rest] => await Explain(connection, Options(rest)),
    ["page", var url, .. var rest] => await PageTimes(Loopback(url), Options(rest)),
    _ => Usage(),
};

static Dictionary<string, string> Options(string[] rest)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < rest.Length; i += 2)
        options[rest[i]] = rest[i + 1];
    return options;
}

static Uri Loopback(string url)
{
    var uri = new Uri(url);
    if (!uri.IsLoopback)
        throw new ArgumentException($"{url}: the load client only targets loopback addresses.");
    return uri;
}

static int Int(Dictionary<string, string> o, string name, int fallback) =>
    o.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

// Chiang Mai's box (west, south, east, north) and the zooms of the tile grid the page asks for (512-pixel tiles:
// zoom 8 shows the province, zoom 12 a few villages).
static List<string> TilePaths(string period, IEnumerable<string?> days)
{
    const double West = 97.3, South = 17.2, East = 99.6, North = 20.2;
    var paths = new List<string>();
    foreach (var day in days)
    {
        for (var z = 8; z <= (day is null ? 12 : 10); z++)
        {
            var (x0, y0) = WebTiles.TileOf(West, North, z);
            var (x1, y1) = WebTiles.TileOf(East, South, z);
            for (var x = x0; x <= x1; x++)
            {
                for (var y = y0; y <= y1; y++)
                    paths.Add(FormattableString.Invariant($"/api/tiles/hotspots/{z}/{x}/{y}.pbf?period={period}")
                        + (day is null ? "" : "&day=" + day));
            }
        }
    }
    return paths;
}

static async Task<int> Tiles(Uri baseUri, Dictionary<string, string> o)
{
    var period = o.GetValueOrDefault("--period", "season:2569");
    var concurrency = Int(o, "--concurrency", 50);
    var maxRequests = Int(o, "--requests", 20_000);
    var seconds = Int(o, "--seconds", 60);
    var days = o.TryGetValue("--days", out var d) ? d.Split(',') : [];
    var paths = TilePaths(period, [null, .. days]);
    var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
    using var http = new HttpClient(handler)
    {
        BaseAddress = baseUri,
        Timeout = TimeSpan.FromSeconds(60),
    };
    Console.WriteLine(FormattableString.Invariant($"tiles: {paths.Count} distinct ({days.Length} replay days), {concurrency} concurrent"));
    // Cold: each tile once, as the first officer of the day panning over the whole province meets them.
    var cold = await Run(http, paths, concurrency, paths.Count, TimeSpan.FromMinutes(10));
    Report("cold (each tile once)", (cold.Ms, cold.Errors, cold.Seconds, cold.Bytes));
    // Which tiles the cold times belong to: below zoom 10 the grid answers (ADR 0023, 0027), from zoom 10 the points.
    foreach (var group in cold.Tiles.GroupBy(t => TileKind(paths[t.Index])).OrderBy(g => g.Key, StringComparer.Ordinal))
        Report("  cold " + group.Key, ([.. group.Select(t => t.Ms)], 0, cold.Seconds, 0));
    var warm = await Run(http, paths, concurrency, maxRequests, TimeSpan.FromSeconds(seconds));
    Report("load (repeated tiles)", (warm.Ms, warm.Errors, warm.Seconds, warm.Bytes));
    return cold.Errors + warm.Errors == 0 ? 0 : 1;
}

// "zoom 8, season" or "zoom 8, one day" for a tile path of TilePaths.
static string TileKind(string path) =>
    $"zoom {path.Split('/')[4]}, {(path.Contains("&day=", StringComparison.Ordinal) ? "one day" : "season")}";

static async Task<(List<double> Ms, int Errors, double Seconds, long Bytes, List<(int Index, double Ms)> Tiles)> Run(HttpClient http,
    List<string> paths, int concurrency, int maxRequests, TimeSpan limit)
{
    var next = -1;
    var errors = 0;
    long bytes = 0;
    var times = new List<(int Index, double Ms)>[concurrency];
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
    {
        var mine = times[w] = [];
        int i;
        while ((i = Interlocked.Increment(ref next)) < maxRequests && clock.Elapsed < limit)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.GetAsync(new Uri(paths[i % paths.Count], UriKind.Relative));
                var body = await response.Content.ReadAsByteArrayAsync();
                Interlocked.Add(ref bytes, body.Length);
                if (!response.IsSuccessStatusCode)
                    Interlocked.Increment(ref errors);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
            }
            catch (TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
            }
            mine.Add((i % paths.Count, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
        }
    }));
    var tiles = times.SelectMany(t => t).ToList();
    return ([.. tiles.Select(t => t.Ms)], errors, clock.Elapsed.TotalSeconds, bytes, tiles);
}

static void Report(string name, (List<double> Ms, int Errors, double Seconds, long Bytes) r)
{
    var ms = r.Ms.Order().ToList();
    double P(double q) => ms.Count == 0 ? double.NaN : ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: {ms.Count} requests in {r.Seconds:F1} s ({ms.Count / r.Seconds:F0}/s), " +
        $"p50 {P(0.5):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms, max {ms.LastOrDefault():F1} ms, " +
        $"errors {r.Errors}, {r.Bytes / 1e6:F1} MB"));
}

static async Task<int> Explain(string connection, Dictionary<string, string> o)
{
    var period = Gis.Core.Periods.Period.Parse(o.GetValueOrDefault("--period", "season:2569"));
    await using var store = await GisStore.OpenAsync(connection);
    var tiles = new HotspotTiles(store);
    foreach (var (z, name) in new[] { (8, "zoom 8 (grid cells), the province"), (12, "zoom 12 (points), Mae Chaem") })
    {
        var (x, y) = WebTiles.TileOf(98.35, 18.45, z);
        Console.WriteLine($"-- {name}: tile {z}/{x}/{y}");
        Console.WriteLine(await tiles.ExplainVectorTileAsync(z, x, y,
            new TileSelection(period.From, period.To, "50", new HotspotFilter("VIIRS")), 10));
    }
    return 0;
}

static async Task<int> PageTimes(Uri url, Dictionary<string, string> o)
{
    using var playwright = await Playwright.CreateAsync();
    for (var run = 1; run <= Int(o, "--runs", 3); run++)
    {
        var profile = Directory.CreateTempSubdirectory("gis-bench-chromium-").FullName;
        try
        {
            await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile,
                new BrowserTypeLaunchPersistentContextOptions
                {
                    ExecutablePath = "/usr/bin/chromium",
                    Headless = true,
                    Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run"],
                    ViewportSize = new ViewportSize { Width = 1400, Height = 850 },
                });
            var page = await browser.NewPageAsync();
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(url.ToString());
            await page.WaitForFunctionAsync("() => window.gis && gis.timings && gis.timings.drawn && document.body.dataset.ready", null,
                new PageWaitForFunctionOptions { Timeout = 120_000 });
            var wall = clock.Elapsed.TotalMilliseconds;
            var drawn = await page.EvaluateAsync<double>("() => gis.timings.drawn");
            var ready = await page.EvaluateAsync<double>("() => gis.timings.ready");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"page run {run}: districts and hotspot tiles drawn {drawn:F0} ms after navigation start, " +
                $"district numbers in {ready:F0} ms, wall {wall:F0} ms"));
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Gis.DesktopLoad tiles URL [--period season:2569] [--concurrency 50] [--requests 20000] [--seconds 60] [--days D1,D2]
               Gis.DesktopLoad explain CONNSTRING [--period season:2569]
               Gis.DesktopLoad page URL [--runs 3]
        """);
    return 2;
}
