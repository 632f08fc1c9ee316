using Gis.Desktop.Tests.Web;
using Gis.TestSupport;
using Microsoft.Playwright;

namespace Gis.Desktop.Tests.Accounts;

/// <summary>
/// Three people of different roles sign in with the form in Debian's Chromium: each page offers only its role's part,
/// what the page does not offer is refused by the server too, and the history names who did what.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
[Trait(Needs.Trait, Needs.Browser)]
public sealed class AccountsBrowserTests : AccountBrowserTest
{
    [Fact]
    public async Task ThreeRoles_EachSeesAndDoesItsPart_HistoryNamesThePlanner()
    {
        var viewer = await SignInAsync("somchai");
        var officer = await SignInAsync("malee");
        var planner = await SignInAsync("niran");

        // The page shows who is signed in, and offers planner mode only to the planner.
        Assert.Equal("สมชาย ผู้ดู", await viewer.InnerTextAsync("#account"));
        Assert.Equal(0, await viewer.Locator("#planner-toggle").CountAsync());
        Assert.Equal(0, await officer.Locator("#planner-toggle").CountAsync());
        Assert.Equal(1, await planner.Locator("#planner-toggle").CountAsync());
        // Exports are everyone's: the viewer's page makes a PNG.
        Assert.Equal(200, await viewer.EvaluateAsync<int>("""
            async () => { try { return (await gis.api.send('/api/export', { format: 'png', period: gis.state.period, language: 'th' },
                { raw: true })).status; } catch (e) { return e.status; } }
            """));

        // What the page hides, sent anyway from the page with its anti-forgery token: the server refuses it.
        const string Allocate = """
            async () => { try { await gis.api.send('/api/planner/allocation', { year: 2568, target_rai: 1000 }); return 200; }
                          catch (e) { return e.status; } }
            """;
        Assert.Equal(403, await viewer.EvaluateAsync<int>(Allocate));
        Assert.Equal(403, await officer.EvaluateAsync<int>(Allocate));
        Assert.Equal(0, await Server.Db.ScalarAsync<long>("SELECT count(*) FROM planner_change"));

        Assert.Equal(200, await planner.EvaluateAsync<int>(Allocate));
        Assert.Equal("niran", await Server.Db.ScalarAsync<string>("SELECT changed_by FROM planner_change"));

        // The history in planner mode names the account; there is no name field to fill in.
        await planner.ClickAsync("#planner-toggle");
        await planner.EvalOnSelectorAsync("#planner-year", "e => { e.value = '2568'; e.dispatchEvent(new Event('change')); }");
        await planner.WaitForSelectorAsync("#planner-history strong");
        Assert.Equal("niran", await planner.InnerTextAsync("#planner-history strong"));
        Assert.Equal(0, await planner.Locator("#planner-user").CountAsync());
        await DesktopFixture.ScreenshotAsync(planner, "accounts-planner");

        // Signing out goes back to the form, and the session is gone.
        // Waiting from before the click: the form may already be loaded when a wait begun after it starts.
        var signedOut = viewer.WaitForURLAsync("**/signin");
        await viewer.ClickAsync("#signout");
        await signedOut;
        var response = await viewer.GotoAsync(Server.Address.ToString());
        Assert.EndsWith("/signin", response!.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_FormSaysSoInBothLanguages()
    {
        var page = await (await Browser.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(Server.Address.ToString());
        Assert.EndsWith("/signin", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#name", "niran");
        await page.FillAsync("#password", "not the password");
        await page.ClickAsync("#signin-submit");
        var message = await page.InnerTextAsync("#signin-error");
        Assert.Contains("ชื่อบัญชีหรือรหัสผ่านไม่ถูกต้อง", message, StringComparison.Ordinal);
        Assert.Contains("Wrong account name or password.", message, StringComparison.Ordinal);
        // The name stays filled in, the password does not.
        Assert.Equal("niran", await page.InputValueAsync("#name"));
        Assert.Equal("", await page.InputValueAsync("#password"));
    }
}
