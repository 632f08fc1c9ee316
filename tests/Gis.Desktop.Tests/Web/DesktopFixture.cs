using Gis.Importers.Boundaries;
using Gis.Importers.Firms;
using Gis.Importers.LandUse;
using Gis.Importers.Projects;
using Gis.Importers.Queries.Projects;
using Gis.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gis.Desktop.Tests.Web;

/// <summary>
/// One throwaway PostGIS database with real data, one workstation host on a free loopback port, and one Debian
/// Chromium driven by Playwright, shared by every browser test (they are slow to start, cheap to reuse).
/// Data: the Chiang Mai districts of HDX/ThaiLocate, the real NOAA-20 detections of 2026 (season 2569), a baseline
/// season 2568 made from them (dates moved one year back, every fourth line dropped), the forest-fire fund's
/// fuel-management areas, and the two land-use snapshots of sample-data/ (2565, 2566).
/// </summary>
public sealed class DesktopFixture : IAsyncLifetime
{
    public const string Season = "season:2569";

    private string _baselineDir = null!;
    private string _userData = null!;
    private IPlaywright _playwright = null!;

    public TestDatabase Db { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public IBrowserContext Browser { get; private set; } = null!;

    public static string Screenshots { get; } = Path.Combine(SharedData.RepoRoot, "artifacts", "test-results", "screenshots");

    public async Task InitializeAsync()
    {
        Db = await PostGis.NewDatabaseAsync();
        var boundaries = BoundaryReader.Read(SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson"));
        await new BoundaryImporter(Db.Store).ReplaceAsync(boundaries.Areas, "chiangmai_amphoe_TH50.geojson");
        var snapshots = SharedData.PathOf("firms", "viirs-noaa20-nrt-2026");
        _baselineDir = BaselineFirms.MakeFrom(snapshots);
        // Real project areas: the forest-fire fund's fuel-management areas of 20 villages.
        var fuel = SharedData.PathOf("plans", "fire-fund-cnx", "Fuel_Manage_20vills.geojson");
        var projects = ProjectReader.Read(fuel,
            new ProjectReadOptions(Districts: await new ProjectQueries(Db.Store).DistrictNamesAsync("50")));
        await new ProjectImporter(Db.Store).ReplaceAsync(projects, fuel);
        // Two land-use snapshots of the project's sample data (around the city), so the green target has numbers.
        foreach (var year in new[] { 2565, 2566 })
        {
            using var landUse = LandUseReader.Open(Path.Combine(SharedData.RepoRoot, "sample-data", "landuse", $"landuse-{year}.geojson"),
                LandUseMappingFile.Default);
            await new LandUseImporter(Db.Store).ImportAsync(landUse, year);
        }
        var importer = new FirmsImporter(Db.Store);
        foreach (var input in FirmsInput.Expand([snapshots, _baselineDir]))
            await importer.ImportAsync(input, strict: false);

        App = DesktopHost.Build(Db.Store, 0);
        await App.StartAsync();
        Address = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        Directory.CreateDirectory(Screenshots);
        _userData = Directory.CreateTempSubdirectory("gis-chromium-").FullName;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchPersistentContextAsync(_userData, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Args,
            ViewportSize = new ViewportSize { Width = 1400, Height = 850 },
            DeviceScaleFactor = 1,
            Locale = "th-TH",
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Db.DisposeAsync();
        Directory.Delete(_baselineDir, recursive: true);
        Directory.Delete(_userData, recursive: true);
    }

    /// <summary>A new page on the workstation, Thai interface, loaded and drawn (districts, numbers, first tiles).</summary>
    public async Task<IPage> OpenAsync()
    {
        var page = await Browser.NewPageAsync();
        await page.AddInitScriptAsync("if (!sessionStorage.getItem('gis.test')) "
            + "{ localStorage.clear(); sessionStorage.setItem('gis.test', '1'); }");
        await page.GotoAsync(Address.ToString());
        await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true' || document.body.dataset.ready === 'error'");
        Assert.Equal("true", await page.EvaluateAsync<string>("() => document.body.dataset.ready"));
        await RenderedAsync(page);
        return page;
    }

    /// <summary>Waits until the map has drawn everything it has (tiles included) after a change.</summary>
    public static Task RenderedAsync(IPage page) =>
        page.EvaluateAsync("() => new Promise(resolve => { gis.map.once('rendercomplete', () => resolve(true)); gis.map.render(); })");

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png") });
}

[CollectionDefinition(Name)]
public sealed class DesktopGroup : ICollectionFixture<DesktopFixture>
{
    public const string Name = "desktop";
}
