using System.Globalization;
using Gis.TestSupport;
using Microsoft.Playwright;

namespace Gis.Desktop.Tests.Planner;

/// <summary>Planner mode in Debian's Chromium: draw a polygon with mouse clicks, save it, see the figure move, undo.</summary>
public sealed class PlannerPageTests : IAsyncLifetime
{
    private static readonly string Screenshots = Path.Combine(SharedData.RepoRoot, "artifacts", "test-results", "screenshots");
    private PlannerServer _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _server = await PlannerServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task DrawSaveUndo_InMaeChaem_StoredAndGreenFigureMovesByItsRai()
    {
        Directory.CreateDirectory(Screenshots);
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, Locale = "en-US" });
        await page.GotoAsync(_server.Address.ToString());
        await page.WaitForSelectorAsync("body[data-ready='true']");
        await page.ClickAsync("#planner-toggle");
        await page.WaitForSelectorAsync("#planner-pane[data-loaded='1']");
        // Set without focusing the field, so no later blur fires a second change.
        await page.EvalOnSelectorAsync("#planner-year", "e => { e.value = '2568'; e.dispatchEvent(new Event('change')); }");
        await page.WaitForSelectorAsync("#planner-pane[data-loaded='2']");
        var before = await ShownGreenAsync(page);
        Assert.Equal(await _server.Db.ScalarAsync<double>("SELECT area_rai FROM project_area WHERE project_code = 'G1'"), before, 0.006);

        // Centre east of the square (the pane covers the right of the map), then click a square's corners on the map and its first corner again to close it.
        await page.EvaluateAsync("() => window.gisPlanner.centre(98.40, 18.58, 13)");
        await page.FillAsync("#planner-new-name", "ปลูกป่าชุมชน <i>แม่แจ่ม</i>");
        await page.FillAsync("#planner-agency", "สำนักงานป่าไม้เขต");
        await page.ClickAsync("#planner-draw");
        var canvas = await page.QuerySelectorAsync("#map") ?? throw new InvalidOperationException("no #map");
        var box = await canvas.BoundingBoxAsync() ?? throw new InvalidOperationException("#map not shown");
        (double Lon, double Lat)[] corners = [(98.34, 18.565), (98.37, 18.565), (98.37, 18.59), (98.34, 18.59), (98.34, 18.565)];
        foreach (var (lon, lat) in corners)
        {
            var pixel = await page.EvaluateAsync<double[]>($"() => window.gisPlanner.pixelOf({lon.ToString(CultureInfo.InvariantCulture)}, {lat.ToString(CultureInfo.InvariantCulture)})");
            await page.Mouse.ClickAsync((float)(box.X + pixel[0]), (float)(box.Y + pixel[1]));
        }
        await page.WaitForSelectorAsync("#planner-save:not([disabled])");
        await RenderedAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "planner-1-drawn.png") });
        await page.ClickAsync("#planner-save");
        // The message comes once the save and the refresh after it are done (or an error at once).
        await page.WaitForFunctionAsync("() => ['บันทึกแล้ว', 'error'].includes(document.querySelector('#planner-message').textContent) || document.querySelector('#planner-message').className === 'error'");

        Assert.True(await page.GetAttributeAsync("#planner-message", "class") == "ok", await page.InnerTextAsync("#planner-message"));
        var stored = await _server.Db.ScalarAsync<long>("SELECT count(*) FROM project_area WHERE source = 'planner' AND year = 2568");
        Assert.True(stored == 1, await _server.Db.ScalarAsync<string>("SELECT string_agg(id || ' ' || source || ' ' || coalesce(year::text, '-') || ' ' || ST_AsText(geom), '; ') FROM project_area")
            + " | " + await _server.Db.ScalarAsync<string>("SELECT coalesce(string_agg(summary, '; '), 'no changes') FROM planner_change") + " | " + await page.InnerTextAsync("#planner-message"));
        // Independent: the stored polygon's own ellipsoidal area, and where its corners are.
        var expected = await _server.Db.ScalarAsync<double>("SELECT ST_Area(geom::geography) / 1600 FROM project_area WHERE source = 'planner'");
        var bounds = await _server.Db.ScalarAsync<string>("SELECT round(ST_XMin(geom)::numeric, 3) || ' ' || round(ST_YMin(geom)::numeric, 3) || ' ' || round(ST_XMax(geom)::numeric, 3) || ' ' || round(ST_YMax(geom)::numeric, 3) FROM project_area WHERE source = 'planner'");
        Assert.Equal("98.340 18.565 98.370 18.590", bounds);
        Assert.Equal("ปลูกป่าชุมชน <i>แม่แจ่ม</i>", await _server.Db.ScalarAsync<string>("SELECT p.name_th FROM plan_project p JOIN project_area a ON a.project_code = p.code WHERE a.source = 'planner'"));
        var after = await ShownGreenAsync(page);
        Assert.Equal(expected, after - before, 0.011);
        // The project name went in as text, not markup.
        Assert.Contains("<i>แม่แจ่ม</i>", await page.InnerTextAsync("#planner-project"), StringComparison.Ordinal);
        await RenderedAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "planner-2-saved.png") });

        await page.ClickAsync("#planner-history li:first-child button.planner-undo");
        await page.WaitForFunctionAsync("() => document.querySelector('#planner-message').textContent === 'ย้อนกลับแล้ว'");

        Assert.Equal(0L, await _server.Db.ScalarAsync<long>("SELECT count(*) FROM project_area WHERE source = 'planner'"));
        Assert.Equal(before, await ShownGreenAsync(page));
        Assert.Equal(2, await page.Locator("#planner-history li").CountAsync());
        Assert.True(await page.Locator("#planner-history li:first-child button.planner-undo").IsDisabledAsync());
        await RenderedAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "planner-3-undone.png") });
    }

    /// <summary>Waits until the map has drawn what it holds now, so a screenshot shows it.</summary>
    private static async Task RenderedAsync(IPage page) =>
        await page.EvaluateAsync("() => new Promise((resolve) => { window.gis.map.once('rendercomplete', () => resolve(true)); window.gis.map.render(); })");

    /// <summary>Mae Chaem's green-project rai as the planner pane shows it.</summary>
    private static async Task<double> ShownGreenAsync(IPage page) =>
        double.Parse((await page.InnerTextAsync("#planner-allocation tr[data-code='5003'] td.planner-green")).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
