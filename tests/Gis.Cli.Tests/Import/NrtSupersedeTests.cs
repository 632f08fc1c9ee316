using System.Globalization;
using System.Text.Json;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Import;

/// <summary>
/// NRT then standard on real data: a NOAA-20 NRT snapshot, then a "standard" file made from it (version 2.0, same
/// positions, a few rows dropped, one moved), as FIRMS delivers the archive of the same passes later.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class NrtSupersedeTests : IAsyncLifetime
{
    private static readonly string Nrt = SharedData.PathOf("firms", "viirs-noaa20-nrt-2026", "firms_snapshot_20260412_0832.csv");
    private static readonly string Districts = SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson");
    private readonly string _dir = Directory.CreateTempSubdirectory("nrt-standard-").FullName;
    private TestDatabase _db = null!;
    private TestDatabase _standardOnly = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        _standardOnly = await PostGis.NewDatabaseAsync();
        foreach (var db in new[] { _db, _standardOnly })
            Assert.Equal(0, (await CliRunner.RunAsync(db.ConnectionString, "import", "boundaries", Districts)).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _standardOnly.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Standard_AfterNrt_ReplacesNrtInCounts_KeepsThemMarked_AndReports()
    {
        var standard = WriteStandard(out var dropped);
        var nrt = await ImportAsync(_db, Nrt);
        var nrtStored = nrt.GetProperty("rows_stored").GetInt32();
        var countsNrt = await CountsAsync(_db);

        var imported = await ImportAsync(_db, standard);
        var report = imported.GetProperty("nrt");
        Assert.Equal(nrtStored, report.GetProperty("superseded").GetInt32());
        var shifts = report.GetProperty("district_shifts").EnumerateArray().ToList();
        Assert.Equal(nrtStored, shifts.Sum(s => s.GetProperty("removed").GetInt32()));
        Assert.Equal(imported.GetProperty("rows_stored").GetInt32(), shifts.Sum(s => s.GetProperty("added").GetInt32()));

        // The counts are now those of the standard file alone, and each district moved by the reported net.
        Assert.Equal(0, (await CliRunner.RunAsync(_standardOnly.ConnectionString, "import", "firms", standard)).ExitCode);
        var countsAfter = await CountsAsync(_db);
        Assert.Equal(await CountsAsync(_standardOnly), countsAfter);
        Assert.NotEqual(countsNrt, countsAfter);
        foreach (var shift in shifts.Where(s => s.GetProperty("district").ValueKind == JsonValueKind.String))
        {
            var code = shift.GetProperty("district").GetString()!;
            Assert.Equal(countsNrt.GetValueOrDefault(code) + shift.GetProperty("net").GetInt32(), countsAfter.GetValueOrDefault(code));
        }

        // The NRT rows are still stored, marked with the standard batch.
        Assert.Equal((long)nrtStored, await _db.ScalarAsync<long>(
            "SELECT count(*) FROM hotspot WHERE is_nrt AND superseded_by_batch = $1", imported.GetProperty("batch_id").GetInt64()));
        Assert.True(dropped > 0);

        // Both files again add nothing and replace nothing; the human-readable report says what moved.
        foreach (var file in new[] { Nrt, standard })
        {
            var again = await ImportAsync(_db, file);
            Assert.Equal(0, again.GetProperty("rows_stored").GetInt32());
            Assert.Equal(0, again.GetProperty("nrt").GetProperty("superseded").GetInt32());
        }
        Assert.Equal(countsAfter, await CountsAsync(_db));

        // An NRT detection of the same day arriving late is stored already replaced: counts do not move.
        var late = Path.Combine(_dir, "late.csv");
        var lines = File.ReadAllLines(Nrt);
        File.WriteAllLines(late, [lines[0], lines[1].Replace(lines[1].Split(',')[0], "18.77777", StringComparison.Ordinal)]);
        var lateResult = await ImportAsync(_db, late);
        Assert.Equal((1, 1), (lateResult.GetProperty("rows_stored").GetInt32(),
            lateResult.GetProperty("nrt").GetProperty("superseded_on_arrival").GetInt32()));
        Assert.Equal(countsAfter, await CountsAsync(_db));

        var text = await CliRunner.RunAsync(_standardOnly.ConnectionString, "import", "firms", Nrt);
        Assert.Contains("stored as replaced", text.Output, StringComparison.Ordinal);
    }

    /// <summary>The standard file: version 2.0 instead of 2.0NRT, every 10th row dropped, the first row moved 0.2 degrees east.</summary>
    private string WriteStandard(out int dropped)
    {
        var lines = File.ReadAllLines(Nrt);
        var header = lines[0].Split(',');
        int version = Array.IndexOf(header, "version"), longitude = Array.IndexOf(header, "longitude");
        var kept = new List<string> { lines[0] };
        dropped = 0;
        for (var i = 1; i < lines.Length; i++)
        {
            if (i % 10 == 5)
            {
                dropped++;
                continue;
            }
            var fields = lines[i].Split(',');
            fields[version] = "2.0";
            if (i == 1)
                fields[longitude] = (double.Parse(fields[longitude], CultureInfo.InvariantCulture) + 0.2).ToString("0.#####",
                    CultureInfo.InvariantCulture);
            kept.Add(string.Join(',', fields));
        }
        var path = Path.Combine(_dir, "standard_20260412.csv");
        File.WriteAllLines(path, kept);
        return path;
    }

    private static async Task<JsonElement> ImportAsync(TestDatabase db, string file)
    {
        var (exit, output, error) = await CliRunner.RunAsync(db.ConnectionString, "import", "firms", file, "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("batches")[0].Clone();
    }

    /// <summary>Counts per district (and "outside") from <c>gis hotspots</c> over the days the files cover.</summary>
    internal static async Task<Dictionary<string, long>> CountsAsync(TestDatabase db, string from = "2026-04-11", string to = "2026-04-14")
    {
        var (exit, output, error) = await CliRunner.RunAsync(db.ConnectionString, "hotspots", "--from", from, "--to", to, "--province",
            "50", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var counts = json.RootElement.GetProperty("districts").EnumerateArray()
            .ToDictionary(d => d.GetProperty("code").GetString()!, d => d.GetProperty("count").GetInt64());
        counts["outside"] = json.RootElement.GetProperty("outside").GetInt64();
        return counts;
    }
}
