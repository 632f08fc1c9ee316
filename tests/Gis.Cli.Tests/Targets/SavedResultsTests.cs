using System.Text.Json;
using Gis.Cli.Tests.Qgis;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;
using Npgsql;

namespace Gis.Cli.Tests.Targets;

/// <summary>
/// Computing never writes (ADR 0014): tables, maps and reports read the target numbers, and only <c>gis targets ... --save</c>
/// keeps a result, as a new run with its parameters (ADR 0016), in <c>hotspot_target_result</c> / <c>green_target_result</c>
/// for QGIS.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class SavedResultsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saved-results-").FullName;
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        await SampleStore.ImportAsync(_db.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task MapReportAndTable_WriteNoResult_SaveStoresTheTableItShows()
    {
        await Ok("map", "--theme", "reduction", "--period", "season:2569", "--out", Path.Combine(_dir, "reduction.png"));
        await Ok("map", "--theme", "green", "--period", "season:2569", "--green-from", "2565", "--green-to", "2566",
            "--out", Path.Combine(_dir, "green.png"));
        await Ok("report", "--period", "season:2569", "--green-from", "2565", "--green-to", "2566", "--out", Path.Combine(_dir, "r.pdf"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_target_result"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM green_target_result"));

        await Ok("targets", "hotspots", "--period", "season:2569", "--format", "csv");
        await Ok("targets", "green", "--from", "2565", "--to", "2566", "--format", "csv");
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_target_result"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM green_target_result"));

        await Ok("targets", "hotspots", "--period", "season:2569", "--format", "csv", "--save");
        await Ok("targets", "green", "--from", "2565", "--to", "2566", "--format", "csv", "--save");
        // One row per district of the sample province (25), the verdicts of the table just printed.
        Assert.Equal(25L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_target_result"));
        Assert.Equal(25L, await _db.ScalarAsync<long>("SELECT count(*) FROM green_target_result"));
        Assert.Equal(await _db.ScalarAsync<long>("""
            SELECT count(*) FROM hotspot_counted
            WHERE local_day BETWEEN '2026-01-01' AND '2026-05-31' AND instrument = 'VIIRS' AND left(district_code, 2) = '50'
            """), await _db.ScalarAsync<long>("SELECT sum(count)::bigint FROM hotspot_target_map WHERE period = 'season:2569'"));
    }

    [Fact]
    public async Task TwoRunsWithOtherInstruments_BothRemainWithTheirParameters()
    {
        var (_, viirsOut, viirsNote) = await Ok("targets", "hotspots", "--period", "season:2569", "--save", "--format", "json");
        await Ok("targets", "hotspots", "--period", "season:2569", "--instrument", "MODIS", "--satellite", "Terra", "--save");
        await Ok("targets", "hotspots", "--period", "season:2569", "--save");

        Assert.StartsWith("{", viirsOut.TrimStart(), StringComparison.Ordinal); // the note goes to standard error, the JSON stays valid
        Assert.Contains("Saved as run 1 ", viirsNote, StringComparison.Ordinal);
        Assert.Equal("1:VIIRS::25|2:MODIS:Terra:25|3:VIIRS::25", await _db.ScalarAsync<string>("""
            SELECT string_agg(concat_ws(':', t.id, t.instrument, coalesce(t.satellites, ''),
                   (SELECT count(*) FROM hotspot_target_result r WHERE r.run_id = t.id)), '|' ORDER BY t.id)
            FROM target_run t WHERE t.period = 'season:2569' AND t.baseline = 'season:2568' AND t.count_mode = 'detections'
            """));
        // The VIIRS run counts what an independent query counts; the MODIS run (no MODIS in the sample) counts nothing.
        var viirs = await _db.ScalarAsync<long>("""
            SELECT count(*) FROM hotspot_counted
            WHERE local_day BETWEEN '2026-01-01' AND '2026-05-31' AND instrument = 'VIIRS' AND left(district_code, 2) = '50'
            """);
        Assert.True(viirs > 0);
        Assert.Equal($"{viirs}|0|{viirs}", await _db.ScalarAsync<string>("""
            SELECT string_agg(s::text, '|' ORDER BY run_id)
            FROM (SELECT run_id, sum(count) AS s FROM hotspot_target_map WHERE period = 'season:2569' GROUP BY run_id) x
            """));
    }

    [Fact]
    public async Task QgisOpensEveryMapView_WithoutBeingToldAKey()
    {
        await Ok("targets", "hotspots", "--period", "season:2569", "--save");
        await Ok("targets", "hotspots", "--period", "season:2569", "--instrument", "MODIS", "--save");
        await Ok("targets", "green", "--from", "2565", "--to", "2566", "--save");
        await Ok("allocate", "--year", "2568", "--weight", "area");
        string[] views = ["hotspot_target_map", "green_target_map", "district_allocation_map"];

        using var result = JsonDocument.Parse(await OpenInQgisAsync(views));
        // 25 districts: two hotspot runs, one green run, one allocation.
        foreach (var (view, features) in views.Zip([50, 25, 25]))
        {
            var layer = result.RootElement.GetProperty(view);
            Assert.True(layer.GetProperty("valid").GetBoolean(), $"{view}: {result.RootElement.GetProperty("log")}");
            Assert.Equal("id", layer.GetProperty("key").GetString());
            Assert.Matches("^int[48]$", layer.GetProperty("key_type").GetString());
            Assert.Equal(features, layer.GetProperty("features").GetInt32());
            Assert.Equal(features, layer.GetProperty("distinct_ids").GetInt32());
            Assert.Equal(features, layer.GetProperty("with_geometry").GetInt32());
            Assert.True(layer.GetProperty("ids_are_keys").GetBoolean(), view);
        }
        var fields = result.RootElement.GetProperty("hotspot_target_map").GetProperty("fields").EnumerateArray().Select(f => f.GetString());
        Assert.Superset(new HashSet<string?> { "run_id", "period", "baseline", "count_mode", "instrument", "satellites", "saved_at" },
            fields.ToHashSet());
    }

    /// <summary>Runs <c>Qgis/open_views.py</c> with Debian's python3-qgis, headless, and returns its JSON.</summary>
    private Task<string> OpenInQgisAsync(string[] views)
    {
        var connection = new NpgsqlConnectionStringBuilder(_db.ConnectionString);
        return PyQgis.RunAsync("open_views.py", views, new Dictionary<string, string?>
        {
            ["PGHOST"] = connection.Host,
            ["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGDATABASE"] = connection.Database,
            ["PGUSER"] = connection.Username,
            ["PGPASSWORD"] = connection.Password,
        });
    }

    private async Task<(int Exit, string Output, string Error)> Ok(params string[] args)
    {
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, args);
        Assert.True(exit == 0, $"gis {string.Join(' ', args)}: {error}");
        return (exit, output, error);
    }
}
