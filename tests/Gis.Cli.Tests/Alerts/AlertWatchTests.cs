using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Gis.Cli.Tests.Db;
using Gis.Cli.Tests.Fetch;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Alerts;

/// <summary>
/// <c>gis watch firms</c> with alerts, against the FIRMS replay server of the real NOAA-20 snapshots: receivers down for
/// three pulls get every message once when back, and a watcher killed between an import and its delivery loses and
/// repeats nothing. As a service (a process of its own): SIGTERM and SIGINT in the middle of a delivery and of a pull
/// stop it cleanly (exit 0, nothing half-written, the next start resumes and repeats nothing), and
/// <c>gis watch status</c> tells a live watcher from a stopped or silent one.
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
        using (var watcher = Start(Watch("2026-04-14")))
        {
            var output = watcher.StandardOutput.ReadToEndAsync();
            var error = watcher.StandardError.ReadToEndAsync();
            var hung = await Task.WhenAny(_env.Smtp.Hung.Task, watcher.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(3)));
            // The message only when it fails: waiting for the error stream's end waits for the watcher's exit.
            if (hung != _env.Smtp.Hung.Task)
                Assert.Fail("the watcher never reached delivery: " + await error);
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

    // As a service runs it: no --cycles (stopped by a signal), a FIRMS timeout longer than any test waits.
    private string[] Service(string today, params string[] more) =>
    [
        "watch", "firms", "--map-key", FakeFirmsServer.Key, "--source", "VIIRS_NOAA20_NRT", "--province", "50", "--days", "2",
        "--base-url", _firms.BaseUrl, "--every", "1h", "--timeout", "30", "--alert-retry-base", "0.001", "--today", today, .. more,
    ];

    /// <summary>The watcher as a process of its own, as systemd runs it, with the receivers' settings.</summary>
    private Process Start(params string[] args)
    {
        // As a terminal's foreground job gets Ctrl+C: a test host started in the background (a CI job run with `&`)
        // passes SIGINT on ignored, and .NET keeps an inherited ignore, so perl (essential in Debian) restores the default
        // and execs the watcher in its place (same process id).
        var start = new ProcessStartInfo("perl",
            ["-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", "dotnet", Path.Combine(AppContext.BaseDirectory, "gis.dll"),
             .. args, "--db", _db.ConnectionString])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in _env.Variables)
            start.Environment[name] = value;
        // Out of the journal: its lines carry their own time.
        start.Environment.Remove("JOURNAL_STREAM");
        return Process.Start(start)!;
    }

    private const int Sigint = 2;
    private const int Sigterm = 15;

    // The system call itself: a `kill` process started from here would wait on the same child bookkeeping as the watcher.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int pid, int signal);

    private static void Signal(Process process, int signal) =>
        Assert.True(SendSignal(process.Id, signal) == 0, "kill failed: " + Marshal.GetLastPInvokeError());

    /// <summary>Waits for the process to end by itself after a signal; kills it (and fails) after a minute.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> EndedAsync(Process process, Task<string> output,
        Task<string> error)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the watcher did not stop within a minute of the signal: " + await error);
        }
        return (process.ExitCode, await output, await error);
    }

    private Task<long> OpenTransactionsAsync() => _db.ScalarAsync<long>(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'");

    [Fact]
    public async Task Sigterm_WhileDelivering_ExitsZero_KeepsTheImport_MessageSentOnceByTheNextStart()
    {
        await AddRuleAsync("--email", "officer@cm.example");
        // The SMTP server takes the connection and never answers: the watcher has imported and queued, and is sending.
        _env.Smtp.Mode = SmtpMode.Hang;
        using var watcher = Start(Service("2026-04-14", "--retry-delay", "0.01", "--stop-grace", "1"));
        var output = watcher.StandardOutput.ReadToEndAsync();
        var error = watcher.StandardError.ReadToEndAsync();
        var hung = await Task.WhenAny(_env.Smtp.Hung.Task, watcher.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(3)));
        // The message only when it fails: waiting for the error stream's end waits for the watcher's exit.
        if (hung != _env.Smtp.Hung.Task)
            Assert.Fail("the watcher never reached delivery: " + await error);
        Signal(watcher, Sigterm);
        var (exit, text, errors) = await EndedAsync(watcher, output, error);

        Assert.True(exit == 0, errors);
        Assert.Matches(@"gis watch: stopped VIIRS_NOAA20_NRT province 50 \(SIGTERM\) in cycle 1", text);
        Assert.DoesNotContain(FakeFirmsServer.Key, text + errors, StringComparison.Ordinal);
        Assert.DoesNotContain(AlertEnvironment.Password, text + errors, StringComparison.Ordinal);
        // The pull was finished before the stop: stored whole, its message queued, the message abandoned for a retry
        // (not counted as a failed attempt), and no transaction left open.
        var counted = await CountedInProvinceAsync();
        Assert.True(counted > 0);
        Assert.Equal(1, await _db.ScalarAsync<long>("SELECT count(*) FROM import_batch WHERE status = 'stored'"));
        Assert.Equal("0:", await _db.ScalarAsync<string>("SELECT attempts || ':' || coalesce(delivered_at::text, '') FROM alert_outbox"));
        Assert.Equal(counted, await _db.ScalarAsync<long>("SELECT sum(cardinality(detection_ids)) FROM alert_outbox"));
        Assert.Equal(0, await OpenTransactionsAsync());
        Assert.Equal("SIGTERM 1", await _db.ScalarAsync<string>(
            "SELECT stop_reason || ' ' || cycle FROM watch_heartbeat WHERE stopped_at IS NOT NULL AND last_success_at IS NOT NULL"));
        Assert.Empty(_env.Smtp.Messages);

        // The status of a stopped watcher is unhealthy: a monitoring check raises it.
        var status = await CliRunner.RunAsync(_db.ConnectionString, "watch", "status");
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("stopped", status.Output, StringComparison.Ordinal);
        Assert.Contains("(SIGTERM)", status.Output, StringComparison.Ordinal);

        _env.Smtp.Mode = SmtpMode.Up;
        var restarted = await CliRunner.RunAsync(_db.ConnectionString, Watch("2026-04-14"));
        Assert.True(restarted.ExitCode == 0, restarted.Error);
        var mail = Assert.Single(_env.Smtp.Messages);
        Assert.Contains(counted.ToString(CultureInfo.InvariantCulture), mail.Subject, StringComparison.Ordinal);
        // The restart pulled the last day again: nothing new, nothing queued twice.
        Assert.Equal(1, await _db.ScalarAsync<long>("SELECT count(*) FROM alert_outbox"));
        Assert.Equal(counted, await CountedInProvinceAsync());
        Assert.Matches(@"cycle 1 VIIRS_NOAA20_NRT province 50: 1 pull, [\d,]+ read, 0 new, [\d,]+ already stored, 0 rejected; "
            + "alerts 1 delivered, 0 failed, 0 waiting; next pull in 1h", restarted.Output);
    }

    [Fact]
    public async Task Sigint_WhilePulling_ExitsZero_StoresNothingOfThePull_NextStartStoresIt()
    {
        // FIRMS fails the first try with a 500: the signal comes while the watcher waits 30 s to try again.
        _firms.Enqueue(Fault.ServerError);
        using var watcher = Start(Service("2026-04-14", "--retry-delay", "30", "--stop-grace", "0.5"));
        var output = watcher.StandardOutput.ReadToEndAsync();
        var error = watcher.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (_firms.Requests == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2) && !watcher.HasExited, "the watcher never pulled: " +
                (watcher.HasExited ? await error : ""));
            await Task.Delay(50);
        }
        Signal(watcher, Sigint);
        var (exit, text, errors) = await EndedAsync(watcher, output, error);

        Assert.True(exit == 0, errors);
        Assert.Contains("(SIGINT) in cycle 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cycle 1 VIIRS", text, StringComparison.Ordinal);
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT count(*) FROM import_batch"));
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
        Assert.Equal("SIGINT", await _db.ScalarAsync<string>(
            "SELECT stop_reason FROM watch_heartbeat WHERE last_success_at IS NULL AND stopped_at IS NOT NULL"));

        var restarted = await CliRunner.RunAsync(_db.ConnectionString, Watch("2026-04-14"));
        Assert.True(restarted.ExitCode == 0, restarted.Error);
        // The two days the stopped pull asked for, from their first: as if the stop had never been.
        Assert.EndsWith(":2:2026-04-13", await _db.ScalarAsync<string>("SELECT source FROM import_batch"), StringComparison.Ordinal);
        Assert.True(await CountedInProvinceAsync() > 0);
    }

    [Fact]
    public async Task Status_LiveWatcherHealthy_SilentOrBackedUpUnhealthy()
    {
        var none = await CliRunner.RunAsync(_db.ConnectionString, "watch", "status");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("no watcher has run against this store", none.Output, StringComparison.Ordinal);

        await AddRuleAsync("--webhook", _env.Webhook.Url());
        _env.Webhook.Down = true;
        using var watcher = Start(Service("2026-04-14", "--retry-delay", "0.01"));
        var output = watcher.StandardOutput.ReadToEndAsync();
        var error = watcher.StandardError.ReadToEndAsync();
        // The first cycle is over when the heartbeat names the next pull.
        var clock = Stopwatch.StartNew();
        while (await _db.ScalarAsync<long>("SELECT count(*) FROM watch_heartbeat WHERE next_pull_at IS NOT NULL") == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3) && !watcher.HasExited, "no first cycle: " +
                (watcher.HasExited ? await error : ""));
            await Task.Delay(50);
        }

        // Alive, pulled, one message failing but young: healthy.
        var healthy = await CliRunner.RunAsync(_db.ConnectionString, "watch", "status");
        Assert.True(healthy.ExitCode == 0, healthy.Output);
        Assert.Contains("VIIRS_NOAA20_NRT province 50 on ", healthy.Output, StringComparison.Ordinal);
        Assert.Contains("running, healthy", healthy.Output, StringComparison.Ordinal);
        Assert.Contains("every 60 min", healthy.Output, StringComparison.Ordinal);
        Assert.Contains("1 waiting", healthy.Output, StringComparison.Ordinal);
        Assert.Contains("1 failing", healthy.Output, StringComparison.Ordinal);
        Assert.Contains("webhook 127.0.0.1 answered HTTP 503", healthy.Output, StringComparison.Ordinal);
        // Everything the pull stored is new: the province's bounding box reaches into its neighbours.
        var stored = await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot");
        Assert.Contains($"({stored.ToString("N0", CultureInfo.InvariantCulture)} new of ", healthy.Output, StringComparison.Ordinal);
        var json = await CliRunner.RunAsync(_db.ConnectionString, "watch", "status", "--json");
        Assert.Equal(0, json.ExitCode);
        using (var document = JsonDocument.Parse(json.Output))
        {
            var root = document.RootElement;
            Assert.True(root.GetProperty("healthy").GetBoolean());
            var w = Assert.Single(root.GetProperty("watchers").EnumerateArray().ToList());
            Assert.True(w.GetProperty("alive").GetBoolean());
            Assert.Equal(watcher.Id, w.GetProperty("pid").GetInt32());
            Assert.Equal(3600, w.GetProperty("every_seconds").GetDouble());
            Assert.Equal(7200, w.GetProperty("stale_after_seconds").GetDouble());
            Assert.Equal(stored, w.GetProperty("rows_new").GetInt64());
            Assert.Equal(1, root.GetProperty("alerts").GetProperty("failing").GetInt32());
        }

        // Three hours on (the clock moved by hand): the process is silent, its last pull and its message old.
        await _db.ScalarAsync<int>("""
            WITH beat AS (UPDATE watch_heartbeat SET beat_at = beat_at - interval '3 hours', started_at = started_at - interval '3 hours',
                              last_success_at = last_success_at - interval '3 hours'),
                 message AS (UPDATE alert_outbox SET created_at = created_at - interval '3 hours')
            SELECT 1
            """);
        var stale = await CliRunner.RunAsync(_db.ConnectionString, "watch", "status");
        Assert.Equal(1, stale.ExitCode);
        Assert.Contains("no heartbeat, UNHEALTHY", stale.Output, StringComparison.Ordinal);
        Assert.Contains("no heartbeat for 3 h 0 min (more than 2 h 0 min): the watcher is gone or stuck", stale.Output,
            StringComparison.Ordinal);
        Assert.Contains("no successful pull for 3 h 0 min", stale.Output, StringComparison.Ordinal);
        Assert.Contains("1 alert messages waiting, the oldest for 3 h 0 min (more than 2 h 0 min): webhook 127.0.0.1 answered HTTP 503",
            stale.Output, StringComparison.Ordinal);
        // A limit of one's own: four hours tolerate it all.
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "watch", "status", "--stale-after", "4h")).ExitCode);

        Signal(watcher, Sigterm);
        var (exit, text, errors) = await EndedAsync(watcher, output, error);
        Assert.True(exit == 0, errors);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ gis watch: watching VIIRS_NOAA20_NRT province 50 every 1h", text);
    }
}
