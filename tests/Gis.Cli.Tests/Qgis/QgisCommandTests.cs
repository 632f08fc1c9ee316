using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using Gis.Cli.Tests.Support;
using Gis.Core.Hotspots;
using Gis.Rendering.Maps;
using Gis.TestSupport;
using Npgsql;
using SkiaSharp;

namespace Gis.Cli.Tests.Qgis;

/// <summary>
/// <c>gis qgis</c> (ADR 0031): the project QGIS 3.22 opens (Debian's python3-qgis, headless), its layers, their counts
/// against plain SQL, their classes against <see cref="MapStyles"/>, a map QGIS renders from it, its print layout, and
/// the styles a layer opened from the browser panel gets from <c>layer_styles</c>.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class QgisCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgis-project-").FullName;
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        // Districts only: the province outline is then their union (admin_province).
        await SampleStore.ImportAsync(_db.ConnectionString);
        await Ok("import", "projects", Path.Combine(SampleStore.SampleData, "projects", "projects.csv"));
        await Ok("import", "projects", Path.Combine(SampleStore.SampleData, "projects", "project-areas.geojson"));
        await Ok("targets", "hotspots", "--period", "season:2569", "--save");
        // The allocation first: the green run keeps the allocation of its year.
        await Ok("allocate", "--year", "2568", "--weight", "area");
        await Ok("targets", "green", "--from", "2565", "--to", "2566", "--year", "2568", "--save");
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Project_QgisOpensEveryLayerWithGisClassesAndRendersTheVerdicts()
    {
        var project = Path.Combine(_dir, "chiang-mai.qgz");
        await Ok("qgis", "--out", project, "--store-styles");
        var password = new NpgsqlConnectionStringBuilder(_db.ConnectionString).Password!;
        var qgs = ReadQgs(project);
        Assert.DoesNotContain(password, qgs, StringComparison.Ordinal);
        Assert.DoesNotContain(password, await File.ReadAllTextAsync(Path.Combine(_dir, "pg_service.conf")), StringComparison.Ordinal);

        using var result = JsonDocument.Parse(await OpenInQgisAsync(project,
            "hotspot_target_map", "green_target_map", "hotspot_counted", "admin_district"));
        var root = result.RootElement;
        Assert.True(root.GetProperty("read").GetBoolean(), root.GetProperty("log").ToString());
        Assert.Equal("EPSG:32647", root.GetProperty("crs").GetString());

        // Each layer: valid, as many features as plain SQL counts, and exactly gis' classes.
        // The hotspot layers show the period of the saved run (season 2569), not every stored day.
        var hotspotCount = await Count("""
            SELECT count(*) FROM hotspot_counted
            WHERE left(district_code, 2) = '50' AND instrument = 'VIIRS' AND local_day BETWEEN '2026-01-01' AND '2026-05-31'
            """);
        Assert.True(hotspotCount > 1000);
        Assert.True(hotspotCount < await Count("SELECT count(*) FROM hotspot_counted WHERE instrument = 'VIIRS'"));
        var expected = new (string Id, long Features, IReadOnlyList<MapClass> Classes, string[]? Values)[]
        {
            ("province", 1, MapStyles.ProvinceClasses, null),
            ("hotspots", hotspotCount, MapStyles.HotspotClasses, ["l", "n", "h"]),
            ("projects", await Count("""
                SELECT count(*) FROM project_area a
                WHERE EXISTS (SELECT FROM admin_area d WHERE d.level = 4 AND d.province_code = '50' AND ST_Intersects(d.geom, a.geom))
                """), MapStyles.ProjectClasses, ["green", "hotspot", "other"]),
            ("reduction", await Count("""
                SELECT count(*) FROM hotspot_target_result WHERE run_id = (SELECT max(id) FROM target_run WHERE kind = 'hotspot')
                """), MapStyles.ReductionClasses, null),
            ("green", await Count("""
                SELECT count(*) FROM green_target_result WHERE run_id = (SELECT max(id) FROM target_run WHERE kind = 'green')
                """), MapStyles.GreenClasses, null),
            ("allocation", await Count("SELECT count(*) FROM district_allocation WHERE year = 2568"), MapStyles.AllocationClasses, null),
            ("districts", await Count("SELECT count(*) FROM admin_area WHERE level = 4"), MapStyles.DistrictClasses, null),
            ("landuse", await Count("SELECT count(*) FROM landuse_parcel WHERE snapshot = 2566"), MapStyles.LandUseClasses, null),
        };
        var layers = root.GetProperty("layers");
        foreach (var (id, features, classes, values) in expected)
        {
            var layer = layers.GetProperty("gis_layer_" + id);
            Assert.True(layer.GetProperty("valid").GetBoolean(), $"{id}: {root.GetProperty("log")}");
            Assert.Equal("EPSG:4326", layer.GetProperty("crs").GetString());
            Assert.True(features > 0, id);
            Assert.Equal(features, layer.GetProperty("features").GetInt64());
            AssertClasses(id, classes, values, layer, single: classes.Count == 1);
        }
        Assert.Equal(25, await Count("SELECT count(*) FROM green_target_map"));
        // Every district in the green class gis gives it (MapDataLoader.GreenClass), computed by QGIS' own expression.
        var greenClasses = layers.GetProperty("gis_layer_green").GetProperty("classes");
        await using (var connection = await _db.Store.DataSource.OpenConnectionAsync())
        await using (var command = new NpgsqlCommand("""
            SELECT id, net_rai, allocation_rai FROM green_target_map WHERE run_id = (SELECT max(id) FROM target_run WHERE kind = 'green')
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            var seen = new HashSet<string>();
            while (await reader.ReadAsync())
            {
                var gis = MapDataLoader.GreenClass(reader.GetDouble(1), reader.IsDBNull(2) ? null : reader.GetInt32(2));
                seen.Add(gis);
                Assert.Equal(gis, greenClasses.GetProperty(reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .GetString());
            }
            Assert.True(seen.Count >= 2, "the sample should give more than one green class: " + string.Join(",", seen));
        }

        // The heat map: gis' kernel radius, its classes' colours at their limits' share of the top class's.
        var heat = layers.GetProperty("gis_layer_heat");
        Assert.Equal("heatmapRenderer", heat.GetProperty("type").GetString());
        Assert.Equal(HeatDensity.BandwidthMeters, heat.GetProperty("radius").GetDouble());
        Assert.Equal(hotspotCount, heat.GetProperty("features").GetInt64());
        // Named by their period, and saying which of its days have data (ADR 0015).
        var hotspots = layers.GetProperty("gis_layer_hotspots");
        Assert.Equal("จุดความร้อน VIIRS ตามความเชื่อมั่น ฤดูไฟป่า 2569", hotspots.GetProperty("name").GetString());
        var covered = await Count("""
            SELECT count(DISTINCT day) FROM data_coverage
            WHERE source = 'firms' AND instrument = 'VIIRS' AND day BETWEEN '2026-01-01' AND '2026-05-31'
            """);
        Assert.StartsWith($"ข้อมูล: ช่วงนี้ มีข้อมูล {covered} จาก 151 วัน", hotspots.GetProperty("abstract").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(hotspots.GetProperty("abstract").GetString(), heat.GetProperty("abstract").GetString());
        var stops = heat.GetProperty("stops").EnumerateArray().Select(s => (s[0].GetDouble(), s[1].GetString()!)).ToList();
        Assert.Equal(HeatDensity.ClassBreaks.Select((b, i) => (Math.Round(b / HeatDensity.ClassBreaks[^1], 6),
                MapStyles.Heat[i].ToString().ToLowerInvariant())),
            stops.Select(s => (Math.Round(s.Item1, 6), s.Item2)));
        // One lone detection peaks at 3 / (pi 25 km²) x 100 km² = 3.82 per 100 km² in gis; QGIS' kernel gives it 1.
        Assert.Equal(HeatDensity.ClassBreaks[^1] / 3.8197, heat.GetProperty("max").GetDouble(), 0.01);

        // The map QGIS draws from the project's visible layers shows both verdicts in their colours.
        using (var image = SKBitmap.Decode(Path.Combine(_dir, "map.png")))
        {
            var statuses = await _db.ScalarAsync<string>("""
                SELECT string_agg(DISTINCT status, ',' ORDER BY status) FROM hotspot_target_result
                WHERE run_id = (SELECT max(id) FROM target_run WHERE kind = 'hotspot')
                """);
            Assert.Equal("met,no-baseline,not-met", statuses);
            Assert.True(Pixels(image, MapStyles.Met) > 1000, "met blue");
            Assert.True(Pixels(image, MapStyles.NotMet) > 200, "not-met orange");
            Assert.True(Pixels(image, MapStyles.Hotspot[1]) > 50, "nominal hotspots");
        }

        // The print layout: the A4 page of gis map, its title, sources from the imports' credits, exported by QGIS.
        var layout = root.GetProperty("layout");
        Assert.Equal(0, layout.GetProperty("export").GetInt32());
        Assert.Equal([297.0, 210.0], layout.GetProperty("page_mm").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Superset(new HashSet<string> { "65639:map", "65642:legend", "65646:scale bar", "65640:north arrow", "65641:title",
            "65641:sources" }, layout.GetProperty("items").EnumerateArray().Select(i => i.GetString()!).ToHashSet());
        var labels = layout.GetProperty("labels");
        Assert.Equal("การลดจุดความร้อนรายอำเภอ จังหวัดเชียงใหม่", labels.GetProperty("title").GetString());
        var sources = labels.GetProperty("sources").GetString()!;
        // The sample data's credit.txt: synthetic, never HDX or NASA (ADR 0017).
        Assert.StartsWith("ที่มา: ขอบเขตอำเภอ: ข้อมูลตัวอย่างสังเคราะห์", sources, StringComparison.Ordinal);
        Assert.Contains("จุดความร้อน: ข้อมูลตัวอย่างสังเคราะห์", sources, StringComparison.Ordinal);
        Assert.DoesNotContain("HDX", sources, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(_dir, "layout.png")).Length > 100_000);

        // The browser panel: a table opened by name comes with its default style from layer_styles.
        var browser = root.GetProperty("browser");
        AssertClasses("hotspot_target_map", MapStyles.ReductionClasses, null, browser.GetProperty("hotspot_target_map"), single: false);
        AssertClasses("green_target_map", MapStyles.GreenClasses, null, browser.GetProperty("green_target_map"), single: false);
        AssertClasses("hotspot_counted", MapStyles.HotspotClasses, ["l", "n", "h"], browser.GetProperty("hotspot_counted"), single: false);
        AssertClasses("admin_district", MapStyles.DistrictClasses, null, browser.GetProperty("admin_district"), single: true);
    }

    [Fact]
    public async Task English_LabelsLayersAndLayoutInEnglish_StylesReplacedNotAdded()
    {
        var project = Path.Combine(_dir, "en.qgz");
        await Ok("qgis", "--out", project, "--lang", "en", "--service", "my-store", "--store-styles");
        await Ok("qgis", "--store-styles", "--lang", "en");
        Assert.False(File.Exists(Path.Combine(_dir, "pg_service.conf")));
        var qgs = XDocument.Parse(ReadQgs(project));
        var reduction = qgs.Descendants("maplayer").Single(l => (string?)l.Element("id") == "gis_layer_reduction");
        Assert.StartsWith("service='my-store' key='id'", (string?)reduction.Element("datasource"), StringComparison.Ordinal);
        Assert.Equal(MapStyles.ReductionClasses.Select(c => c.LabelEn),
            reduction.Descendants("category").Select(c => (string?)c.Attribute("label")));
        Assert.Equal("Hotspot reduction by district, Chiang Mai province",
            (string?)qgs.Descendants("LayoutItem").Single(i => (string?)i.Attribute("id") == "title").Attribute("labelText"));
        // Stored twice: each style once, one default per table.
        Assert.Equal(9, await Count("SELECT count(*) FROM layer_styles"));
        Assert.Equal(8, await Count("SELECT count(DISTINCT f_table_name) FROM layer_styles WHERE useasdefault"));
        Assert.Equal(1, await Count("SELECT count(*) FROM layer_styles WHERE f_table_name = 'hotspot_counted' AND useasdefault"));
    }

    [Fact]
    public async Task StoreStyles_OverAUsersDefault_SaysSoKeepsItAndTheWayBackRestoresIt()
    {
        // A style the user saved from QGIS as the default of the verdict view.
        await using (var connection = await _db.Store.DataSource.OpenConnectionAsync())
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, stylename, styleqml, useasdefault)
            VALUES (current_database(), current_schema(), 'hotspot_target_map', 'geom', 'my verdicts', '<qgis/>', true)
            """, connection))
            await insert.ExecuteNonQueryAsync();

        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "qgis", "--store-styles");
        Assert.True(exit == 0, error);
        var said = Assert.Single(output.Split('\n'), l => l.Contains("my verdicts", StringComparison.Ordinal));
        Assert.Equal("hotspot_target_map: your style 'my verdicts' is kept but is no longer the default ('gis reduction' is); "
            + "to make it the default again: gis qgis --restore-default-style 'my verdicts'", said.Trim());
        Assert.Equal("gis reduction", await DefaultOf("hotspot_target_map"));
        Assert.Equal(1, await Count("SELECT count(*) FROM layer_styles WHERE stylename = 'my verdicts' AND NOT useasdefault"));

        (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "qgis", "--restore-default-style", "my verdicts");
        Assert.True(exit == 0, error);
        Assert.Equal("hotspot_target_map: the default style is 'my verdicts' again", output.Trim());
        Assert.Equal("my verdicts", await DefaultOf("hotspot_target_map"));
        Assert.Equal(1, await Count("SELECT count(*) FROM layer_styles WHERE stylename = 'gis reduction' AND NOT useasdefault"));
        // Storing again over gis' own default says nothing more than the count.
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "qgis", "--restore-default-style", "gis reduction")).ExitCode);
        (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "qgis", "--store-styles");
        Assert.True(exit == 0, error);
        Assert.Single(output.Trim().Split('\n'));

        (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "qgis", "--restore-default-style", "no such style");
        Assert.Equal(2, exit);
        Assert.Contains("no such style", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nothing to do", "")]
    [InlineData("not a .qgz", "--out project.qgs")]
    [InlineData("every province", "--out project.qgz --province all")]
    public async Task BadOptions_RefusedWithExit2_NothingWritten(string because, string options)
    {
        var args = options.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(o => o.StartsWith("project", StringComparison.Ordinal) ? Path.Combine(_dir, o) : o);
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, ["qgis", .. args]);
        Assert.True(exit == 2, because + ": " + error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    private static void AssertClasses(string layer, IReadOnlyList<MapClass> classes, string[]? values, JsonElement style, bool single)
    {
        Assert.Equal(single ? "singleSymbol" : "categorizedSymbol", style.GetProperty("type").GetString());
        var actual = style.GetProperty("categories").EnumerateArray().Select(c => (
            c.GetProperty("value").GetString()!, c.GetProperty("label").GetString()!, c.GetProperty("fill").GetString()!,
            c.GetProperty("outline").GetString()!)).ToList();
        var wanted = classes.Select((c, i) => (single ? "" : values?[i] ?? c.Key, single ? "" : c.LabelTh,
            c.Fill.ToString().ToLowerInvariant(), c.Outline.ToString().ToLowerInvariant())).ToList();
        Assert.True(wanted.SequenceEqual(actual), $"{layer}: {string.Join(" | ", actual)}");
    }

    private static int Pixels(SKBitmap image, MapColor colour)
    {
        var n = 0;
        foreach (var p in image.Pixels)
        {
            if (Math.Abs(p.Red - colour.R) <= 3 && Math.Abs(p.Green - colour.G) <= 3 && Math.Abs(p.Blue - colour.B) <= 3)
                n++;
        }
        return n;
    }

    private static string ReadQgs(string qgz)
    {
        using var zip = ZipFile.OpenRead(qgz);
        using var reader = new StreamReader(zip.Entries.Single(e => e.Name.EndsWith(".qgs", StringComparison.Ordinal)).Open());
        return reader.ReadToEnd();
    }

    private Task<long> Count(string sql) => _db.ScalarAsync<long>(sql);

    private Task<string> DefaultOf(string table) =>
        _db.ScalarAsync<string>("SELECT string_agg(stylename, ',') FROM layer_styles WHERE f_table_name = $1 AND useasdefault", table);

    /// <summary>Runs <c>Qgis/open_project.py</c> on the project with its service file, and returns its JSON.</summary>
    private Task<string> OpenInQgisAsync(string project, params string[] browserTables) =>
        PyQgis.RunAsync("open_project.py", [project, Path.Combine(_dir, "map.png"), Path.Combine(_dir, "layout.png"), .. browserTables],
            new Dictionary<string, string?>
            {
                ["PGSERVICEFILE"] = Path.Combine(_dir, "pg_service.conf"),
                ["PGPASSWORD"] = new NpgsqlConnectionStringBuilder(_db.ConnectionString).Password,
            });

    private async Task Ok(params string[] args)
    {
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, args);
        Assert.True(exit == 0, $"gis {string.Join(' ', args)}: {error}");
    }
}
