using System.Globalization;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Core.Time;
using Gis.Importers.Targets;
using Gis.Rendering.Maps;
using Gis.TestSupport;
using Microsoft.Playwright;
using SkiaSharp;

namespace Gis.Desktop.Tests.Web;

/// <summary>
/// The workstation as an officer sees it in Chromium: the districts drawn in their target colours, layers switched,
/// Mae Chaem's numbers equal to the target engine's (and to a plain count), a hotspot's details.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
[Trait(Needs.Trait, Needs.Browser)]
[Collection(DesktopGroup.Name)]
public sealed class WorkstationBrowserTests(DesktopFixture fixture)
{
    private const string MaeChaem = "5003";

    /// <summary>A page function: the viewport pixel of a [lon, lat] place, for mouse clicks.</summary>
    private const string ClientPixelOfLonLat = "([lon, lat]) => { const p = gis.map.getPixelFromCoordinate(gis.toMap([lon, lat]));"
        + " const r = gis.map.getTargetElement().getBoundingClientRect(); return [p[0] + r.left, p[1] + r.top]; }";

    [Fact]
    public async Task Map_DistrictsDrawnInVerdictColour_SwitchingLayersChangesThePixels()
    {
        var page = await fixture.OpenAsync();
        await DesktopFixture.ScreenshotAsync(page, "01-map-opened");
        Assert.Equal(25, await page.EvaluateAsync<int>("() => gis.layers.districts.getSource().getFeatures().length"));

        // Hotspots drawn over the district point change its colour: switch them off to read the district fill.
        var (x, y) = await InsidePixelAsync(page, MaeChaem);
        var withHotspots = await PixelsAsync(page, x, y);
        await page.Locator("#layer-hotspots").UncheckAsync();
        await DesktopFixture.RenderedAsync(page);
        var report = await HotspotReportAsync();
        var status = report.Districts.Single(d => d.Code == MaeChaem).Status;
        var expected = Blend(status switch
        {
            TargetStatus.Met => MapStyles.Met,
            TargetStatus.NotMet => MapStyles.NotMet,
            _ => MapStyles.NoVerdict,
        });
        AssertColor(expected, await PixelAsync(page, x, y));
        Assert.NotEqual(withHotspots, await PixelsAsync(page, x, y));
        await DesktopFixture.ScreenshotAsync(page, "02-districts-by-verdict");

        await page.Locator("#layer-districts").UncheckAsync();
        await DesktopFixture.RenderedAsync(page);
        AssertColor(new SKColor(255, 255, 255), await PixelAsync(page, x, y));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Notes_OfTheTargetEngine_InThePagesLanguage()
    {
        var page = await fixture.OpenAsync();
        // The engine's own notes for the page's period, in both languages: the page shows one set or the other.
        var report = await HotspotReportAsync();
        Assert.NotEmpty(report.Warnings);
        var notes = page.Locator("#panel .notes li");
        Assert.Equal(report.Warnings.Select(w => w.Th), await notes.AllInnerTextsAsync());
        Assert.Contains(report.Warnings, w => w.Th.StartsWith("ประเภทที่ดินจากข้อมูลการใช้ที่ดินปี", StringComparison.Ordinal));

        await page.Locator("#lang").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#lang').textContent === 'ไทย'");
        Assert.Equal(report.Warnings.Select(w => w.En), await notes.AllInnerTextsAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task GreenMetricAndLandUse_RedrawTheDistrictsAsTheGreenTargetSays()
    {
        var green = await new GreenTargetService(fixture.Db.Store).ComputeAsync(2565, 2566, 2566, "50");
        var net = green.Change.Districts.Single(d => d.Code == MaeChaem).NetRai;
        int? allocation = green.Allocation.TryGetValue(MaeChaem, out var a) ? a : null;
        var expected = MapDataLoader.GreenClass(net, allocation) switch
        {
            "green-none" => MapStyles.Greens[0],
            "green-low" => MapStyles.Greens[1],
            "green-mid" => MapStyles.Greens[2],
            "green-met" => MapStyles.Greens[3],
            "zero-allocation" => MapStyles.ZeroAllocation,
            _ => MapStyles.NoVerdict,
        };

        var page = await fixture.OpenAsync();
        await page.Locator("#layer-hotspots").UncheckAsync();
        var (x, y) = await InsidePixelAsync(page, MaeChaem);
        await DesktopFixture.RenderedAsync(page);
        // The real 2026 files cover only some days of the season: by change Mae Chaem is 'incomplete', drawn as no verdict.
        AssertColor(Blend(MapStyles.NoVerdict), await PixelAsync(page, x, y));
        await page.Locator("#metric").SelectOptionAsync("green");
        await DesktopFixture.RenderedAsync(page);
        AssertColor(Blend(expected), await PixelAsync(page, x, y));
        Assert.Equal(6, await page.Locator("[data-legend=districts] li").CountAsync());

        var parcels = await fixture.Db.ScalarAsync<long>("SELECT count(*) FROM landuse_parcel WHERE snapshot = 2566");
        await page.Locator("#layer-landuse").CheckAsync();
        await page.WaitForFunctionAsync($"() => gis.layers.landuse.getSource().getFeatures().length === {parcels}");
        await DesktopFixture.RenderedAsync(page);
        await DesktopFixture.ScreenshotAsync(page, "09-green-metric-landuse");
        await page.CloseAsync();
    }

    [Fact]
    public async Task ClickMaeChaem_PanelShowsTheTargetEngineNumbers()
    {
        var page = await fixture.OpenAsync();
        await page.Locator("#layer-hotspots").UncheckAsync();
        await DesktopFixture.RenderedAsync(page);
        var (x, y) = await InsidePixelAsync(page, MaeChaem);
        await page.Mouse.ClickAsync(x, y);
        await page.Locator("#hotspot-numbers").WaitForAsync();

        var row = (await HotspotReportAsync()).Districts.Single(d => d.Code == MaeChaem);
        // Independently of the engine: a plain count of the counted VIIRS detections of the season in Mae Chaem.
        var plain = await fixture.Db.ScalarAsync<long>("""
            SELECT count(*) FROM hotspot_counted WHERE district_code = $1 AND instrument = 'VIIRS' AND local_day BETWEEN $2 AND $3
            """, MaeChaem, new DateOnly(2026, 1, 1), new DateOnly(2026, 5, 31));
        Assert.Equal(plain, row.Count);
        Assert.True(row.Count > 100, $"Mae Chaem had {row.Count} detections in the real 2026 data");

        Assert.Contains("แม่แจ่ม", await page.Locator("#panel-title").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(row.Count.ToString("N0", CultureInfo.InvariantCulture), await Field(page, "count"));
        Assert.Equal(row.Baseline.ToString("N0", CultureInfo.InvariantCulture), await Field(page, "baseline"));
        var change = row.ChangePercent!.Value.ToString("N2", CultureInfo.InvariantCulture);
        Assert.Equal($"{(row.ChangePercent > 0 ? "+" : "")}{change} %", await Field(page, "change_pct"));
        // The row of the target percentage says so (the planner's "Province target (rai)" once took its label).
        Assert.Equal("เป้าหมายการเปลี่ยนแปลง", await Label(page, "target_pct"));
        Assert.Equal(Reduction.Code(row.Status),
            await page.Locator("#hotspot-numbers [data-field=status]").GetAttributeAsync("data-value"));
        // Six seasons (1 Jan - 31 May): a bar only where the store covers the season, "no data" (never a 0 bar) elsewhere.
        var seasonsWithData = await fixture.Db.ScalarAsync<long>("""
            SELECT count(DISTINCT extract(year FROM day)) FROM data_coverage
            WHERE instrument = 'VIIRS' AND extract(month FROM day) <= 5 AND day BETWEEN $1 AND $2
            """, new DateOnly(2021, 1, 1), new DateOnly(2026, 5, 31));
        Assert.Equal(seasonsWithData, await page.Locator("svg.trend rect").CountAsync());
        Assert.Equal(6 - seasonsWithData, await page.Locator("svg.trend text.no-data").CountAsync());
        await DesktopFixture.ScreenshotAsync(page, "03-mae-chaem-panel");

        await page.Locator("#lang").ClickAsync();
        Assert.Contains("Mae Chaem", await page.Locator("#panel-title").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("Target change", await Label(page, "target_pct"));
        Assert.Contains("Fire hotspots", await page.Locator("#toolbar h1").TextContentAsync(), StringComparison.Ordinal);
        await DesktopFixture.ScreenshotAsync(page, "04-mae-chaem-panel-english");
        await page.CloseAsync();
    }

    [Fact]
    public async Task ThaiPage_DatesAndMeanBaseline_InBuddhistEraWords_NeverCommandLineText()
    {
        var page = await fixture.OpenAsync();
        await page.Locator("#layer-hotspots").UncheckAsync();
        await page.Locator("#baseline").SelectOptionAsync("mean:3");
        await page.Locator("#period-kind").SelectOptionAsync("dates");
        await page.Locator("#period-from").FillAsync("2026-03-01");
        await page.Locator("#period-to").FillAsync("2026-03-31");
        // The browser draws the date inputs in its locale's CE: the BE day stands next to each.
        Assert.Equal("1 มี.ค. 2569", await page.Locator("#period-from-be").TextContentAsync());
        Assert.Equal("31 มี.ค. 2569", await page.Locator("#period-to-be").TextContentAsync());
        await page.Locator("#period-apply").ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('period-label')?.textContent === '1 มี.ค. 2569 – 31 มี.ค. 2569'");
        await DesktopFixture.RenderedAsync(page);
        await AssertNoCommandLineTextAsync(page);

        var (x, y) = await InsidePixelAsync(page, MaeChaem);
        await page.Mouse.ClickAsync(x, y);
        await page.Locator("#hotspot-numbers").WaitForAsync();
        // mean:3 of 2026-03: March of 2023, 2024 and 2025, named by their first and last.
        var baseline = await page.Locator("#hotspot-numbers tr:has([data-field=baseline]) th").TextContentAsync();
        Assert.Equal("ฐาน (เฉลี่ย 3 ช่วง (1 มี.ค. 2566 – 31 มี.ค. 2566 ถึง 1 มี.ค. 2568 – 31 มี.ค. 2568))", baseline);
        await AssertNoCommandLineTextAsync(page);
        await page.CloseAsync();
    }

    /// <summary>No period label as the command line writes it (season:2568, 2025-03-01..2025-03-31) on the page.</summary>
    private static async Task AssertNoCommandLineTextAsync(IPage page)
    {
        var text = await page.InnerTextAsync("body");
        Assert.DoesNotMatch(@"(season|fiscal|mean):|\d{4}-\d\d-\d\d", text);
    }

    [Fact]
    public async Task ClickHotspot_PanelShowsSatelliteAndBangkokTime()
    {
        // A detection with no other within about 2 km, so the click cannot hit a neighbour.
        await using var connection = await fixture.Db.Store.DataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT h.id, h.longitude, h.latitude, h.satellite, h.acquired_utc FROM hotspot_counted h
            WHERE h.district_code = '5003' AND h.local_day BETWEEN '2026-01-01' AND '2026-05-31'
              AND NOT EXISTS (SELECT 1 FROM hotspot_counted o WHERE o.id <> h.id AND ST_DWithin(o.geom, h.geom, 0.02))
            ORDER BY h.id LIMIT 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "an isolated detection in Mae Chaem");
        var (id, lon, lat, satellite, utc) = (reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetString(3),
            reader.GetDateTime(4));

        var page = await fixture.OpenAsync();
        await page.EvaluateAsync("([lon, lat]) => { gis.map.getView().setCenter(gis.toMap([lon, lat])); gis.map.getView().setZoom(13); }",
            new[] { lon, lat });
        await DesktopFixture.RenderedAsync(page);
        var point = await page.EvaluateAsync<double[]>(ClientPixelOfLonLat, new[] { lon, lat });
        await page.Mouse.ClickAsync((float)point[0], (float)point[1]);
        await page.Locator("#hotspot-detail").WaitForAsync();

        Assert.Contains($"#{id}", await page.Locator("#panel-title").TextContentAsync(), StringComparison.Ordinal);
        Assert.StartsWith(satellite, await Field(page, "satellite"), StringComparison.Ordinal);
        var local = (DateTime.SpecifyKind(utc, DateTimeKind.Utc) + Bangkok.UtcOffset).ToString("yyyy-MM-dd HH:mm",
            CultureInfo.InvariantCulture);
        Assert.Equal(local, await page.Locator("#hotspot-detail [data-field=local_time]").GetAttributeAsync("data-value"));
        // Shown in Thai with the Buddhist year and the Bangkok clock time.
        Assert.Contains((utc.Year + 543).ToString(CultureInfo.InvariantCulture), await Field(page, "local_time"), StringComparison.Ordinal);
        Assert.EndsWith(local[11..], await Field(page, "local_time"), StringComparison.Ordinal);
        await DesktopFixture.ScreenshotAsync(page, "05-hotspot-panel");
        await page.CloseAsync();
    }

    [Fact]
    public async Task DaySlider_AsksForThatDayAndDrawsFewerHotspots()
    {
        var page = await fixture.OpenAsync();
        // Over Mae Chaem at zoom 10 (the grid's cells, ADR 0045); only the hotspot layer on the white map.
        await page.Locator("#layer-districts").UncheckAsync();
        await page.EvaluateAsync("() => { gis.map.getView().setCenter(gis.toMap([98.35, 18.5])); gis.map.getView().setZoom(10); }");
        await DesktopFixture.RenderedAsync(page);
        var season = await HotspotPixelsAsync(page);

        var tiles = RequestsTo(page, "/api/tiles/hotspots/");
        // The slider's position N is the N-th day of the season (0: the whole season): 2026-03-29 is day 88.
        await page.Locator("#day-slider").FillAsync("88");
        await page.WaitForFunctionAsync("() => gis.state.day === '2026-03-29'");
        await DesktopFixture.RenderedAsync(page);
        var day = await HotspotPixelsAsync(page);

        Assert.NotEmpty(tiles);
        Assert.All(tiles, url => Assert.Contains("day=2026-03-29", url, StringComparison.Ordinal));
        Assert.True(day > 0 && day < season, $"hotspot pixels: season {season}, one day {day}");
        Assert.Contains("2569", await page.Locator("#day-label").TextContentAsync(), StringComparison.Ordinal);
        await DesktopFixture.ScreenshotAsync(page, "06-day-slider");
        await page.CloseAsync();
    }

    [Fact]
    public async Task HeatMap_ChosenInTheLegend_DrawsTheDensestPlaceInAHighClass_AndFollowsTheDay()
    {
        // The densest 0.05° cell of the season's counted VIIRS detections in the province, by a plain count.
        await using var connection = await fixture.Db.Store.DataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT round(longitude * 20) / 20, round(latitude * 20) / 20, count(*) FROM hotspot_counted
            WHERE instrument = 'VIIRS' AND local_day BETWEEN '2026-01-01' AND '2026-05-31' AND left(district_code, 2) = '50'
            GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (lon, lat, count) = (reader.GetDouble(0), reader.GetDouble(1), reader.GetInt64(2));
        // At least that many detections within 3.9 km of the cell's centre (its far corner): above 20 per 100 km².
        Assert.True(count >= 20, $"the densest cell holds {count} detections");

        var page = await fixture.OpenAsync();
        await page.Locator("#layer-districts").UncheckAsync();
        await page.EvaluateAsync("([lon, lat]) => { gis.map.getView().setCenter(gis.toMap([lon, lat])); gis.map.getView().setZoom(9); }",
            new[] { lon, lat });
        await DesktopFixture.RenderedAsync(page);
        var point = await page.EvaluateAsync<double[]>(ClientPixelOfLonLat, new[] { lon, lat });
        var (x, y) = ((float)point[0], (float)point[1]);
        var asPoints = await PixelsAsync(page, x, y);

        var tiles = RequestsTo(page, "/api/tiles/heat/");
        await page.Locator("#hotspot-view").SelectOptionAsync("heat");
        await page.WaitForFunctionAsync("() => gis.loads.heatTiles > 0");
        await DesktopFixture.RenderedAsync(page);
        Assert.NotEmpty(tiles);
        Assert.All(tiles, url => Assert.Contains("period=season%3A2569", url, StringComparison.Ordinal));
        Assert.False(await page.EvaluateAsync<bool>("() => gis.layers.hotspots.getVisible()"));
        var asHeat = await PixelAsync(page, x, y);
        Assert.NotEqual(asPoints[4], asHeat);
        // One of the classes from 20 per 100 km² up, at the layer's opacity (0.85) over the white map.
        Assert.True(MapStyles.Heat[4..].Any(c => Near(Blend(c, 0.85), asHeat)),
            $"drawn {asHeat}, not a heat class of 20 per 100 km² or more");
        // The legend: the unit, eight classes, the note.
        Assert.Equal(10, await page.Locator("[data-legend=hotspots] li").CountAsync());
        var legend = await page.Locator("[data-legend=hotspots]").TextContentAsync();
        Assert.Contains("100 ตร.กม.", legend, StringComparison.Ordinal);
        // A lone detection's peak, 3 / (pi 25 km²) x 100 km².
        Assert.Contains("สูงสุด 3.8", legend, StringComparison.Ordinal);
        await DesktopFixture.ScreenshotAsync(page, "10-heat-map");

        // The day slider narrows the heat map to one day, as it does the points.
        tiles.Clear();
        await page.Locator("#day-slider").FillAsync("88");
        await page.WaitForFunctionAsync("() => gis.state.day === '2026-03-29'");
        await DesktopFixture.RenderedAsync(page);
        Assert.NotEmpty(tiles);
        Assert.All(tiles, url => Assert.Contains("day=2026-03-29", url, StringComparison.Ordinal));
        await page.Locator("#lang").ClickAsync();
        Assert.Contains("per 100 km²", await page.Locator("[data-legend=hotspots]").TextContentAsync(), StringComparison.Ordinal);
        await DesktopFixture.ScreenshotAsync(page, "11-heat-map-one-day-english");
        // Over the districts their fills are washed out, so the heat colours do not meet the verdict orange.
        await page.Locator("#layer-districts").CheckAsync();
        await DesktopFixture.RenderedAsync(page);
        await DesktopFixture.ScreenshotAsync(page, "12-heat-map-over-districts");
        await page.CloseAsync();
    }

    /// <summary>URLs of the requests the page makes from now on whose address contains <paramref name="path"/>.</summary>
    private static List<string> RequestsTo(IPage page, string path)
    {
        var urls = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains(path, StringComparison.Ordinal))
                urls.Add(request.Url);
        };
        return urls;
    }

    /// <summary>Pixels of the map drawn in one of the hotspot fill colours.</summary>
    private static async Task<int> HotspotPixelsAsync(IPage page)
    {
        using var bitmap = SKBitmap.Decode(await page.Locator("#map").ScreenshotAsync());
        var fills = MapStyles.Hotspot.Select(c => new SKColor(c.R, c.G, c.B)).ToArray();
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (fills.Any(f => Math.Abs(f.Red - p.Red) <= 4 && Math.Abs(f.Green - p.Green) <= 4 && Math.Abs(f.Blue - p.Blue) <= 4))
                    count++;
            }
        }
        return count;
    }

