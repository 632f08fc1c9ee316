using System.Globalization;
using System.Text.Json;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Acceptance;

/// <summary>
/// Hotspot targets on real data: the 2026 NOAA-20 detections against a baseline the test builds from them (the same
/// detections moved one year back, every fourth line dropped), checked against the per-district counts of
/// 'gis hotspots' for the two date ranges (the path the foundation test checks against raw PostGIS).
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class RealDataTargetTests : IAsyncLifetime
{
    private static readonly string Snapshots = SharedData.PathOf("firms", "viirs-noaa20-nrt-2026");
    private TestDatabase _db = null!;
    private string _baselineDir = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        _baselineDir = BaselineFirms.MakeFrom(Snapshots);
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries", SharedData.PathOf("boundaries",
            "hdx-thailocate", "amphoe.geojson"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", Snapshots, _baselineDir)).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_baselineDir, recursive: true);
    }

    [Fact]
    public async Task TargetsHotspots_Real2026AgainstBuiltBaseline_MatchCountsOfBothRanges()
    {
        var current = await Counts("2026-03-25", "2026-05-18");
        var baseline = await Counts("2025-03-25", "2025-05-18");
        Assert.True(baseline.Values.Sum() < current.Values.Sum(), "a quarter of the lines were dropped from the baseline");

        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "targets", "hotspots", "--period",
            "2569-03-25..2569-05-18", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("2025-03-25..2025-05-18", json.RootElement.GetProperty("baseline").GetString());
        var districts = json.RootElement.GetProperty("districts").EnumerateArray().ToList();
        Assert.Equal(25, districts.Count);
        var statuses = new HashSet<string>();
        foreach (var d in districts)
        {
            var code = d.GetProperty("code").GetString()!;
            Assert.Equal(current[code], d.GetProperty("count").GetInt64());
            Assert.Equal(baseline[code], d.GetProperty("baseline").GetDouble());
            var status = d.GetProperty("status").GetString()!;
            statuses.Add(status);
            if (baseline[code] == 0)
            {
                Assert.Equal("incomplete", status);
                continue;
            }
            var change = (current[code] - baseline[code]) * 100.0 / baseline[code];
            Assert.Equal(Math.Round(change, 2), d.GetProperty("change_pct").GetDouble(), 6);
            // The snapshots cover 32 of the 55 days: no verdict on unlike spans (ADR 0015).
            Assert.Equal("incomplete", status);
        }
        Assert.Contains("incomplete", statuses);
        Assert.Equal(32, json.RootElement.GetProperty("coverage").GetProperty("period").GetProperty("days_with_data").GetInt32());
        var province = json.RootElement.GetProperty("province");
        Assert.Equal(current.Values.Sum(), province.GetProperty("count").GetInt64());
        Assert.Equal(baseline.Values.Sum(), province.GetProperty("baseline").GetDouble());
    }

    [Fact]
    public async Task TargetsHotspots_ProvinceWithRepairedDistricts_ListsThemAll()
    {
        // Krabi (81): two of its districts (8104, 8105) had invalid polygons in the HDX file and were repaired on import.
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "targets", "hotspots", "--period", "season:2569",
            "--province", "81", "--format", "csv");
        Assert.True(exit == 0, error);
        Assert.Contains("\n8104,", output, StringComparison.Ordinal);
        Assert.Contains("\n8105,", output, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, long>> Counts(string from, string to)
    {
        var (_, output, _) = await CliRunner.RunAsync(_db.ConnectionString, "hotspots", "--from", from, "--to", to, "--format", "csv");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).SkipLast(1)
            .Select(l => l.Split(',')).ToDictionary(f => f[0], f => long.Parse(f[^1], CultureInfo.InvariantCulture));
    }
}
