using Gis.Desktop.Tests.Web;
using Microsoft.Playwright;

namespace Gis.Desktop.Tests.Accounts;

/// <summary>A browser test class over its own <see cref="AccountServer"/> and Debian's Chromium, started per test.</summary>
public abstract class AccountBrowserTest : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    protected AccountServer Server { get; private set; } = null!;

    protected IBrowser Browser { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Server = await AccountServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public virtual async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>
    /// A new browser context (its own cookies) signed in as <paramref name="name"/> through the form, the workstation
    /// loaded in <paramref name="language"/> (th or en).
    /// </summary>
    protected async Task<IPage> SignInAsync(string name, string language = "th")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "th-TH",
            ViewportSize = new ViewportSize { Width = 1400, Height = 850 },
        });
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync($"localStorage.setItem('gis.lang', '{language}')");
        await page.GotoAsync(Server.Address.ToString());
        Assert.EndsWith("/signin", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", AccountServer.Password);
        await page.ClickAsync("#signin-submit");
        await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true' || document.body.dataset.ready === 'error'");
        Assert.Equal("true", await page.EvaluateAsync<string>("() => document.body.dataset.ready"));
        return page;
    }
}
