using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using Gis.Core.Periods;
using Gis.Core.Time;
using Gis.Desktop.Tests.Ogc;
using Gis.Rendering.Maps;
using Gis.Rendering.Qgis;
using Gis.TestSupport;
using Microsoft.Playwright;
using Npgsql;

namespace Gis.Desktop.Tests.Web;

/// <summary>
/// The QGIS hand-off from the page: the project downloaded with the toolbar's button is the one <c>gis qgis</c> builds,
/// holds no password, and QGIS (Debian's python3-qgis, headless) opens every layer of it; and the page draws land classes,
/// project areas and the province in <see cref="MapStyles"/>' colours, the ones <c>gis map</c> and QGIS use.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
[Trait(Needs.Trait, Needs.Browser)]
[Collection(DesktopGroup.Name)]
public sealed class QgisDownloadTests(DesktopFixture fixture)
{
    private static readonly string[] ProjectKinds = ["green", "hotspot", "other"];

    [Fact]
    public async Task ProjectButton_DownloadsTheProjectOfGisQgis_QgisOpensEveryLayer()
    {
        var page = await fixture.OpenAsync();
        Assert.Equal(DesktopFixture.Season, await page.EvaluateAsync<string>("() => gis.state.period"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#qgis-project").ClickAsync(),
            new PageRunAndWaitForDownloadOptions { Timeout = 60_000 });
        var dir = Directory.CreateTempSubdirectory("gis-qgz-").FullName;
        try
        {
            var project = Path.Combine(dir, download.SuggestedFilename);
            Assert.Equal("gis-50.qgz", download.SuggestedFilename);
            await download.SaveAsAsync(project);
            var serviceFile = Path.Combine(dir, "pg_service.conf");
            var service = await page.APIRequest.GetAsync(new Uri(fixture.Address, "/api/qgis/pg_service.conf").ToString());
            Assert.True(service.Ok);
            await File.WriteAllTextAsync(serviceFile, await service.TextAsync());
            await page.CloseAsync();

            var password = new NpgsqlConnectionStringBuilder(fixture.Db.ConnectionString).Password!;
            string qgs;
            using (var zip = ZipFile.OpenRead(project))
            using (var reader = new StreamReader(zip.Entries.Single().Open()))
                qgs = await reader.ReadToEndAsync();
            Assert.DoesNotContain(password, qgs, StringComparison.Ordinal);
            Assert.DoesNotContain(password, await File.ReadAllTextAsync(serviceFile), StringComparison.Ordinal);

            // The same document gis qgis writes for the province, the page's language and period.
            var season = Period.Parse(DesktopFixture.Season);
            var model = await new QgisProjectLoader(fixture.Db.Store).LoadAsync("50", "th",
                PgService.Of("gis", fixture.Db.Store.DataSource.ConnectionString).Connection, Bangkok.LocalDay(DateTime.UtcNow), season);
            Assert.Equal(QgisProject.Document(model).Root!.ToString(), XDocument.Parse(qgs).Root!.ToString());

            using var opened = JsonDocument.Parse(await OgcServer.RunAsync("/usr/bin/python3",
                [Path.Combine(AppContext.BaseDirectory, "Web", "Qgis", "open_qgz.py"), project],
                new Dictionary<string, string>
                {
                    ["QT_QPA_PLATFORM"] = "offscreen",
                    ["PGSERVICEFILE"] = serviceFile,
                    ["PGPASSWORD"] = password,
                }));
            var root = opened.RootElement;
            Assert.True(root.GetProperty("read").GetBoolean(), root.GetProperty("log").ToString());
            Assert.Equal("EPSG:32647", root.GetProperty("crs").GetString());
            var layers = root.GetProperty("layers").EnumerateObject().ToList();
            Assert.Equal(QgisLayers.For("50").Count, layers.Count);
            Assert.All(layers, l => Assert.True(l.Value.GetProperty("valid").GetBoolean(), $"{l.Name}: {root.GetProperty("log")}"));
            // The hotspot layers show the season on the page, not every stored day (the fixture holds season 2568 too).
            var inSeason = await fixture.Db.ScalarAsync<long>("""
                SELECT count(*) FROM hotspot_counted
                WHERE left(district_code, 2) = '50' AND instrument = 'VIIRS' AND local_day BETWEEN $1 AND $2
                """, season.From, season.To);
            Assert.True(inSeason > 0 && inSeason < await fixture.Db.ScalarAsync<long>("SELECT count(*) FROM hotspot_counted"));
            var hotspots = root.GetProperty("layers").GetProperty("gis_layer_hotspots");
            Assert.Equal(inSeason, hotspots.GetProperty("features").GetInt64());
            Assert.EndsWith("ฤดูไฟป่า 2569", hotspots.GetProperty("name").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("ข้อมูล: ช่วงนี้ มีข้อมูล ", hotspots.GetProperty("abstract").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task LandClassesProjectsAndProvince_DrawnInTheRenderersColours()
    {
        var page = await fixture.OpenAsync();
        // The page's own style functions, asked for a feature of each class.
        var land = await page.EvaluateAsync<Dictionary<string, string>>("""
            (classes) => Object.fromEntries(classes.map((c) => [c,
              gis.layers.landuse.getStyle()({ get: (k) => (k === 'land_class' ? c : undefined) }).getFill().getColor()]))
            """, MapStyles.LandClasses.Select(c => c.Key).ToArray());
        Assert.Equal(MapStyles.LandClasses.ToDictionary(c => c.Key, c => c.Fill.ToString()), land);
        var projects = await page.EvaluateAsync<Dictionary<string, string>>("""
            (kinds) => Object.fromEntries(kinds.map((kind) => [kind,
              gis.layers.projects.getStyle()({ get: (k) => (k === 'target_kind' ? kind : undefined) }).getStroke().getColor()]))
            """, ProjectKinds);
        Assert.Equal(MapStyles.ProjectClasses.ToDictionary(c => c.Key["project-".Length..], c => c.Outline.ToString()), projects);
        Assert.Equal(MapStyles.ProvinceClasses[0].Outline.ToString(),
            await page.EvaluateAsync<string>("() => gis.layers.province.getStyle().getStroke().getColor()"));
        await page.CloseAsync();
    }
}