    [Fact]
    public async Task ProjectLayer_DrawsTheStoredAreas_HighlightZoomsToThem()
    {
        var stored = await fixture.Db.ScalarAsync<long>("SELECT count(*) FROM project_area");
        var code = await fixture.Db.ScalarAsync<string>("SELECT min(project_code) FROM project_area");
        Assert.True(stored > 0);
        var page = await fixture.OpenAsync();
        await page.Locator("#layer-hotspots").UncheckAsync();
        await page.Locator("#layer-projects").CheckAsync();
        await page.WaitForFunctionAsync($"() => gis.layers.projects.getSource().getFeatures().length === {stored}");
        await page.Locator("[data-legend=projects]").WaitForAsync();

        await page.EvaluateAsync("(code) => gis.highlightProject(code)", code);
        await page.WaitForFunctionAsync("(code) => gis.state.highlightedProject === code", code);
        await page.WaitForTimeoutAsync(400);
        await DesktopFixture.RenderedAsync(page);
        // The view now holds every area of the project.
        Assert.True(await page.EvaluateAsync<bool>("""
            (code) => {
              const view = gis.map.getView().calculateExtent();
              return gis.layers.projects.getSource().getFeatures().filter(f => f.get('project_code') === code)
                .every(f => {
                  const e = f.getGeometry().getExtent();
                  return e[0] >= view[0] && e[1] >= view[1] && e[2] <= view[2] && e[3] <= view[3];
                });
            }
            """, code));
        await DesktopFixture.ScreenshotAsync(page, "08-project-highlight");
        await page.CloseAsync();
    }

