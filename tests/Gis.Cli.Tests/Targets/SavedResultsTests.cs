using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Targets;

/// <summary>
/// Computing never writes (ADR 0014): maps and reports read the target numbers, and only <c>gis targets</c>, the command
/// that shows the table, keeps it in <c>hotspot_target_result</c> / <c>green_target_result</c> for QGIS.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class SavedResultsTests : IAsyncLifetime
{
    private static readonly string SampleData = Path.Combine(SharedData.RepoRoot, "sample-data");
    private readonly string _dir = Directory.CreateTempSubdirectory("saved-results-").FullName;
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        await Ok("import", "boundaries", Path.Combine(SampleData, "boundaries", "chiang-mai-districts.geojson"));
        await Ok("import", "firms", Path.Combine(SampleData, "firms", "viirs-snpp-2025.csv"),
            Path.Combine(SampleData, "firms", "viirs-snpp-2026.csv"));
        await Ok("import", "landuse", Path.Combine(SampleData, "landuse", "landuse-2565.geojson"), "--snapshot", "2565");
        await Ok("import", "landuse", Path.Combine(SampleData, "landuse", "landuse-2566.geojson"), "--snapshot", "2566");
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task MapAndReport_WriteNoResult_TargetsSavesTheTableItShows()
    {
        await Ok("map", "--theme", "reduction", "--period", "season:2569", "--out", Path.Combine(_dir, "reduction.png"));
        await Ok("map", "--theme", "green", "--period", "season:2569", "--green-from", "2565", "--green-to", "2566",
            "--out", Path.Combine(_dir, "green.png"));
        await Ok("report", "--period", "season:2569", "--green-from", "2565", "--green-to", "2566", "--out", Path.Combine(_dir, "r.pdf"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_target_result"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM green_target_result"));

        await Ok("targets", "hotspots", "--period", "season:2569", "--format", "csv");
        await Ok("targets", "green", "--from", "2565", "--to", "2566", "--format", "csv");
        // One row per district of the sample province (25), the verdicts of the table just printed.
        Assert.Equal(25L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_target_result"));
        Assert.Equal(25L, await _db.ScalarAsync<long>("SELECT count(*) FROM green_target_result"));
        Assert.Equal(await _db.ScalarAsync<long>("""
            SELECT count(*) FROM hotspot_counted
            WHERE local_day BETWEEN '2026-01-01' AND '2026-05-31' AND instrument = 'VIIRS' AND left(district_code, 2) = '50'
            """), await _db.ScalarAsync<long>("SELECT sum(count)::bigint FROM hotspot_target_result WHERE period = 'season:2569'"));
    }

    private async Task Ok(params string[] args)
    {
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, args);
        Assert.True(exit == 0, $"gis {string.Join(' ', args)}: {error}");
    }
}
