using System.Globalization;
using Gis.Desktop.Tests.Accounts;
using Gis.Importers.Planning;
using Gis.Importers.Targets;
using Gis.TestSupport;
using Microsoft.Playwright;

namespace Gis.Desktop.Tests.Planner;

/// <summary>
/// Two planner accounts, niran and ploy, signed in in two browser contexts of Debian's Chromium (separate sessions),
/// edit the same thing at once: one edit is saved, the other gets a conflict naming the first one's account and change,
/// and after a reload that keeps the unsaved edit on the page it can be saved over it knowingly (ADR 0035, ADR 0042).
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
[Trait(Needs.Trait, Needs.Browser)]
public sealed class PlannerConflictPageTests : AccountBrowserTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PlannerServer.AddProjectAsync(Server.Db.Store);
    }

    [Fact]
    public async Task SameArea_EditedInTwoContexts_OneSaved_TheOtherToldWhoChangedWhat_ThenReloadKeepsItsEditAndSavesIt()
    {
        var id = await Server.Db.ScalarAsync<long>("SELECT id FROM project_area WHERE project_code = 'G1'");
        var niran = await PlannerAsync("niran");
        var ploy = await PlannerAsync("ploy");
        // Both pick the stored plot on the map before either saves.
        await PickAreaAsync(niran);
        await PickAreaAsync(ploy);

        await niran.FillAsync("#planner-area-name", "แปลงของนิรันดร์");
        await DoneAsync(niran, () => niran.ClickAsync("#planner-save"));
        await ploy.FillAsync("#planner-area-name", "แปลงของพลอย");
        await ploy.ClickAsync("#planner-save");
        await ploy.WaitForSelectorAsync("#planner-conflict:not([hidden]) #planner-conflict-reload");

        var first = await Server.Db.ScalarAsync<long>("SELECT max(id) FROM planner_change");
        var shown = await ploy.InnerTextAsync("#planner-conflict");
        // The other planner's account, as the server recorded it from her session.
        Assert.Contains("niran", shown, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"#{first}"), shown, StringComparison.Ordinal);
        Assert.Contains("name: plot 1 → แปลงของนิรันดร์", shown, StringComparison.Ordinal);
        Assert.Contains("source: fixture → planner", shown, StringComparison.Ordinal);
        Assert.Equal("error", await ploy.GetAttributeAsync("#planner-message", "class"));
        Assert.Equal("แปลงของนิรันดร์", await Server.Db.ScalarAsync<string>("SELECT name FROM project_area WHERE id = $1", id));
        await DesktopFixtureShot(ploy, "planner-6-conflict");

        // Reload: the stored state comes in, the unsaved name stays typed and the form says the edit is kept.
        await ploy.ClickAsync("#planner-conflict-reload");
        await ploy.WaitForSelectorAsync("#planner-kept");
        Assert.Equal("แปลงของพลอย", await ploy.InputValueAsync("#planner-area-name"));
        await DoneAsync(ploy, () => ploy.ClickAsync("#planner-save"));

        Assert.Equal("แปลงของพลอย", await Server.Db.ScalarAsync<string>("SELECT name FROM project_area WHERE id = $1", id));
        Assert.Equal("ploy,niran", await Server.Db.ScalarAsync<string>(
            "SELECT string_agg(changed_by, ',' ORDER BY id DESC) FROM planner_change WHERE action = 'update'"));
        Assert.True(await ploy.Locator("#planner-conflict").IsHiddenAsync());

        // The history filtered by person on the server: only niran's update is listed.
        await ploy.SelectOptionAsync("#planner-filter-person", "niran");
        await ploy.WaitForSelectorAsync("#planner-history[data-loaded='1']");
        Assert.Equal(1, await ploy.Locator("#planner-history ol > li").CountAsync());
        Assert.Contains("niran", await ploy.InnerTextAsync("#planner-history ol > li"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameAllocationTable_EditedInTwoContexts_OneSaved_TheOtherToldWhat_ThenItsValueSavedAgain()
    {
        await new AllocationEditor(Server.Db.Store, "50").CreateAsync(2568, 1000, AllocationWeight.Area, "head");
        var niran = await PlannerAsync("niran");
        var ploy = await PlannerAsync("ploy");

        await DoneAsync(niran, () => SetAsync(niran, PlannerServer.MaeChaem, "250"));
        await SetAsync(ploy, "5001", "100");
        await ploy.WaitForSelectorAsync("#planner-conflict:not([hidden]) #planner-conflict-reload");

        var shown = await ploy.InnerTextAsync("#planner-conflict");
        Assert.Contains("niran", shown, StringComparison.Ordinal);
        Assert.Contains("→ 250 locked", shown, StringComparison.Ordinal);
        Assert.Equal("5003=250L", await LockedAsync());

        await ploy.ClickAsync("#planner-conflict-reload");
        await ploy.WaitForSelectorAsync("#planner-conflict-retry");
        var mueang = ploy.Locator("#planner-allocation tr[data-code='5001'] input.planner-allocated");
        Assert.Equal("100", await mueang.InputValueAsync());
        Assert.Contains("planner-unsaved", await mueang.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Equal("250", await ploy.Locator("#planner-allocation tr[data-code='5003'] input.planner-allocated").InputValueAsync());
        await DoneAsync(ploy, () => ploy.ClickAsync("#planner-conflict-retry"));

        Assert.Equal("5001=100L,5003=250L", await LockedAsync());
        Assert.Equal(1000L, await Server.Db.ScalarAsync<long>("SELECT sum(allocation_rai) FROM district_allocation WHERE year = 2568"));
    }

    private Task<string> LockedAsync() => Server.Db.ScalarAsync<string>("""
        SELECT string_agg(district_code || '=' || allocation_rai || 'L', ',' ORDER BY district_code)
        FROM district_allocation WHERE year = 2568 AND locked
        """);

    /// <summary>A page of its own browser context (its own session), signed in as the account, in planner mode on 2568.</summary>
    private async Task<IPage> PlannerAsync(string account)
    {
        var page = await SignInAsync(account);
        await page.ClickAsync("#planner-toggle");
        await page.WaitForSelectorAsync("#planner-pane[data-loaded='1']");
        await page.EvalOnSelectorAsync("#planner-year", "e => { e.value = '2568'; e.dispatchEvent(new Event('change')); }");
        await page.WaitForSelectorAsync("#planner-pane[data-loaded='2']");
        return page;
    }

    /// <summary>Clicks inside the stored G1 plot (98.30..98.31 E, 18.60..18.61 N) so the page edits it.</summary>
    private static async Task PickAreaAsync(IPage page)
    {
        await page.EvaluateAsync("() => window.gisPlanner.centre(98.35, 18.605, 13)");
        var box = await page.Locator("#map").BoundingBoxAsync() ?? throw new InvalidOperationException("#map not shown");
        var pixel = await page.EvaluateAsync<double[]>("() => window.gisPlanner.pixelOf(98.305, 18.605)");
        await page.Mouse.ClickAsync((float)(box.X + pixel[0]), (float)(box.Y + pixel[1]));
        await page.WaitForSelectorAsync("#planner-delete");
    }

    private static async Task SetAsync(IPage page, string district, string rai)
    {
        var input = page.Locator($"#planner-allocation tr[data-code='{district}'] input.planner-allocated");
        await input.FillAsync(rai);
        await input.PressAsync("Tab");
    }

    /// <summary>Runs an action and waits for the pane's "saved" (or an error, which fails the test).</summary>
    private static async Task DoneAsync(IPage page, Func<Task> action)
    {
        // The refusal before left the message marked as an error: clear both, so only this action's outcome counts.
        await page.EvaluateAsync("() => { const m = document.querySelector('#planner-message'); m.textContent = ''; m.className = ''; }");
        await action();
        await page.WaitForFunctionAsync("() => document.querySelector('#planner-message').textContent === 'บันทึกแล้ว'"
            + " || document.querySelector('#planner-message').className === 'error'");
        Assert.True(await page.GetAttributeAsync("#planner-message", "class") == "ok", await page.InnerTextAsync("#planner-message"));
    }

    private static Task DesktopFixtureShot(IPage page, string name) => Web.DesktopFixture.ScreenshotAsync(page, name);
}
