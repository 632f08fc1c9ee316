using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Gis.Cli.Tests.Support;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Rendering.Maps;
using Gis.TestSupport;
using NetTopologySuite.Geometries;
using SkiaSharp;

namespace Gis.Cli.Tests.Map;

/// <summary>
/// <c>gis map</c> on sample-data/ through the real command: where the hotspots land on the PNG, what the legend lists,
/// and whether the Thai names survive into SVG and PDF.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class MapCommandTests : IAsyncLifetime
{
    private static readonly string SampleData = Path.Combine(SharedData.RepoRoot, "sample-data");
    private TestDatabase _db = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        _folder = Directory.CreateTempSubdirectory("gis-map-tests-").FullName;
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries", Path.Combine(SampleData, "boundaries",
            "chiang-mai-districts.geojson"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", Path.Combine(SampleData, "firms"))).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The province's districts' extent in UTM 47N, projected by PostGIS (PROJ), not by the map code.</summary>
    private async Task<Envelope> ProvinceExtentUtmAsync()
    {
        var e = await _db.ScalarAsync<double[]>("""
            SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)]
            FROM (SELECT ST_Extent(ST_Transform(geom, 32647)) AS e FROM admin_area WHERE level = 4 AND province_code = '50') x
            """);
        return new Envelope(e[0], e[2], e[1], e[3]);
    }

    [Fact]
    public async Task Png_HotspotsTheme_PixelAtHighConfidenceHotspotCarriesItsColour()
    {
        var file = Path.Combine(_folder, "hotspots.png");
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "map", "--theme", "hotspots", "--period", "season:2569",
            "--dpi", "150", "--out", file);
        Assert.True(exit == 0, error);

        // Independent of the map code's projection: PostGIS (PROJ) projects the points and the districts' extent.
        var extent = await ProvinceExtentUtmAsync();
        var points = new List<(double E, double N, string Confidence)>();
        await using (var connection = await _db.Store.DataSource.OpenConnectionAsync())
        {
            await using (var command = new Npgsql.NpgsqlCommand("""
                SELECT ST_X(p), ST_Y(p), confidence FROM (SELECT ST_Transform(geom, 32647) AS p, confidence FROM hotspot
                WHERE local_day BETWEEN '2026-01-01' AND '2026-05-31' AND instrument = 'VIIRS' AND district_code LIKE '50%') x
                """, connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    points.Add((reader.GetDouble(0), reader.GetDouble(1), reader.GetString(2)));
            }
        }
        var layout = new MapLayout(PageSize.Parse("a4-landscape"), extent);
        var scale = 150 / 72f;
        SKPoint Pixel(double e, double n) { var p = layout.ToPage(e, n); return new SKPoint(p.X * scale, p.Y * scale); }

        // Labels are drawn over points: take the high-confidence hotspot farthest from every label, with no other
        // hotspot close enough to overlap its centre.
        var model = await new MapDataLoader(_db.Store).LoadAsync(new MapRequest(MapTheme.Hotspots, Period.Season(2569),
            new PreviousBaseline(1), "50", null, true, "th", new DateOnly(2026, 6, 1)));
        var labels = model.Districts.Select(d => Pixel(d.LabelPointUtm.X, d.LabelPointUtm.Y)).ToList();
        var minGapPx = MapRenderer.HotspotDiameterMm / 25.4f * 150 * 1.2f;
        var chosen = points.Where(p => p.Confidence == "h")
            .Select(p => (Point: p, Px: Pixel(p.E, p.N)))
            .Where(c => points.All(o => o == c.Point || SKPoint.Distance(Pixel(o.E, o.N), c.Px) > minGapPx))
            .MaxBy(c => labels.Min(l => SKPoint.Distance(l, c.Px)));
        Assert.True(labels.Min(l => SKPoint.Distance(l, chosen.Px)) > 40, "no high-confidence hotspot lies clear of the labels");

        using var bitmap = SKBitmap.Decode(file);
        Assert.Equal((int)Math.Round(297 / 25.4 * 150), bitmap.Width);
        var pixel = bitmap.GetPixel((int)chosen.Px.X, (int)chosen.Px.Y);
        var high = MapStyles.Hotspot[2];
        Assert.True(Math.Abs(pixel.Red - high.R) <= 6 && Math.Abs(pixel.Green - high.G) <= 6 && Math.Abs(pixel.Blue - high.B) <= 6,
            $"pixel {pixel} at {chosen.Px} is not the high-confidence colour {high}");
        // And 3 mm away, clear of every hotspot, there is no hotspot colour: the check can tell a point from no point.
        var away = new SKPoint(chosen.Px.X + 3 / 25.4f * 150, chosen.Px.Y);
        if (points.All(o => SKPoint.Distance(Pixel(o.E, o.N), away) > minGapPx))
            Assert.NotEqual(new SKColor(high.R, high.G, high.B), bitmap.GetPixel((int)away.X, (int)away.Y));
    }

    [Fact]
    public async Task Legend_ReductionWithHotspots_ListsExactlyTheClassesDrawn()
    {
        var model = await new MapDataLoader(_db.Store).LoadAsync(new MapRequest(MapTheme.Reduction, Period.Season(2569),
            new PreviousBaseline(1), "50", null, true, "en", new DateOnly(2026, 6, 1)));

        var drawn = model.Districts.GroupBy(d => d.ClassKey).Select(g => (g.Key, g.Count()))
            .Concat(model.Hotspots.GroupBy(h => h.ClassKey).Select(g => (g.Key, g.Count())));
        Assert.Equal(drawn.OrderBy(k => k.Key, StringComparer.Ordinal),
            model.Legend.Select(e => (e.Key, e.Count)).OrderBy(k => k.Key, StringComparer.Ordinal));
        Assert.Equal(25, model.Districts.Count);

        // The verdicts are those of 'gis targets hotspots' for the same period and baseline.
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "targets", "hotspots", "--period", "season:2569",
            "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var statuses = json.RootElement.GetProperty("districts").EnumerateArray()
            .ToDictionary(d => d.GetProperty("code").GetString()!, d => d.GetProperty("status").GetString()!);
        Assert.All(model.Districts, d => Assert.Equal(statuses[d.Code], d.ClassKey));
        // The sample data's folders say it is synthetic (credit.txt), though its files imitate FIRMS and HDX layouts.
        Assert.Equal(2, model.Credits.Count);
        Assert.All(model.Credits, c => Assert.Contains("synthetic sample data", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Png_HeatLayer_CellAtADetectionCarriesTheClassOfAHandComputedDensity()
    {
        var file = Path.Combine(_folder, "heat.png");
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "map", "--theme", "hotspots", "--layers", "districts,heat",
            "--period", "season:2569", "--dpi", "150", "--out", file);
        Assert.True(exit == 0, error);

        // PostGIS projects the detections and measures how far each lies from every district boundary.
        var extent = await ProvinceExtentUtmAsync();
        var points = new List<(double E, double N, double ToBoundary)>();
        await using (var connection = await _db.Store.DataSource.OpenConnectionAsync())
        {
            await using (var command = new Npgsql.NpgsqlCommand("""
                WITH b AS (SELECT ST_Transform(ST_Boundary(ST_Collect(geom)), 32647) AS g FROM admin_area
                    WHERE level = 4 AND province_code = '50')
                SELECT ST_X(p), ST_Y(p), ST_Distance(p, b.g) FROM b, (SELECT ST_Transform(geom, 32647) AS p FROM hotspot
                WHERE local_day BETWEEN '2026-01-01' AND '2026-05-31' AND instrument = 'VIIRS' AND district_code LIKE '50%') x
                """, connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    points.Add((reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2)));
            }
        }
        // The density by hand: the quartic kernel, 5 km, per 100 km², summed over every detection.
        static double Density(IEnumerable<(double E, double N, double _)> all, double x, double y) => all.Sum(p =>
        {
            var u2 = (((p.E - x) * (p.E - x)) + ((p.N - y) * (p.N - y))) / 25e6;
            return u2 >= 1 ? 0 : 3 / (Math.PI * 25e6) * (1 - u2) * (1 - u2) * 1e8;
        });
        var breaks = new[] { 1.0, 2, 5, 10, 20, 50, 100, 200 };

        // The map draws 0.5 mm cells from the frame's top left; take the cell under each detection and its centre.
        var layout = new MapLayout(PageSize.Parse("a4-landscape"), extent);
        var model = await new MapDataLoader(_db.Store).LoadAsync(new MapRequest(MapTheme.Hotspots, Period.Season(2569),
            new PreviousBaseline(1), "50", null, true, "th", new DateOnly(2026, 6, 1), HeatMap: true));
        var labels = model.Districts.Select(d => layout.ToPage(d.LabelPointUtm.X, d.LabelPointUtm.Y)).ToList();
        var cell = MapRenderer.HeatCellMm * 72 / 25.4f;
        var candidates = points.Where(p => p.ToBoundary > 1500).Select(p =>
        {
            var page = layout.ToPage(p.E, p.N);
            var (i, j) = ((int)((page.X - layout.Frame.Left) / cell), (int)((page.Y - layout.Frame.Top) / cell));
            var centre = new SKPoint(layout.Frame.Left + ((i + 0.5f) * cell), layout.Frame.Top + ((j + 0.5f) * cell));
            var ground = layout.ToGround(centre);
            return (Centre: centre, Density: Density(points, ground.X, ground.Y));
        })
        // Clear of labels, and not within 3 % of a class limit (the map's float arithmetic may round across it).
        .Where(c => labels.All(l => SKPoint.Distance(l, c.Centre) > 30) && breaks.All(b => Math.Abs(c.Density - b) > 0.03 * b))
        .ToList();
        var densest = candidates.MaxBy(c => c.Density);
        var cls = Array.FindLastIndex(breaks, b => densest.Density >= b);
        Assert.True(cls >= 3, $"the densest clear detection reaches only class {cls} ({densest.Density:0.0})");

        using var bitmap = SKBitmap.Decode(file);
        var scale = 150 / 72f;
        var pixel = bitmap.GetPixel((int)(densest.Centre.X * scale), (int)(densest.Centre.Y * scale));
        var expected = MapStyles.Heat[cls];
        Assert.True(Math.Abs(pixel.Red - expected.R) <= 3 && Math.Abs(pixel.Green - expected.G) <= 3
            && Math.Abs(pixel.Blue - expected.B) <= 3,
            $"pixel {pixel} at a density of {densest.Density:0.00} is not heat class {cls} {expected}");
        // The legend runs from the lowest class up to the one reached.
        Assert.Equal(Enumerable.Range(0, model.Legend.Count(e => e.Key.StartsWith("heat-",
            StringComparison.Ordinal))).Select(i => $"heat-{i}"),
            model.Legend.Where(e => e.Key.StartsWith("heat-", StringComparison.Ordinal)).Select(e => e.Key));
        Assert.DoesNotContain(model.Legend, e => e.Key.StartsWith("hotspot-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Png_DistrictMap_NeighboursDrawnPaleAroundIt()
    {
        const string maeChaem = "5003";
        // Independent of the map code: PostGIS names the districts sharing a border with Mae Chaem, gives the district's
        // extent in UTM 47N and a point 0.7-1.5 km outside it in the first of them (no hotspot is drawn there: a
        // district's map shows its own detections only).
        var touching = new List<string>();
        Envelope extent;
        (double E, double N) inNeighbour;
        await using (var connection = await _db.Store.DataSource.OpenConnectionAsync())
        {
            await using (var command = new Npgsql.NpgsqlCommand("""
                SELECT n.code FROM admin_area n, admin_area d
                WHERE d.code = $1 AND n.level = 4 AND n.code <> d.code AND ST_Intersects(n.geom, d.geom) ORDER BY n.code
                """, connection) { Parameters = { new() { Value = maeChaem } } })
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    touching.Add(reader.GetString(0));
            }
            await using (var command = new Npgsql.NpgsqlCommand("""
                WITH d AS (SELECT ST_Transform(geom, 32647) AS g FROM admin_area WHERE code = $1),
                     n AS (SELECT ST_Transform(geom, 32647) AS g FROM admin_area WHERE code = $2)
                SELECT ST_XMin(d.g), ST_YMin(d.g), ST_XMax(d.g), ST_YMax(d.g),
                       ST_X(p), ST_Y(p)
                FROM d, n, ST_PointOnSurface(ST_Intersection(n.g, ST_Difference(ST_Buffer(d.g, 1500), ST_Buffer(d.g, 700)))) p
                """, connection) { Parameters = { new() { Value = maeChaem }, new() { Value = touching[0] } } })
            await using (var reader = await command.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                extent = new Envelope(reader.GetDouble(0), reader.GetDouble(2), reader.GetDouble(1), reader.GetDouble(3));
                inNeighbour = (reader.GetDouble(4), reader.GetDouble(5));
            }
        }
        Assert.NotEmpty(touching);

        var model = await new MapDataLoader(_db.Store).LoadAsync(new MapRequest(MapTheme.Reduction, Period.Season(2569),
            new PreviousBaseline(1), "50", maeChaem, true, "th", new DateOnly(2026, 6, 1)));
        var neighbours = model.Neighbours.Select(n => n.Code).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(touching.ToHashSet(StringComparer.Ordinal), neighbours);
        Assert.DoesNotContain(maeChaem, neighbours);
        Assert.Equal(model.Neighbours.Count, model.Legend.Single(e => e.Key == MapDataLoader.NeighbourKey).Count);

        var file = Path.Combine(_folder, "mae-chaem.png");
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "map", "--theme", "reduction", "--layers",
            "districts,hotspots", "--period", "season:2569", "--district", maeChaem, "--dpi", "150", "--out", file);
        Assert.True(exit == 0, error);
        var layout = new MapLayout(PageSize.Parse("a4-landscape"), extent);
        var page = layout.ToPage(inNeighbour.E, inNeighbour.N);
        Assert.True(layout.Frame.Contains(page), $"the test point {page} lies outside the frame {layout.Frame}");
        using var bitmap = SKBitmap.Decode(file);
        var pixel = bitmap.GetPixel((int)(page.X * 150 / 72f), (int)(page.Y * 150 / 72f));
        var pale = MapStyles.Neighbour;
        Assert.True(Math.Abs(pixel.Red - pale.R) <= 4 && Math.Abs(pixel.Green - pale.G) <= 4 && Math.Abs(pixel.Blue - pale.B) <= 4,
            $"pixel {pixel} in neighbour {touching[0]} is not the neighbour fill {pale}");
    }

    [Fact]
    public async Task Svg_ThaiNames_WellFormedGlyphOutlinesWithSearchableTextLayer()
    {
        var file = Path.Combine(_folder, "map.svg");
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "map", "--theme", "reduction", "--layers",
            "districts,hotspots", "--period", "season:2569", "--out", file);
        Assert.True(exit == 0, error);

        var document = XDocument.Parse(await File.ReadAllTextAsync(file));
        XNamespace svg = "http://www.w3.org/2000/svg";
        var texts = document.Descendants(svg + "text").ToList();
        // Every <text> is in the invisible layer: the visible text is glyph outlines, which any viewer draws as shaped.
        Assert.All(texts, t => Assert.Equal("text", t.Parent!.Attribute("id")?.Value));
        var strings = texts.Select(t => t.Value).ToHashSet();
        Assert.Contains("แม่แจ่ม", strings);
        Assert.Contains("กัลยาณิวัฒนา", strings);
        Assert.Contains("การลดจุดความร้อนรายอำเภอ จังหวัดเชียงใหม่", strings);
        Assert.True(document.Descendants(svg + "path").Count() > 300, "glyph outlines and polygons are paths");
    }

    [Fact]
    public async Task Pdf_ThaiNamesAndTitle_ExtractInUnicodeOrder()
    {
        var file = Path.Combine(_folder, "map.pdf");
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "map", "--theme", "reduction", "--period", "season:2569",
            "--size", "a3-landscape", "--out", file);
        Assert.True(exit == 0, error);

        var start = new ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        // Names with a tone mark over a consonant (แม่แจ่ม), Sara Am (อำเภอ) and a vowel above a consonant with a
        // descender-free tail (กัลยาณิวัฒนา): the shaped glyphs must still extract as the characters typed.
        Assert.Contains("แม่แจ่ม", text, StringComparison.Ordinal);
        Assert.Contains("กัลยาณิวัฒนา", text, StringComparison.Ordinal);
        Assert.Contains("การลดจุดความร้อนรายอำเภอ จังหวัดเชียงใหม่", text, StringComparison.Ordinal);
        Assert.Contains("บรรลุเป้าหมาย", text, StringComparison.Ordinal);
        Assert.Contains("WGS 84 / UTM zone 47N (EPSG:32647)", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>gis map</c> draws without the workstation: run as a process of its own, the runtime's loader events (EventPipe,
    /// written to a file) name Gis.Rendering and SkiaSharp but no ASP.NET Core assembly and not Gis.Desktop.
    /// </summary>
    [Fact]
    public async Task MapProcess_LoadsRenderingButNoWebHostAssembly()
    {
        var trace = Path.Combine(_folder, "loader.nettrace");
        var start = new ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "gis.dll"), "map", "--theme", "hotspots", "--period", "season:2569",
            "--out", Path.Combine(_folder, "process.png"), "--db", _db.ConnectionString])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_EnableEventPipe"] = "1";
        start.Environment["DOTNET_EventPipeOutputPath"] = trace;
        // The runtime provider's Loader keyword (0x8), informational (4): an event per assembly loaded, with its path.
        start.Environment["DOTNET_EventPipeConfig"] = "Microsoft-Windows-DotNETRuntime:0x8:4";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await error);

        // The paths are UTF-16 text inside the binary trace, at either byte alignment.
        var bytes = await File.ReadAllBytesAsync(trace);
        var text = Encoding.Unicode.GetString(bytes) + "\n" + Encoding.Unicode.GetString(bytes, 1, bytes.Length - 1);
        var loaded = Regex.Matches(text, @"[\w.-]+\.dll").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Gis.Rendering.dll", loaded);
        Assert.Contains("SkiaSharp.dll", loaded);
        Assert.DoesNotContain("Gis.Desktop.dll", loaded);
        Assert.DoesNotContain(loaded, name => name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Map_UnknownExtension_RefusedBeforeAnyWork()
    {
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "map", "--period", "season:2569", "--out",
            Path.Combine(_folder, "map.jpg"));
        Assert.Equal(GisCommand.Refused, exit);
        Assert.Contains(".png, .pdf or .svg", error, StringComparison.Ordinal);
    }
}
