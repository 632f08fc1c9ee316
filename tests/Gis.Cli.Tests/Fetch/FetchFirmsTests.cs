using System.Globalization;
using System.Text.Json;
using Gis.Cli.Tests.Import;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Fetch;

/// <summary>
/// <c>gis fetch firms</c> against a local FIRMS area API replaying the real NOAA-20 snapshots, with timeouts, 500s,
/// cut bodies, error texts, an HTML page and a wrong key injected. No internet is used.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class FetchFirmsTests : IAsyncLifetime, IDisposable
{
    private static readonly string Snapshots = SharedData.PathOf("firms", "viirs-noaa20-nrt-2026");
    private static readonly string Districts = SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson");

    // Wider than every snapshot row, so the pulls deliver what the files hold.
    private const string WholeArea = "90,5,110,30";
    private readonly FakeFirmsServer _server = new(Snapshots, TimeSpan.FromSeconds(4));
    private TestDatabase _db = null!;
    private TestDatabase _direct = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        _direct = await PostGis.NewDatabaseAsync();
        foreach (var db in new[] { _db, _direct })
            Assert.Equal(0, (await CliRunner.RunAsync(db.ConnectionString, "import", "boundaries", Districts)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(_direct.ConnectionString, "import", "firms", Snapshots)).ExitCode);
    }

    public void Dispose() => _server.Dispose();

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _direct.DisposeAsync();
    }

    private Task<(int ExitCode, string Output, string Error)> FetchAsync(string date, string key = FakeFirmsServer.Key,
        string area = WholeArea, params string[] more) =>
        CliRunner.RunAsync(_db.ConnectionString,
            ["fetch", "firms", "--map-key", key, "--source", "VIIRS_NOAA20_NRT", "--area", area, "--days", "10",
            "--date", date, "--base-url", _server.BaseUrl, "--timeout", "1.5", "--retry-delay", "0.05", "--json", .. more]);

    private Task<long> BatchesAsync() => _db.ScalarAsync<long>("SELECT count(*) FROM import_batch");

    /// <summary>A refused pull: exit 2, a message naming the cause, the key masked, and nothing stored.</summary>
    private async Task AssertRefusedAsync((int ExitCode, string Output, string Error) run, long batchesBefore, string because)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(because, run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing stored", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeFirmsServer.Key, run.Output + run.Error, StringComparison.Ordinal);
        Assert.Equal(batchesBefore, await BatchesAsync());
    }

    [Fact]
    public async Task Pulls_WithFaultsAndRetries_StoreEachDetectionOnce_AndCountLikeTheFiles()
    {
        // Eleven overlapping 10-day windows, 5 days apart, cover 2026-03-20 .. 2026-05-18: every snapshot day twice.
        var windows = Enumerable.Range(0, 11).Select(k => new DateOnly(2026, 3, 20).AddDays(5 * k).ToString("yyyy-MM-dd",
            CultureInfo.InvariantCulture)).ToList();
        var faults = new Dictionary<int, Fault[]>
        {
            [0] = [Fault.Timeout],
            [1] = [Fault.ServerError, Fault.ServerError],
            [2] = [Fault.CutBody],
            [3] = [Fault.LimitText],
            [4] = [Fault.Html],
            [5] = [Fault.CutBody, Fault.CutBody, Fault.CutBody],
            [6] = [Fault.ServerError, Fault.ServerError, Fault.ServerError],
        };
        var retried = 0;
        for (var i = 0; i < windows.Count; i++)
        {
            var before = await BatchesAsync();
            _server.Enqueue(faults.GetValueOrDefault(i, []));
            var run = await FetchAsync(windows[i]);
            switch (i)
            {
                case 3:
                    await AssertRefusedAsync(run, before, "transaction limit");
                    break;
                case 4:
                    await AssertRefusedAsync(run, before, "HTML page");
                    break;
                case 5:
                    await AssertRefusedAsync(run, before, "cut off");
                    Assert.Contains("gave up after 3 tries", run.Error, StringComparison.Ordinal);
                    break;
                case 6:
                    await AssertRefusedAsync(run, before, "HTTP 500");
                    break;
            }
            if (run.ExitCode != 0)
                run = await FetchAsync(windows[i]); // the operator (or the watcher) pulls again later
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Equal(0, _server.PendingFaults);
            Assert.DoesNotContain(FakeFirmsServer.Key, run.Output + run.Error, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(run.Output);
            var attempts = json.RootElement.GetProperty("attempts").GetInt32();
            Assert.Equal(i switch { 0 or 2 => 2, 1 => 3, _ => 1 }, attempts);
            retried += attempts - 1;
            Assert.Contains("/api/area/csv/****/VIIRS_NOAA20_NRT/90,5,110,30/10/" + windows[i],
                json.RootElement.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.Equal($"firms-api:VIIRS_NOAA20_NRT:90,5,110,30:10:{windows[i]}", json.RootElement.GetProperty("source").GetString());
            Assert.Equal(before + 1, await BatchesAsync());
        }
        Assert.Equal(4, retried);

        // A wrong key: one request, no retry, refused, the key given masked in the message.
        var requests = _server.Requests;
        var batches = await BatchesAsync();
        var wrong = await FetchAsync(windows[0], key: "ffffffffffffffffffffffffffffffff");
        await AssertRefusedAsync(wrong, batches, "Invalid MAP_KEY");
        Assert.DoesNotContain("ffffffffffffffffffffffffffffffff", wrong.Error, StringComparison.Ordinal);
        Assert.Equal(requests + 1, _server.Requests);

        // Each detection once, and the same counts as importing the snapshot files directly.
        var stored = await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot");
        Assert.Equal(await _direct.ScalarAsync<long>("SELECT count(*) FROM hotspot"), stored);
        Assert.Equal(stored,
            await _db.ScalarAsync<long>("SELECT count(DISTINCT (satellite, acquired_utc, latitude, longitude)) FROM hotspot"));
        Assert.True(await _db.ScalarAsync<long>("SELECT sum(rows_duplicate) FROM import_batch") > 0);
        Assert.Equal(await NrtSupersedeTests.CountsAsync(_direct, "2026-03-20", "2026-05-19"),
            await NrtSupersedeTests.CountsAsync(_db, "2026-03-20", "2026-05-19"));

        // The province's own bounding box, as text: nothing new, and what it says is readable.
        var province = await CliRunner.RunAsync(_db.ConnectionString, "fetch", "firms", "--map-key", FakeFirmsServer.Key, "--source",
            "VIIRS_NOAA20_NRT", "--province", "50", "--days", "10", "--date", "2026-04-08", "--base-url", _server.BaseUrl, "--as", "มาลี");
        Assert.True(province.ExitCode == 0, province.Error);
        // The batch names who pulled it (--as), as gis import firms does.
        Assert.Equal("มาลี", await _db.ScalarAsync<string>("SELECT imported_by FROM import_batch ORDER BY id DESC LIMIT 1"));
        Assert.Matches(@"firms-api:VIIRS_NOAA20_NRT:98\.\d+,17\.\d+,99\.\d+,20\.\d+:10:2026-04-08", province.Output);
        Assert.Contains(" 0 new,", province.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeFirmsServer.Key, province.Output, StringComparison.Ordinal);
        Assert.Equal(stored, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
    }

    [Fact]
    public async Task Watch_ResumesFromTheLastStoredDay_AndRetriesAFailedWindowNextCycle()
    {
        string[] Watch(string today, int cycles) =>
        [
            "watch", "firms", "--map-key", FakeFirmsServer.Key, "--source", "VIIRS_NOAA20_NRT", "--area", WholeArea, "--days", "3",
            "--base-url", _server.BaseUrl, "--every", "0.05s", "--retry-delay", "0.01", "--timeout", "5",
            "--cycles", cycles.ToString(CultureInfo.InvariantCulture), "--today", today, "--as", "watch-service",
        ];
        const string Prefix = "firms-api:VIIRS_NOAA20_NRT:90,5,110,30:";
        Task<string> BatchNamesAsync() => _db.ScalarAsync<string>("SELECT string_agg(source, ' ' ORDER BY id) FROM import_batch");

        // First cycle: the last 3 days; second: the last covered day again.
        var first = await CliRunner.RunAsync(_db.ConnectionString, Watch("2026-04-14", 2));
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal($"{Prefix}3:2026-04-12 {Prefix}1:2026-04-14", await BatchNamesAsync());
        Assert.Equal("watch-service", await _db.ScalarAsync<string>("SELECT string_agg(DISTINCT imported_by, ',') FROM import_batch"));

        // Later: the first window fails three times (stored nothing), the next cycle takes both windows from 04-14.
        _server.Enqueue(Fault.ServerError, Fault.ServerError, Fault.ServerError);
        var second = await CliRunner.RunAsync(_db.ConnectionString, Watch("2026-04-30", 2));
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("Next try in 0.05s", second.Error, StringComparison.Ordinal);
        Assert.Equal($"{Prefix}3:2026-04-12 {Prefix}1:2026-04-14 {Prefix}10:2026-04-14 {Prefix}7:2026-04-24", await BatchNamesAsync());
        Assert.DoesNotContain(FakeFirmsServer.Key, first.Output + first.Error + second.Output + second.Error, StringComparison.Ordinal);

        const string Days = "SELECT count(*) FROM hotspot"
            + " WHERE (acquired_utc AT TIME ZONE 'UTC')::date BETWEEN '2026-04-12' AND '2026-04-30'";
        Assert.Equal(await _direct.ScalarAsync<long>(Days), await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
    }

    [Fact]
    public async Task Fetch_WithoutKey_ExplainsWhereTheKeyComesFrom()
    {
        // No key anywhere the command looks, whatever this machine holds: FIRMS_MAP_KEY unset, and $GIS_HOME a folder
        // that does not exist, so no config.json. No other test reads either (they all give --map-key and --db).
        var home = Path.Combine(Path.GetTempPath(), $"gis-home-none-{Guid.NewGuid():N}");
        using var environment = new EnvironmentScope(("FIRMS_MAP_KEY", null), ("GIS_HOME", home));
        var run = await CliRunner.RunAsync(_db.ConnectionString, "fetch", "firms", "--source", "VIIRS_NOAA20_NRT", "--area", WholeArea,
            "--base-url", _server.BaseUrl);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("set FIRMS_MAP_KEY", run.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(home, "config.json"), run.Error, StringComparison.Ordinal);
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task Fetch_BadArguments_AreRefusedBeforeAnyRequest()
    {
        foreach (var args in new[]
                 {
                     new[] { "--area", "99,17,98,20" },
                     ["--area", WholeArea, "--days", "11"],
                     ["--area", WholeArea, "--province", "50"],
                     ["--area", WholeArea, "--date", "12/04/2026"],
                     ["--province", "51"],
                 })
        {
            var run = await CliRunner.RunAsync(_db.ConnectionString,
                ["fetch", "firms", "--map-key", FakeFirmsServer.Key, "--source", "VIIRS_NOAA20_NRT", "--base-url", _server.BaseUrl,
                    .. args]);
            Assert.True(run.ExitCode == 2, string.Join(' ', args) + ": " + run.Error);
        }
        Assert.Equal(0, _server.Requests);
    }
}
