using Microsoft.Playwright;

namespace Gis.Desktop.Tests.Web;

/// <summary>Debian's Chromium as every browser test starts it: Playwright downloads no browser on this machine.</summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static readonly string[] Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>A headless browser whose contexts each keep their own cookies and storage.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Args });
}
