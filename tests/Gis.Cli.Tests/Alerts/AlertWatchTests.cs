using System.Diagnostics;
using Gis.Cli.Tests.Db;
using Gis.Cli.Tests.Fetch;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Alerts;

/// <summary>
/// <c>gis watch firms</c> with alerts, against the FIRMS replay server of the real NOAA-20 snapshots: receivers down for
/// three pulls get every message once when back, and a watcher killed between an import and its delivery loses and
/// repeats nothing.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
[Collection(GisHomeGroup.Name)]
public sealed class AlertWatchTests : IAsyncLifetime, IDisposable
{
    private static readonly string Snapshots = SharedData.PathOf("firms", "viirs-noaa20-nrt-2026");
    private static readonly string Districts = SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson");
    private readonly FakeFirmsServer _firms = new(Snapshots, TimeSpan.FromSeconds(4));
    private readonly AlertEnvironment _env = new();
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries", Districts)).ExitCode);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public void Dispose()
    {
        _firms.Dispose();
        _env.Dispose();
    }

    // The snapshots are of 2026-03 to 2026-05: a rule that takes them as news needs a long --max-age.
    private async Task AddRuleAsync(params string[] channels)
    {
        var run = await CliRunner.RunAsync(_db.ConnectionString,
            ["alerts", "add", "chiang-mai", "--province", "50", "--max-age", "400d", .. channels]);
        Assert.True(run.ExitCode == 0, run.Error);
    }

    private string[] Watch(string today) =>
    [
        "watch", "firms", "--map-key", FakeFirmsServer.Key, "--source", "VIIRS_NOAA20_NRT", "--province", "50", "--days", "2",
        "--base-url", _firms.BaseUrl, "--every", "1h", "--retry-delay", "0.01", "--timeout", "5", "--alert-retry-base", "0.001",
        "--cycles", "1", "--today", today,
    ];

    /// <summary>The detections of province 50 that count, as a plain query: what the messages must add up to.</summary>
    private Task<long> CountedInProvinceAsync() =>
        _db.ScalarAsync<long>("SELECT count(*) FROM hotspot WHERE superseded_by_batch IS NULL AND left(district_code, 2) = '50'");

