using System.Globalization;
using Gis.Core.Plans;
using Gis.Desktop.Tests.Web;
using Gis.Importers.Planning;
using Gis.TestSupport;
using Microsoft.Playwright;

namespace Gis.Desktop.Tests.Planner;

/// <summary>Planner mode in Debian's Chromium: draw a polygon with mouse clicks, save it, see the figure move, undo.</summary>
[Trait(Needs.Trait, Needs.PostGis)]
[Trait(Needs.Trait, Needs.Browser)]
[Collection(DesktopGroup.Name)]
public sealed class PlannerPageTests(DesktopFixture fixture)
{
    private const string MaeChaem = "5003";

    [Fact]
    public async Task DrawSaveUndo_InMaeChaem_StoredAndGreenFigureMovesByItsRai()
    {
        var page = await fixture.OpenAsync();
        var db = fixture.Db;
        var plannerAreasBefore = await db.ScalarAsync<long>("SELECT count(*) FROM project_area WHERE source = 'planner'");
        await page.ClickAsync("#planner-toggle");
        await page.WaitForSelectorAsync("#planner-pane[data-loaded='1']");
        // Folded, the pane shows only its title; unfolded, everything again.
        await page.ClickAsync("#planner-collapse");
        Assert.False(await page.Locator("#planner-form").IsVisibleAsync());
        Assert.True(await page.Locator("#planner-collapse").IsVisibleAsync());
        await page.ClickAsync("#planner-collapse");
        Assert.True(await page.Locator("#planner-form").IsVisibleAsync());
        // Set without focusing the field, so no later blur fires a second change.
        await page.EvalOnSelectorAsync("#planner-year", "e => { e.value = '2568'; e.dispatchEvent(new Event('change')); }");
        await page.WaitForSelectorAsync("#planner-pane[data-loaded='2']");
        var before = await ShownGreenAsync(page);

        // Centre east of the square (the pane covers the right of the map), then click its corners on the map and
        // its first corner again to close it.
        await page.EvaluateAsync("() => window.gisPlanner.centre(98.40, 18.58, 13)");
        await page.FillAsync("#planner-new-name", "ปลูกป่าชุมชน <i>แม่แจ่ม</i>");
        await page.FillAsync("#planner-agency", "สำนักงานป่าไม้เขต");
        await page.ClickAsync("#planner-draw");
        var box = await page.Locator("#map").BoundingBoxAsync() ?? throw new InvalidOperationException("#map not shown");
        (double Lon, double Lat)[] corners = [(98.34, 18.565), (98.37, 18.565), (98.37, 18.59), (98.34, 18.59), (98.34, 18.565)];
        foreach (var (lon, lat) in corners)
        {
            var pixel = await page.EvaluateAsync<double[]>(string.Create(CultureInfo.InvariantCulture,
                $"() => window.gisPlanner.pixelOf({lon}, {lat})"));
            await page.Mouse.ClickAsync((float)(box.X + pixel[0]), (float)(box.Y + pixel[1]));
        }
        await page.WaitForSelectorAsync("#planner-save:not([disabled])");
        await DesktopFixture.RenderedAsync(page);
        await DesktopFixture.ScreenshotAsync(page, "planner-1-drawn");
        // The clicks that drew the polygon belonged to the sketch: none opened Mae Chaem's panel below them.
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        Assert.Equal(0, await page.Locator("#panel-title").CountAsync());
        await page.ClickAsync("#planner-save");
        // The message comes once the save and the refresh after it are done, or at once with the server's refusal.
        await page.WaitForFunctionAsync("() => document.querySelector('#planner-message').textContent === 'บันทึกแล้ว'"
            + " || document.querySelector('#planner-message').className === 'error'");

        Assert.True(await page.GetAttributeAsync("#planner-message", "class") == "ok", await page.InnerTextAsync("#planner-message"));
        Assert.Equal(plannerAreasBefore + 1,
            await db.ScalarAsync<long>("SELECT count(*) FROM project_area WHERE source = 'planner' AND year = 2568"));
        // Independent: the stored polygon's own ellipsoidal area, and where its corners are.
        var expected = await db.ScalarAsync<double>(
            "SELECT ST_Area(geom::geography) / 1600 FROM project_area WHERE source = 'planner' ORDER BY id DESC LIMIT 1");
        Assert.Equal("98.340 18.565 98.370 18.590", await db.ScalarAsync<string>("""
            SELECT round(ST_XMin(geom)::numeric, 3) || ' ' || round(ST_YMin(geom)::numeric, 3)
                || ' ' || round(ST_XMax(geom)::numeric, 3) || ' ' || round(ST_YMax(geom)::numeric, 3)
            FROM project_area WHERE source = 'planner' ORDER BY id DESC LIMIT 1
            """));
        Assert.Equal("ปลูกป่าชุมชน <i>แม่แจ่ม</i>", await db.ScalarAsync<string>(
            "SELECT p.name_th FROM plan_project p JOIN project_area a ON a.project_code = p.code"
            + " WHERE a.source = 'planner' ORDER BY a.id DESC LIMIT 1"));
        // Shown with two decimals: within 0.01 rai of the stored polygon's area.
        Assert.Equal(expected, await ShownGreenAsync(page) - before, 0.011);
        // The project name reached the page as text, not markup.
        Assert.Contains("<i>แม่แจ่ม</i>", await page.InnerTextAsync("#planner-project"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#planner-pane i").CountAsync());
        await DesktopFixture.RenderedAsync(page);
        await DesktopFixture.ScreenshotAsync(page, "planner-2-saved");

        await page.ClickAsync("#planner-history li:first-child button.planner-undo");
        await page.WaitForFunctionAsync("() => document.querySelector('#planner-message').textContent === 'ย้อนกลับแล้ว'"
            + " || document.querySelector('#planner-message').className === 'error'");

        Assert.True(await page.GetAttributeAsync("#planner-message", "class") == "ok", await page.InnerTextAsync("#planner-message"));
        Assert.Equal(plannerAreasBefore, await db.ScalarAsync<long>("SELECT count(*) FROM project_area WHERE source = 'planner'"));
        Assert.Equal(before, await ShownGreenAsync(page));
        // The history speaks the page's language.
        Assert.Contains("ย้อนกลับ #", await page.InnerTextAsync("#planner-history li:first-child"), StringComparison.Ordinal);
        Assert.Contains("สร้างแปลง", await page.InnerTextAsync("#planner-history li:nth-child(2)"), StringComparison.Ordinal);
        // Its times in Bangkok, BE year and Thai month name, as everywhere on the Thai page.
        var when = await page.InnerTextAsync("#planner-history li:first-child .when");
        var now = DateTime.UtcNow.AddHours(7);
        const string ThaiMonth = @"(ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.)";
        Assert.Matches(@"^\d{1,2} " + ThaiMonth + @" 25\d\d \d\d:\d\d$", when);
        Assert.Contains((now.Year + 543).ToString(System.Globalization.CultureInfo.InvariantCulture), when, StringComparison.Ordinal);
        Assert.True(await page.Locator("#planner-history li:first-child button.planner-undo").IsDisabledAsync());
        await DesktopFixture.RenderedAsync(page);
        await DesktopFixture.ScreenshotAsync(page, "planner-3-undone");
        await page.CloseAsync();
    }

    [Fact]
    public async Task AllocationTable_CreateSetLockRebalance_ThenUndoAll_InTheBrowser()
    {
        var page = await fixture.OpenAsync();
        var db = fixture.Db;
        await page.ClickAsync("#planner-toggle");
        await page.WaitForSelectorAsync("#planner-pane[data-loaded='1']");
        await page.EvalOnSelectorAsync("#planner-year", "e => { e.value = '2570'; e.dispatchEvent(new Event('change')); }");
        await page.WaitForSelectorAsync("#planner-pane[data-loaded='2']");

        await SavedAsync(page, () => page.ClickAsync("#planner-create-table"));
        Assert.Equal(1000L, await db.ScalarAsync<long>("SELECT sum(allocation_rai) FROM district_allocation WHERE year = 2570"));
        // A typed value counts when the field is left, as in a spreadsheet.
        var maeChaem = page.Locator($"#planner-allocation tr[data-code='{MaeChaem}'] input.planner-allocated");
        await SavedAsync(page, async () =>
        {
            await maeChaem.FillAsync("250");
            await maeChaem.PressAsync("Tab");
        });
        await SavedAsync(page, () => page.Locator("#planner-allocation tr[data-code='5002'] input.planner-lock").CheckAsync());
        var chomThong = await db.ScalarAsync<int>(
            "SELECT allocation_rai FROM district_allocation WHERE year = 2570 AND district_code = '5002'");
        await page.FillAsync("#planner-target", "1200");
        await SavedAsync(page, () => page.ClickAsync("#planner-rebalance"));

        Assert.Equal("1200", await page.InnerTextAsync("#planner-total"));
        Assert.Equal(1200L, await db.ScalarAsync<long>("SELECT sum(allocation_rai) FROM district_allocation WHERE year = 2570"));
        Assert.Equal($"5002:{chomThong}:True,5003:250:True", await db.ScalarAsync<string>(
            "SELECT string_agg(district_code || ':' || allocation_rai || ':' || CASE WHEN locked THEN 'True' ELSE 'False' END, ','"
            + " ORDER BY district_code) FROM district_allocation WHERE year = 2570 AND locked"));
        Assert.Equal("250",
            await page.Locator($"#planner-allocation tr[data-code='{MaeChaem}'] input.planner-allocated").InputValueAsync());
        await DesktopFixture.ScreenshotAsync(page, "planner-4-allocation");

        // Undo the four changes, newest first: each time the top entry is the one no later change stands on.
        for (var i = 0; i < 4; i++)
        {
            await SavedAsync(page, () => page.Locator("#planner-history li button.planner-undo:not([disabled])").First.ClickAsync(),
                "ย้อนกลับแล้ว");
        }
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM district_allocation WHERE year = 2570"));
        Assert.True(await page.Locator("#planner-create-table").IsVisibleAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task StoredArea_ClickedAndACornerDragged_SavedMoved_UndoRestoresItBitForBit()
    {
        var db = fixture.Db;
        var created = await new ProjectAreaEditor(db.Store, "50").CreateAsync(new PlanAreaInput(
            Wkt.Read("POLYGON ((98.34 18.565, 98.37 18.565, 98.37 18.59, 98.34 18.59, 98.34 18.565))"), 2571, "แปลงเดิม", null,
            new NewPlanProject(null, "ฟื้นฟูป่าต้นน้ำ", "อุทยานแห่งชาติ"), TargetKind.GreenArea), "fixture");
        var id = created.Area!.Id;
        var original = await db.ScalarAsync<string>("SELECT encode(ST_AsEWKB(geom), 'hex') FROM project_area WHERE id = $1", id);
        var page = await fixture.OpenAsync();
        await page.ClickAsync("#planner-toggle");
        await page.WaitForSelectorAsync("#planner-pane[data-loaded='1']");
        await page.EvalOnSelectorAsync("#planner-year", "e => { e.value = '2571'; e.dispatchEvent(new Event('change')); }");
        await page.WaitForSelectorAsync("#planner-pane[data-loaded='2']");
        await page.EvaluateAsync("() => window.gisPlanner.centre(98.40, 18.58, 13)");
        var box = await page.Locator("#map").BoundingBoxAsync() ?? throw new InvalidOperationException("#map not shown");
        async Task<(float X, float Y)> At(double lon, double lat)
        {
            var p = await page.EvaluateAsync<double[]>(string.Create(CultureInfo.InvariantCulture,
                $"() => window.gisPlanner.pixelOf({lon}, {lat})"));
            return ((float)(box.X + p[0]), (float)(box.Y + p[1]));
        }

        var inside = await At(98.35, 18.575);
        await page.Mouse.ClickAsync(inside.X, inside.Y);
        await page.WaitForSelectorAsync("#planner-delete");
        Assert.Equal("แปลงเดิม", await page.InputValueAsync("#planner-area-name"));
        // Drag the north-east corner 0.01° further east.
        var (fromX, fromY) = await At(98.37, 18.59);
        var (toX, toY) = await At(98.38, 18.59);
        await page.Mouse.MoveAsync(fromX, fromY);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(toX, toY, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await SavedAsync(page, () => page.ClickAsync("#planner-save"));

        Assert.Equal("98.340 18.565 98.380 18.590", await db.ScalarAsync<string>("""
            SELECT round(ST_XMin(geom)::numeric, 3) || ' ' || round(ST_YMin(geom)::numeric, 3)
                || ' ' || round(ST_XMax(geom)::numeric, 3) || ' ' || round(ST_YMax(geom)::numeric, 3)
            FROM project_area WHERE id = $1
            """, id));
        // The corner moved; no vertex was added (a drag on an edge would add one).
        Assert.Equal(5, await db.ScalarAsync<int>("SELECT ST_NPoints(geom) FROM project_area WHERE id = $1", id));
        await DesktopFixture.RenderedAsync(page);
        await DesktopFixture.ScreenshotAsync(page, "planner-5-corner-moved");

        await SavedAsync(page, () => page.Locator("#planner-history li button.planner-undo:not([disabled])").First.ClickAsync(),
            "ย้อนกลับแล้ว");
        Assert.Equal(original, await db.ScalarAsync<string>("SELECT encode(ST_AsEWKB(geom), 'hex') FROM project_area WHERE id = $1", id));
        await new PlannerHistory(db.Store).UndoAsync(created.ChangeId, "fixture");
        await page.CloseAsync();
    }

    /// <summary>Runs an action and waits for the pane's message that it and the refresh after it are done.</summary>
    private static async Task SavedAsync(IPage page, Func<Task> action, string done = "บันทึกแล้ว")
    {
        await page.EvaluateAsync("() => { document.querySelector('#planner-message').textContent = ''; }");
        await action();
        await page.WaitForFunctionAsync("done => document.querySelector('#planner-message').textContent === done"
            + " || document.querySelector('#planner-message').className === 'error'", done);
        Assert.True(await page.GetAttributeAsync("#planner-message", "class") == "ok", await page.InnerTextAsync("#planner-message"));
    }

    /// <summary>Mae Chaem's green-project rai as the planner pane shows it.</summary>
    private static async Task<double> ShownGreenAsync(IPage page) =>
        double.Parse((await page.InnerTextAsync($"#planner-allocation tr[data-code='{MaeChaem}'] td.planner-green")).Replace(",", "",
            StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
