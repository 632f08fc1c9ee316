using System.Text.Json;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Acceptance;

/// <summary>
/// Coverage on the real 2026 NOAA-20 NRT snapshots (detections on 32 Bangkok days between 25 March and 18 May, with
/// gaps): what the store says it holds, and that no district is judged against a season without data (ADR 0015).
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class RealDataCoverageTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries", SharedData.PathOf("boundaries",
            "hdx-thailocate", "amphoe.geojson"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "firms",
            SharedData.PathOf("firms", "viirs-noaa20-nrt-2026"))).ExitCode);
    }

    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    // Independent of the importer's local_day column and of data_coverage: the Bangkok days of the stored acquisition times.
    private Task<long> BangkokDaysWithDetections() => _db.ScalarAsync<long>(
        "SELECT count(DISTINCT (acquired_utc AT TIME ZONE 'Asia/Bangkok')::date) FROM hotspot");

    [Fact]
    public async Task Coverage_RealSnapshots_DaysWithDataAreTheDaysWithDetections()
    {
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "coverage", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var series = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(("N20", "VIIRS", true), (series.GetProperty("satellite").GetString(), series.GetProperty("instrument").GetString(),
            series.GetProperty("nrt").GetBoolean()));
        var coverage = series.GetProperty("coverage");
        Assert.Equal(32L, await BangkokDaysWithDetections());
        Assert.Equal(await BangkokDaysWithDetections(), coverage.GetProperty("days_with_data").GetInt32());
        Assert.Equal(55, coverage.GetProperty("days").GetInt32());
        Assert.Equal(("2026-03-25", "2026-05-18"), (coverage.GetProperty("first").GetString(), coverage.GetProperty("last").GetString()));
        // The first gap: 3-5 April, no snapshot.
        var gap = coverage.GetProperty("gaps")[0];
        Assert.Equal(("2026-04-03", "2026-04-05"), (gap.GetProperty("from").GetString(), gap.GetProperty("to").GetString()));

        var (_, text, _) = await CliRunner.RunAsync(_db.ConnectionString, "hotspots", "--from", "2026-03-01", "--to", "2026-03-31");
        Assert.Contains("Coverage: data on 7 of 31 days, 25 Mar-31 Mar 2569; no data on 2026-03-01..2026-03-24", text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetsHotspots_Season2569_CarriesCoverageAndJudgesNoDistrictAgainstAnEmptyBaseline()
    {
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "targets", "hotspots", "--period", "season:2569",
            "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var period = json.RootElement.GetProperty("coverage").GetProperty("period");
        Assert.Equal(await BangkokDaysWithDetections(), period.GetProperty("days_with_data").GetInt32());
        Assert.Equal((151, "2026-03-25", "2026-05-18"), (period.GetProperty("days").GetInt32(), period.GetProperty("first").GetString(),
            period.GetProperty("last").GetString()));
        var baseline = json.RootElement.GetProperty("coverage").GetProperty("baseline");
        Assert.Equal((0, 151), (baseline.GetProperty("days_with_data").GetInt32(), baseline.GetProperty("days").GetInt32()));
        Assert.Equal(JsonValueKind.Null, baseline.GetProperty("first").ValueKind);

        var rows = json.RootElement.GetProperty("districts").EnumerateArray().Append(json.RootElement.GetProperty("province")).ToList();
        Assert.Equal(26, rows.Count);
        foreach (var row in rows)
        {
            Assert.Equal("incomplete", row.GetProperty("status").GetString());
            // A season without data is null, never 0.
            Assert.Equal(JsonValueKind.Null, row.GetProperty("baseline").ValueKind);
            Assert.Equal(JsonValueKind.Null, row.GetProperty("change_pct").ValueKind);
        }
        Assert.Equal(await _db.ScalarAsync<long>(
            "SELECT count(*) FROM hotspot_counted WHERE district_code LIKE '50%' AND local_day BETWEEN '2026-01-01' AND '2026-05-31'"),
            json.RootElement.GetProperty("province").GetProperty("count").GetInt64());

        var (_, csv, _) = await CliRunner.RunAsync(_db.ConnectionString, "targets", "hotspots", "--period", "season:2569",
            "--format", "csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',').ToList();
        var first = lines[1].Split(',');
        Assert.Equal(("", "incomplete", "32", "151", "0"), (first[header.IndexOf("baseline")], first[header.IndexOf("status")],
            first[header.IndexOf("period_days_with_data")], first[header.IndexOf("period_days")],
            first[header.IndexOf("baseline_days_with_data")]));
    }
}