    [Fact]
    public async Task ReceiversDownForThreePulls_GetEveryMessageOnceWhenBack()
    {
        await AddRuleAsync("--email", "officer@cm.example", "--webhook", _env.Webhook.Url());
        _env.Smtp.Mode = SmtpMode.Down;
        _env.Webhook.Down = true;
        foreach (var today in new[] { "2026-04-13", "2026-04-14", "2026-04-16" })
        {
            var run = await CliRunner.RunAsync(_db.ConnectionString, Watch(today));
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("webhook 127.0.0.1 answered HTTP 503", run.Error, StringComparison.Ordinal);
        }
        var queued = await _db.ScalarAsync<long>("SELECT count(*) FROM alert_outbox");
        // Each of the three pulls brought new detections: a message per channel each.
        Assert.Equal(6, queued);
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT count(*) FROM alert_outbox WHERE delivered_at IS NOT NULL"));
        // Each watch run tried every message due once: the first pull's three times, the last pull's once.
        Assert.Equal("3,3,2,2,1,1", await _db.ScalarAsync<string>("SELECT string_agg(attempts::text, ',' ORDER BY id) FROM alert_outbox"));
        Assert.Empty(_env.Smtp.Messages);
        Assert.Empty(_env.Webhook.Posts);

        _env.Smtp.Mode = SmtpMode.Up;
        _env.Webhook.Down = false;
        var deliver = await CliRunner.RunAsync(_db.ConnectionString, "alerts", "deliver");
        Assert.True(deliver.ExitCode == 0, deliver.Error);
        Assert.Contains("6 delivered, 0 failed, 0 waiting", deliver.Output, StringComparison.Ordinal);
        Assert.Equal(3, _env.Smtp.Messages.Count);
        Assert.Equal(3, _env.Webhook.Posts.Count);
        // Every counted detection of the province in exactly one message per channel.
        var counted = await CountedInProvinceAsync();
        Assert.True(counted > 0);
        Assert.Equal(counted, _env.Webhook.Posts.Sum(p => p.Body.GetProperty("count").GetInt64()));
        Assert.Equal(counted, _env.Webhook.Posts.SelectMany(p => p.Body.GetProperty("detections").EnumerateArray())
            .Select(d => d.GetProperty("id").GetInt64()).Distinct().Count());
        Assert.Equal(3, _env.Smtp.Messages.Select(m => m.MessageId).Distinct().Count());

        // Back to normal: the next pass and the next pull send nothing again.
        Assert.Contains("0 delivered", (await CliRunner.RunAsync(_db.ConnectionString, "alerts", "deliver")).Output,
            StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, Watch("2026-04-16"))).ExitCode);
        Assert.Equal(3, _env.Smtp.Messages.Count);
        Assert.Equal(3, _env.Webhook.Posts.Count);
    }

    [Fact]
    public async Task WatcherKilledBetweenImportAndDelivery_LosesNothing_RepeatsNothing()
    {
        await AddRuleAsync("--email", "officer@cm.example");
        // The SMTP server accepts the connection and never answers: the watcher has imported and queued, and waits in
        // delivery when it is killed.
        _env.Smtp.Mode = SmtpMode.Hang;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "gis.dll"), .. Watch("2026-04-14"),
            "--db", _db.ConnectionString])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in _env.Variables)
            start.Environment[name] = value;
        using (var watcher = Process.Start(start)!)
        {
            var output = watcher.StandardOutput.ReadToEndAsync();
            var error = watcher.StandardError.ReadToEndAsync();
            var hung = await Task.WhenAny(_env.Smtp.Hung.Task, watcher.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(3)));
            Assert.True(hung == _env.Smtp.Hung.Task, "the watcher never reached delivery: " + await error);
            watcher.Kill(entireProcessTree: true);
            await watcher.WaitForExitAsync();
            await Task.WhenAll(output, error);
        }
        var queued = await _db.ScalarAsync<long>("SELECT count(*) FROM alert_outbox");
        Assert.Equal(1, queued);
        Assert.Empty(_env.Smtp.Messages);
        var counted = await CountedInProvinceAsync();
        Assert.Equal(counted, await _db.ScalarAsync<long>("SELECT sum(cardinality(detection_ids)) FROM alert_outbox"));

        // The killed session's transaction is rolled back when the server sees its socket close; until then its row is
        // locked, and a deliverer passes a locked row by.
        var clock = Stopwatch.StartNew();
        while (await _db.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() " +
                   "AND state LIKE 'idle in transaction%'") > 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the killed watcher's transaction is still open");
            await Task.Delay(50);
        }

        _env.Smtp.Mode = SmtpMode.Up;
        var restarted = await CliRunner.RunAsync(_db.ConnectionString, Watch("2026-04-14"));
        Assert.True(restarted.ExitCode == 0, restarted.Error);
        var mail = Assert.Single(_env.Smtp.Messages);
        Assert.Contains(counted.ToString(System.Globalization.CultureInfo.InvariantCulture), mail.Subject, StringComparison.Ordinal);
        Assert.Equal(1, await _db.ScalarAsync<long>("SELECT count(*) FROM alert_outbox WHERE delivered_at IS NOT NULL"));
        // The restarted watcher pulled the last day again: nothing new, nothing queued, nothing lost.
        Assert.Equal(queued, await _db.ScalarAsync<long>("SELECT count(*) FROM alert_outbox"));
        Assert.Equal(counted, await CountedInProvinceAsync());
        Assert.Contains("0 delivered", (await CliRunner.RunAsync(_db.ConnectionString, "alerts", "deliver")).Output,
            StringComparison.Ordinal);
        Assert.Single(_env.Smtp.Messages);
    }
}
