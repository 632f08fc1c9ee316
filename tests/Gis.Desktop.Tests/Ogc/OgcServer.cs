using System.Diagnostics;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Importers.Boundaries;
using Gis.Importers.Firms;
using Gis.Importers.LandUse;
using Gis.Importers.Projects;
using Gis.Importers.Queries.Projects;
using Gis.Importers.Targets;
using Gis.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gis.Desktop.Tests.Ogc;

/// <summary>
/// A fresh database with the project's sample data (Chiang Mai province and districts, the VIIRS S-NPP detections of
/// 2025 and 2026, the plan projects and their areas, two land-use snapshots), two saved hotspot runs and a green run,
/// an allocation, and the workstation on a free loopback port; shared by the OGC API tests.
/// </summary>
public sealed class OgcServer : IAsyncLifetime
{
    private static readonly string SampleData = Path.Combine(SharedData.RepoRoot, "sample-data");

    public TestDatabase Db { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    /// <summary>The landing page, <c>http://127.0.0.1:PORT/ogc</c>.</summary>
    public string Landing { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The id of the later of the two saved hotspot runs (season 2568; the earlier one is season 2569).</summary>
    public long LatestHotspotRun { get; private set; }

    public async Task InitializeAsync()
    {
        Db = await PostGis.NewDatabaseAsync();
        foreach (var file in new[] { "chiang-mai-province.geojson", "chiang-mai-districts.geojson" })
        {
            var areas = BoundaryReader.Read(Path.Combine(SampleData, "boundaries", file)).Areas;
            await new BoundaryImporter(Db.Store).ReplaceAsync(areas, file);
        }
        var importer = new FirmsImporter(Db.Store);
        foreach (var input in FirmsInput.Expand([Path.Combine(SampleData, "firms", "viirs-snpp-2025.csv"),
                     Path.Combine(SampleData, "firms", "viirs-snpp-2026.csv")]))
            await importer.ImportAsync(input, strict: false);
        foreach (var file in new[] { "projects.csv", "project-areas.geojson" })
        {
            var path = Path.Combine(SampleData, "projects", file);
            await new ProjectImporter(Db.Store).ReplaceAsync(ProjectReader.Read(path,
                new ProjectReadOptions(Districts: await new ProjectQueries(Db.Store).DistrictNamesAsync("50"))), path);
        }
        foreach (var year in new[] { 2565, 2566 })
        {
            using var landUse = LandUseReader.Open(Path.Combine(SampleData, "landuse", $"landuse-{year}.geojson"),
                LandUseMappingFile.Default);
            await new LandUseImporter(Db.Store).ImportAsync(landUse, year);
        }
        await new AllocationService(Db.Store).AllocateAsync(2568, "50", 1000, AllocationWeight.Area, new Dictionary<string, int>(),
            "tester", replace: false);
        var hotspots = new HotspotTargetService(Db.Store);
        var request = new HotspotTargetRequest(Period.Parse("season:2569"), Baseline.Parse("previous"), "50", new HotspotFilter(),
            CountMode.Detections, new TargetSettings(), new DateOnly(2026, 12, 31));
        await hotspots.SaveAsync(request, await hotspots.ComputeAsync(request), "tester");
        var later = request with { Period = Period.Parse("season:2568") };
        LatestHotspotRun = await hotspots.SaveAsync(later, await hotspots.ComputeAsync(later), "tester");
        var green = new GreenTargetService(Db.Store);
        await green.SaveAsync(await green.ComputeAsync(2565, 2566, 2568, "50"), "50", "tester");

        App = DesktopHost.Build(Db.Store, 0);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Landing = address.TrimEnd('/') + "/ogc";
        Http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Db.DisposeAsync();
    }

    /// <summary>Runs a program (GDAL's ogrinfo/ogr2ogr, python3-qgis) and returns its standard output; fails the test on a
    /// non-zero exit.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments,
        IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', start.ArgumentList)}: exit {process.ExitCode}: {await error}");
        return await output;
    }
}
