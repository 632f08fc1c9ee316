using System.Net;
using System.Net.Http.Json;
using Gis.Desktop.Api;
using Gis.Desktop.Tests.Web;
using Gis.TestSupport;
using Microsoft.Playwright;

namespace Gis.Desktop.Tests.Accounts;

/// <summary>
/// The admin's accounts page in Debian's Chromium (ADR 0042): add, set a role, disable, reset a password, each seen in
/// <c>app_user</c>; the last admin cannot demote or disable herself; anyone below admin is refused by the server.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
[Trait(Needs.Trait, Needs.Browser)]
public sealed class UsersPageTests : AccountBrowserTest
{
    private const string NewPassword = "ใหม่ new password 2569";

    [Fact]
    public async Task Admin_AddsSetsRoleDisablesResets_LastAdminKept()
    {
        var page = await SignInAsync("anong", "en");
        await page.ClickAsync("#users-open");
        await page.WaitForSelectorAsync("#users-list[data-loaded='1']");
        Assert.Equal(AccountServer.People.Length, await page.Locator("#users-list tr[data-name]").CountAsync());

        await DoneAsync(page, 2, async () =>
        {
            await page.FillAsync("#users-new-name", "Wichai");
            await page.FillAsync("#users-new-display", "วิชัย");
            await page.SelectOptionAsync("#users-new-role", "officer");
            await page.FillAsync("#users-new-password", NewPassword);
            await page.ClickAsync("#users-new-submit");
        });
        Assert.Equal("officer วิชัย",
            await Server.Db.ScalarAsync<string>("SELECT role || ' ' || display_name FROM app_user WHERE name = 'wichai'"));
        await DoneAsync(page, 3, () => page.SelectOptionAsync("#users-list tr[data-name='somchai'] .users-role", "planner"));
        await DoneAsync(page, 4, () => page.ClickAsync("#users-list tr[data-name='malee'] .users-disable"));
        Assert.Equal("disabled", await page.InnerTextAsync("#users-list tr[data-name='malee'] .users-state"));
        await DoneAsync(page, 5, async () =>
        {
            await page.FillAsync("#users-list tr[data-name='ploy'] .users-password", NewPassword);
            await page.ClickAsync("#users-list tr[data-name='ploy'] .users-set-password");
        });
        Assert.Equal("planner,planner,true", await Server.Db.ScalarAsync<string>(
            "SELECT concat_ws(',', (SELECT role FROM app_user WHERE name = 'somchai'), (SELECT role FROM app_user WHERE name = 'ploy'), " +
            "(SELECT disabled::text FROM app_user WHERE name = 'malee'))"));
        Assert.True(AccountPasswords.Verify(await Server.Db.ScalarAsync<string>("SELECT password_hash FROM app_user WHERE name = 'ploy'"),
            NewPassword));
        await DesktopFixture.ScreenshotAsync(page, "users-admin");

        // The only admin cannot take away her own role, nor disable herself: the page shows the server's refusal.
        await DoneAsync(page, 6, () => page.SelectOptionAsync("#users-list tr[data-name='anong'] .users-role", "planner"), "error");
        Assert.Contains("last admin", await page.InnerTextAsync("#users-message"), StringComparison.Ordinal);
        await DoneAsync(page, 7, () => page.ClickAsync("#users-list tr[data-name='anong'] .users-disable"), "error");
        Assert.Equal("admin false",
            await Server.Db.ScalarAsync<string>("SELECT role || ' ' || disabled::text FROM app_user WHERE name = 'anong'"));
        // The list was read again: her row shows the stored role, not the one picked.
        Assert.Equal("admin", await page.InputValueAsync("#users-list tr[data-name='anong'] .users-role"));

        // What was set works: the new account and the new password sign in, the disabled account does not.
        Assert.Equal(HttpStatusCode.Redirect, (await AccountServer.SignInAsync(Server.Client(), "wichai", NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountServer.SignInAsync(Server.Client(), "ploy", NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await AccountServer.SignInAsync(Server.Client(), "malee", AccountServer.Password)).StatusCode);
    }

    [Fact]
    public async Task BelowAdmin_EveryAccountsRequest403_NothingChanged()
    {
        using var niran = await Server.SignedInAsync("niran");

        Assert.Equal(HttpStatusCode.Forbidden, (await niran.GetAsync(new Uri("/api/users", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await niran.PostAsJsonAsync(new Uri("/api/users", UriKind.Relative),
            new { name = "mallory", role = "admin", password = NewPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await niran.PutAsJsonAsync(new Uri("/api/users/niran/role", UriKind.Relative),
            new { role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await niran.PutAsJsonAsync(new Uri("/api/users/anong/disabled", UriKind.Relative),
            new { disabled = true })).StatusCode);

        Assert.Equal("anong:admin:false,malee:officer:false,niran:planner:false,ploy:planner:false,somchai:viewer:false",
            await Server.Db.ScalarAsync<string>(
                "SELECT string_agg(name || ':' || role || ':' || disabled::text, ',' ORDER BY name) FROM app_user"));
    }

    /// <summary>Runs an action and waits for the list to be read again and the message to say ok (or the expected error).</summary>
    private static async Task DoneAsync(IPage page, int loaded, Func<Task> action, string expected = "ok")
    {
        await action();
        await page.WaitForSelectorAsync($"#users-list[data-loaded='{loaded}']");
        Assert.True(await page.GetAttributeAsync("#users-message", "class") == expected, await page.InnerTextAsync("#users-message"));
    }
}