    [Fact]
    public async Task ExportPdf_FromThePage_DownloadsAMapThroughTheRenderer()
    {
        // The page's own POST: it carries the anti-forgery token, so the export is made (a request without it is 403).
        var page = await fixture.OpenAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-pdf").ClickAsync(),
            new PageRunAndWaitForDownloadOptions { Timeout = 60_000 });
        var path = Path.Combine(DesktopFixture.Screenshots, "07-export.pdf");
        await download.SaveAsAsync(path);
        var head = new byte[5];
        await using (var file = File.OpenRead(path))
            await file.ReadExactlyAsync(head);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(head));
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("", await page.Locator("#export-status").TextContentAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task ExportPng_IsTheMapAsOnScreen_LayersMetricAndPannedView()
    {
        var page = await fixture.OpenAsync();
        await page.Locator("#layer-hotspots").UncheckAsync();
        await page.Locator("#metric").SelectOptionAsync("green");
        // Pan: Mae Chaem's inside pixel moves 120 px right and 60 px down of where the default view had it.
        await page.EvaluateAsync("""
            () => { const v = gis.map.getView(); const c = v.getCenter(); const r = v.getResolution();
              v.setCenter([c[0] - 120 * r, c[1] + 60 * r]); }
            """);
        await DesktopFixture.RenderedAsync(page);
        var (x, y) = await InsidePixelAsync(page, MaeChaem);
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        var onScreen = await PixelAsync(page, x, y);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-png").ClickAsync(),
            new PageRunAndWaitForDownloadOptions { Timeout = 60_000 });
        var path = Path.Combine(DesktopFixture.Screenshots, "10-export-as-on-screen.png");
        await download.SaveAsAsync(path);
        using var png = SKBitmap.Decode(path);
        // The map's own size (plus its caption line), not a renderer page.
        Assert.Equal((int)Math.Round(box.Width), png.Width);
        Assert.Equal((int)Math.Round(box.Height) + 28, png.Height);
        AssertColor(onScreen, png.GetPixel((int)Math.Round(x - box.X), (int)Math.Round(y - box.Y)));
        Assert.Equal("", await page.Locator("#export-status").TextContentAsync());
        await page.CloseAsync();
    }

    private Task<HotspotTargetReport> HotspotReportAsync() =>
        new HotspotTargetService(fixture.Db.Store).ComputeAsync(new HotspotTargetRequest(Period.Parse(DesktopFixture.Season),
            Baseline.Parse("previous"), "50",
            new Core.Hotspots.HotspotFilter(), CountMode.Detections, new TargetSettings(), Bangkok.LocalDay(DateTime.UtcNow)));

    private static async Task<string> Field(IPage page, string name) =>
        (await page.Locator($"#panel [data-field={name}]").First.TextContentAsync())!.Trim();

    private static async Task<string> Label(IPage page, string field) =>
        (await page.Locator($"#panel tr:has([data-field={field}]) th").First.TextContentAsync())!.Trim();

    /// <summary>A page pixel inside the district, away from its name label and any other feature but the district.</summary>
    private static async Task<(float X, float Y)> InsidePixelAsync(IPage page, string code)
    {
        var p = await page.EvaluateAsync<double[]>("""
            (code) => {
              const f = gis.layers.districts.getSource().getFeatures().find(f => f.get('code') === code);
              const c = gis.map.getPixelFromCoordinate(f.get('label_point').getCoordinates());
              const r = gis.map.getTargetElement().getBoundingClientRect();
              for (const [dx, dy] of [[0, 22], [0, -22], [30, 0], [-30, 0], [0, 40], [0, -40]]) {
                const px = [c[0] + dx, c[1] + dy];
                const hits = gis.map.getFeaturesAtPixel(px, { layerFilter: l => l === gis.layers.districts, hitTolerance: 6 });
                if (hits.length === 1 && hits[0] === f) return [px[0] + r.left, px[1] + r.top];
              }
              return null;
            }
            """, code);
        Assert.NotNull(p);
        return ((float)p[0], (float)p[1]);
    }

    private static async Task<SKColor> PixelAsync(IPage page, float x, float y) => (await PixelsAsync(page, x, y))[4];

    /// <summary>The 3 x 3 pixels around (x, y) of a screenshot.</summary>
    private static async Task<SKColor[]> PixelsAsync(IPage page, float x, float y)
    {
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Clip = new Clip { X = x - 1, Y = y - 1, Width = 3, Height = 3 } });
        using var bitmap = SKBitmap.Decode(png);
        return [.. Enumerable.Range(0, 9).Select(i => bitmap.GetPixel(i % 3, i / 3))];
    }

    /// <summary>A colour as drawn at an opacity (districts: the page's 0.8) over the white map.</summary>
    private static SKColor Blend(MapColor c, double alpha = 0.8)
    {
        byte Mix(byte v) => (byte)Math.Round((v * alpha) + (255 * (1 - alpha)));
        return new SKColor(Mix(c.R), Mix(c.G), Mix(c.B));
    }

    private static bool Near(SKColor expected, SKColor actual) =>
        Math.Abs(expected.Red - actual.Red) <= 6 && Math.Abs(expected.Green - actual.Green) <= 6
            && Math.Abs(expected.Blue - actual.Blue) <= 6;

    private static void AssertColor(SKColor expected, SKColor actual) => Assert.True(Near(expected, actual),
        $"expected {expected}, drawn {actual}");
}
