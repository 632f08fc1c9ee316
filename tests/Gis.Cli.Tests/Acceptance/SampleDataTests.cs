using System.Globalization;
using System.Text.Json;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Acceptance;

/// <summary>
/// The README's main job on sample-data/, through the real commands, checked against the counts the generator wrote
/// independently while it drew the points (sample-data/expected/hotspots-by-district.csv).
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class SampleDataTests : IAsyncLifetime
{
    private static readonly string SampleData = Path.Combine(SharedData.RepoRoot, "sample-data");
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostGis.NewDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Demo_Season2569_MatchesGeneratorCounts()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries", Path.Combine(SampleData, "boundaries",
            "chiang-mai-districts.geojson"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", Path.Combine(SampleData, "firms"))).ExitCode);

        var (exit, output, _) = await CliRunner.RunAsync(_db.ConnectionString, "hotspots", "--from", "2569-01-01", "--to", "2569-05-31",
            "--format", "json");
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
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries", Path.Combine(SampleData, "boundaries",
            "chiang-mai-districts.geojson"))).ExitCode);
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "allocate", "--year", "2569", "--weight", "area",
            "--lock", "5010=120", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var districts = json.RootElement.GetProperty("districts").EnumerateArray().ToDictionary(d => d.GetProperty("code").GetString()!,
            d => d.GetProperty("allocation_rai").GetInt32());
        Assert.Equal(1000, districts.Values.Sum());
        Assert.Equal(120, districts["5010"]);

        // Independent shares: PostGIS' ellipsoidal areas of the 24 free districts, 880 rai split pro rata.
        var areas = new Dictionary<string, double>();
        await using (var connection = await _db.Store.DataSource.OpenConnectionAsync())
        await using (var command = new Npgsql.NpgsqlCommand(
            "SELECT code, ST_Area(geom::geography) FROM admin_area WHERE level = 4 AND code <> '5010'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                areas[reader.GetString(0)] = reader.GetDouble(1);
        }
        foreach (var (code, area) in areas)
            Assert.InRange(districts[code] - 880 * area / areas.Values.Sum(), -1, 1);
        Assert.Equal(1000L, await _db.ScalarAsync<long>("SELECT sum(allocation_rai) FROM district_allocation_map WHERE year = 2569"));
    }

    [Fact]
    public async Task TargetsGreen_ProjectsAndRestorableAllocation_EqualPlainPostGisQueries()
    {
        foreach (var args in new[]
        {
            new[] { "import", "boundaries", Path.Combine(SampleData, "boundaries", "chiang-mai-districts.geojson") },
            ["import", "landuse", Path.Combine(SampleData, "landuse", "landuse-2565.geojson"), "--snapshot", "2565"],
            ["import", "landuse", Path.Combine(SampleData, "landuse", "landuse-2566.geojson"), "--snapshot", "2566"],
            ["import", "projects", Path.Combine(SampleData, "projects", "projects.csv")],
            ["import", "projects", Path.Combine(SampleData, "projects", "project-areas.geojson")],
            ["allocate", "--year", "2568"],
        })
        {
            var run = await CliRunner.RunAsync(_db.ConnectionString, args);
            Assert.True(run.ExitCode == 0, string.Join(' ', args) + ": " + run.Error);
        }

        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "targets", "green", "--from", "2565", "--to", "2566",
            "--year", "2568", "--format", "json", "--save");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var province = json.RootElement.GetProperty("province");

        // Union of the year's green-project polygons, and the sum of each project's own union: a plain query each.
        const string Green = "FROM project_area a JOIN plan_project p ON p.code = a.project_code"
            + " WHERE p.target_kind = 'green' AND a.year = 2568";
        var union = await _db.ScalarAsync<double>($"SELECT ST_Area(ST_Union(a.geom)::geography) / 1600 {Green}");
        var claimed = await _db.ScalarAsync<double>(
            $"SELECT sum(rai) FROM (SELECT ST_Area(ST_Union(a.geom)::geography) / 1600 AS rai {Green} GROUP BY p.code) x");
        Assert.Equal(union, province.GetProperty("projects_rai").GetDouble(), 0.01);
        Assert.Equal(claimed, province.GetProperty("projects_rai_claimed").GetDouble(), 0.01);
        Assert.True(claimed > union + 1, "the two sample reforestation areas overlap");
        Assert.Equal(union, json.RootElement.GetProperty("districts").EnumerateArray().Sum(d => d.GetProperty("projects_rai").GetDouble()),
            0.05);

        // Allocation by restorable land: each district's share follows its non-green area of snapshot 2566, measured
        // parcel by parcel with ST_Intersection (no shortcut), within one rai of the exact share.
        Assert.Equal(1000, province.GetProperty("allocation_rai").GetInt32());
        var restorable = new Dictionary<string, double>();
        await using (var connection = await _db.Store.DataSource.OpenConnectionAsync())
        await using (var command = new Npgsql.NpgsqlCommand("""
            SELECT a.code, coalesce(sum(ST_Area(ST_Intersection(a.geom, l.geom)::geography)), 0) / 1600
            FROM admin_area a LEFT JOIN landuse_parcel l ON l.snapshot = 2566 AND NOT l.is_green AND ST_Intersects(a.geom, l.geom)
            WHERE a.level = 4 GROUP BY a.code
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                restorable[reader.GetString(0)] = reader.GetDouble(1);
        }
        foreach (var d in json.RootElement.GetProperty("districts").EnumerateArray())
        {
            var exact = 1000 * restorable[d.GetProperty("code").GetString()!] / restorable.Values.Sum();
            Assert.InRange(d.GetProperty("allocation_rai").GetInt32() - exact, -1, 1);
        }
        Assert.Equal(25L, await _db.ScalarAsync<long>("SELECT count(*) FROM green_target_map WHERE year = 2568"));
    }

    [Fact]
    public async Task Projects_Period_ClaimsAndUnionEqualPlainQueries()
    {
        foreach (var args in new[]
        {
            new[] { "import", "boundaries", Path.Combine(SampleData, "boundaries", "chiang-mai-districts.geojson") },
            ["import", "firms", Path.Combine(SampleData, "firms")],
            ["import", "projects", Path.Combine(SampleData, "projects", "projects.csv")],
            ["import", "projects", Path.Combine(SampleData, "projects", "project-areas.geojson")],
        })
        {
            var run = await CliRunner.RunAsync(_db.ConnectionString, args);
            Assert.True(run.ExitCode == 0, string.Join(' ', args) + ": " + run.Error);
        }
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "projects", "--period", "season:2568", "--format",
            "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var projects = json.RootElement.GetProperty("projects").EnumerateArray().ToDictionary(p => p.GetProperty("code").GetString()!);

        const string InSeason = "h.local_day BETWEEN '2025-01-01' AND '2025-05-31' AND h.instrument = 'VIIRS'";
        Assert.Equal(await _db.ScalarAsync<long>($"""
            SELECT count(*) FROM hotspot h WHERE {InSeason} AND EXISTS (SELECT 1 FROM project_area a
                WHERE a.project_code = 'CM-2568-001' AND ST_Intersects(a.geom, h.geom))
            """), projects["CM-2568-001"].GetProperty("hotspots").GetInt64());
        var union = json.RootElement.GetProperty("province").GetProperty("union");
        var claimed = json.RootElement.GetProperty("province").GetProperty("claimed");
        Assert.Equal(await _db.ScalarAsync<double>("SELECT ST_Area(ST_Union(geom)::geography) / 1600 FROM project_area"),
            union.GetProperty("area_rai").GetDouble(), 0.01);
        Assert.Equal(projects.Values.Sum(p => p.GetProperty("area_rai").GetDouble()), claimed.GetProperty("area_rai").GetDouble(), 0.01);
        Assert.True(claimed.GetProperty("area_rai").GetDouble() > union.GetProperty("area_rai").GetDouble() + 100,
            "CM-2568-003 and -004 overlap by about 350 rai");
        var inProjectAreas = await _db.ScalarAsync<long>($"SELECT count(*) FROM hotspot h WHERE {InSeason} AND EXISTS "
            + "(SELECT 1 FROM project_area a WHERE ST_Intersects(a.geom, h.geom))");
        Assert.Equal(inProjectAreas, union.GetProperty("hotspots").GetInt64());
    }
}
