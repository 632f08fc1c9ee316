using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Gis.Desktop.Tests.Web;
using Gis.TestSupport;
using Microsoft.Playwright;

namespace Gis.Desktop.Tests.Accounts;

/// <summary>
/// Three people of different roles sign in with the form in Debian's Chromium: each page offers only its role's part,
/// what the page does not offer is refused by the server too, and the history names who did what. The officer draws an
/// alert rule's area on the map, adds, tests and removes the rule; the viewer's requests for it are refused.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
[Trait(Needs.Trait, Needs.Browser)]
public sealed class AccountsBrowserTests : AccountBrowserTest
{
    private static readonly string[] Someone = ["x@example.org"];

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

    // Rules in force: a removed rule is kept, restorable (ADR 0040).
    private Task<long> RulesAsync() => Server.Db.ScalarAsync<long>("SELECT count(*) FROM alert_rule WHERE removed_at IS NULL");

    [Fact]
    public async Task Officer_AddsARuleByDrawing_ViewerGets403_RuleCountUnchanged()
    {
        var officer = await SignInAsync("malee");
        await officer.ClickAsync("#alerts-toggle");
        await officer.WaitForSelectorAsync("#alerts-pane[data-loaded='1']");
        Assert.Equal("ยังไม่มีกฎ", await officer.InnerTextAsync("#alerts-rules p"));
        await officer.FillAsync("#alerts-name", "ดอยเต่า <b>ป่า</b>");
        await officer.SelectOptionAsync("#alerts-area", "drawn");

        // The pane covers the map's left: centre west of the square so that it is drawn on the right.
        await officer.EvaluateAsync("""
            () => new Promise((resolve) => {
              gis.map.once('rendercomplete', () => resolve());
              gis.map.getView().setCenter(gis.toMap([98.31, 18.58]));
              gis.map.getView().setZoom(13);
            })
            """);
        await officer.ClickAsync("#alerts-draw");
        var box = await officer.Locator("#map").BoundingBoxAsync() ?? throw new InvalidOperationException("#map not shown");
        (double Lon, double Lat)[] corners = [(98.34, 18.565), (98.37, 18.565), (98.37, 18.59), (98.34, 18.59), (98.34, 18.565)];
        foreach (var (lon, lat) in corners)
        {
            var pixel = await officer.EvaluateAsync<double[]>(string.Create(CultureInfo.InvariantCulture,
                $"() => gis.map.getPixelFromCoordinate(gis.toMap([{lon}, {lat}]))"));
            await officer.Mouse.ClickAsync((float)(box.X + pixel[0]), (float)(box.Y + pixel[1]));
        }
        await officer.WaitForFunctionAsync("() => document.querySelector('#alerts-message').textContent === 'วาดพื้นที่แล้ว'");
        await officer.FillAsync("#alerts-buffer", "2000");
        await officer.SelectOptionAsync("#alerts-confidence", "n");
        await officer.FillAsync("#alerts-emails", "ranger@example.org, chief@example.org");
        await officer.SelectOptionAsync("#alerts-language", "en");
        await DesktopFixture.ScreenshotAsync(officer, "alerts-1-drawn");
        await officer.ClickAsync("#alerts-add");
        await officer.WaitForFunctionAsync("() => document.querySelector('#alerts-message').textContent === 'เพิ่มกฎแล้ว'"
            + " || document.querySelector('#alerts-message').className === 'error'");

        Assert.True(await officer.GetAttributeAsync("#alerts-message", "class") == "ok", await officer.InnerTextAsync("#alerts-message"));
        Assert.Equal(1, await RulesAsync());
        // Independent: the stored rule as a plain query reads it, its polygon where the clicks put it.
        Assert.Equal("ดอยเต่า <b>ป่า</b>|2000|n|ranger@example.org,chief@example.org|en|new-detections",
            await Server.Db.ScalarAsync<string>("SELECT name || '|' || buffer_m || '|' || min_confidence || '|'"
            + " || array_to_string(emails, ',') || '|' || language"
            + " || '|' || trigger FROM alert_rule"));
        Assert.Equal("98.340 18.565 98.370 18.590", await Server.Db.ScalarAsync<string>("""
            SELECT round(ST_XMin(drawn)::numeric, 3) || ' ' || round(ST_YMin(drawn)::numeric, 3)
                || ' ' || round(ST_XMax(drawn)::numeric, 3) || ' ' || round(ST_YMax(drawn)::numeric, 3) FROM alert_rule
            """));
        // Listed as text (the name's markup is not markup), with what it watches and whom it tells.
        var listed = await officer.InnerTextAsync("#alerts-rules li");
        Assert.Contains("ดอยเต่า <b>ป่า</b>", listed, StringComparison.Ordinal);
        Assert.Contains("drawn polygon · + 2,000 m", listed, StringComparison.Ordinal);
        Assert.Contains("ranger@example.org, chief@example.org", listed, StringComparison.Ordinal);
        Assert.Equal(0, await officer.Locator("#alerts-rules b").CountAsync());

        // A test writes nothing; the store holds no detection, so there is nothing to tell.
        await officer.ClickAsync("#alerts-rules li button.alerts-test");
        await officer.WaitForFunctionAsync("() => document.querySelector('#alerts-test').dataset.rule"
            + " || document.querySelector('#alerts-message').className === 'error'");
        Assert.True(await officer.GetAttributeAsync("#alerts-message", "class") != "error",
            await officer.InnerTextAsync("#alerts-message"));
        Assert.Contains("ขณะนี้ไม่มีจุดความร้อนใหม่ที่กฎนี้จะแจ้ง", await officer.InnerTextAsync("#alerts-test"),
            StringComparison.Ordinal);
        // In English too.
        await officer.ClickAsync("#lang");
        Assert.Equal("Close alerts", await officer.InnerTextAsync("#alerts-toggle"));
        Assert.Equal("Add rule", await officer.InnerTextAsync("#alerts-add"));
        await DesktopFixture.ScreenshotAsync(officer, "alerts-2-added");

        // The viewer's page offers no alerts; the requests sent anyway are refused and change nothing.
        var viewer = await SignInAsync("somchai");
        Assert.Equal(0, await viewer.Locator("#alerts-toggle").CountAsync());
        using var somchai = await Server.SignedInAsync("somchai");
        var rules = new Uri("/api/alerts/rules", UriKind.Relative);
        var viewerRule = new { name = "viewer-rule", district = "5003", emails = Someone };
        using (var add = await somchai.PostAsJsonAsync(rules, viewerRule))
            Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        using (var list = await somchai.GetAsync(rules))
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        var id = await Server.Db.ScalarAsync<long>("SELECT id FROM alert_rule");
        using (var test = await somchai.GetAsync(new Uri($"/api/alerts/rules/{id}/test", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.Forbidden, test.StatusCode);
        using (var remove = await somchai.DeleteAsync(new Uri($"/api/alerts/rules/{id}", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.Forbidden, remove.StatusCode);
        Assert.Equal(1, await RulesAsync());

        // The officer removes it from the page, after saying yes.
        officer.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await officer.ClickAsync("#alerts-rules li button.alerts-remove");
        await officer.WaitForFunctionAsync("() => document.querySelector('#alerts-message').textContent.startsWith('Rule removed')"
            + " || document.querySelector('#alerts-message').className === 'error'");
        // It says what it kept and the way back; the rule is kept, out of force.
        Assert.Equal("Rule removed; its 0 messages not yet sent are held: gis alerts restore ดอยเต่า <b>ป่า</b> brings them back",
            await officer.TextContentAsync("#alerts-message"));
        Assert.Equal(0, await RulesAsync());
        Assert.Equal(1L, await Server.Db.ScalarAsync<long>("SELECT count(*) FROM alert_rule WHERE removed_at IS NOT NULL"));
    }

    [Fact]
    public async Task Api_BadRuleRefusedWithTheField_NothingStored()
    {
        using var malee = await Server.SignedInAsync("malee");
        var rules = new Uri("/api/alerts/rules", UriKind.Relative);
        foreach (var (body, says) in new (object Body, string Says)[]
                 {
                     (new { name = "a", district = "5003", emails = new[] { "not-an-address" } },
                         "emails not-an-address: not an e-mail address"),
                     (new { name = "b", district = "5003" }, "Give emails, webhook or both"),
                     (new { name = "c", district = "5003", province = "50", emails = Someone }, "exactly one area"),
                     (new { name = "d", district = "5003", buffer_m = -1, emails = Someone }, "buffer_m: 0 to 100000"),
                     (new { name = "e", district = "5003", webhook = "ftp://x" }, "webhook ftp://x: expected an http(s) URL"),
                     (new
                     {
                         name = "f",
                         polygon = new { type = "LineString", coordinates = new[] { new[] { 98.3, 18.5 }, new[] { 98.4, 18.6 } } },
                         emails = Someone,
                     }, "polygon: expected one valid POLYGON"),
                 })
        {
            using var refused = await malee.PostAsJsonAsync(rules, body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(says, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // A district that is not stored, and a name taken: the store refuses (409), as 'gis alerts add' does.
        using (var unknown = await malee.PostAsJsonAsync(rules, new { name = "g", district = "9999", emails = Someone }))
            Assert.Equal(HttpStatusCode.Conflict, unknown.StatusCode);
        Assert.Equal(0, await RulesAsync());
        using (var added = await malee.PostAsJsonAsync(rules, new { name = "h", province = "50", emails = Someone }))
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        using (var twice = await malee.PostAsJsonAsync(rules, new { name = "h", province = "50", emails = Someone }))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(1, await RulesAsync());
        // Its test reads only: no detection stored, nothing to tell.
        var id = await Server.Db.ScalarAsync<long>("SELECT id FROM alert_rule");
        using var test = await malee.GetAsync(new Uri($"/api/alerts/rules/{id}/test?map=true", UriKind.Relative));
        Assert.True(test.StatusCode == HttpStatusCode.OK, await test.Content.ReadAsStringAsync());
        Assert.Contains("\"count\":0", await test.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
