using System.Globalization;
using System.Text.Json;
using Gis.TestSupport;

namespace Gis.Cli.Tests;

/// <summary>
/// The README's main job on sample-data/, through the real commands, checked against the counts the generator wrote
/// independently while it drew the points (sample-data/expected/hotspots-by-district.csv).
/// </summary>
public sealed class SampleDataTests : IAsyncLifetime
{
    private static readonly string SampleData = Path.Combine(SharedData.RepoRoot, "sample-data");
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostGis.NewDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Demo_Season2569_MatchesGeneratorCounts()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries", Path.Combine(SampleData, "boundaries", "chiang-mai-districts.geojson"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", Path.Combine(SampleData, "firms"))).ExitCode);

        var (exit, output, _) = await CliRunner.RunAsync(_db.ConnectionString, "hotspots", "--from", "2569-01-01", "--to", "2569-05-31", "--format", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var actual = json.RootElement.GetProperty("districts").EnumerateArray()
            .ToDictionary(d => d.GetProperty("code").GetString()!, d => d.GetProperty("count").GetInt64());
        actual["outside"] = json.RootElement.GetProperty("outside").GetInt64();

        // Both 2026 files (S-NPP and NOAA-20) hold season-2569 detections; different satellites are different records.
        var expected = File.ReadLines(Path.Combine(SampleData, "expected", "hotspots-by-district.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f[0].Contains("2026", StringComparison.Ordinal))
            .GroupBy(f => f[1])
            .ToDictionary(g => g.Key, g => g.Sum(f => long.Parse(f[3], CultureInfo.InvariantCulture)));
        foreach (var code in actual.Keys.Where(c => !expected.ContainsKey(c)))
            expected[code] = 0;
        Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
        Assert.Equal(25, actual.Count - 1);
    }

    [Fact]
    public async Task Allocate_AreaWeightWithLock_WholeRaiSummingToTargetAndStored()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries", Path.Combine(SampleData, "boundaries", "chiang-mai-districts.geojson"))).ExitCode);
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "allocate", "--year", "2569", "--weight", "area", "--lock", "5010=120", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var districts = json.RootElement.GetProperty("districts").EnumerateArray().ToDictionary(d => d.GetProperty("code").GetString()!, d => d.GetProperty("allocation_rai").GetInt32());
        Assert.Equal(1000, districts.Values.Sum());
        Assert.Equal(120, districts["5010"]);

        // Independent shares: PostGIS' ellipsoidal areas of the 24 free districts, 880 rai split pro rata.
        var areas = new Dictionary<string, double>();
        await using (var connection = await _db.Store.DataSource.OpenConnectionAsync())
        await using (var command = new Npgsql.NpgsqlCommand("SELECT code, ST_Area(geom::geography) FROM admin_area WHERE level = 4 AND code <> '5010'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                areas[reader.GetString(0)] = reader.GetDouble(1);
        }
        foreach (var (code, area) in areas)
            Assert.InRange(districts[code] - 880 * area / areas.Values.Sum(), -1, 1);
        Assert.Equal(1000L, await _db.ScalarAsync<long>("SELECT sum(allocation_rai) FROM district_allocation_map WHERE year = 2569"));
    }
}
