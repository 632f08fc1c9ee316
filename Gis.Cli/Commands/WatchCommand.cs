using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Gis.Cli.Options;
using Gis.Cli.Output;
using Gis.Importers.Alerts;
using Gis.Importers.Firms;
using Gis.Importers.Store;

namespace Gis.Cli.Commands;

/// <summary>What <c>gis watch firms</c> pulls and how, as its options said (<see cref="FetchCommand"/> reads them).</summary>
/// <param name="Area">For people: <c>province 50</c> or <c>area W,S,E,N</c>.</param>
/// <param name="Cycles">Stop after this many cycles (tests); 0: until stopped.</param>
/// <param name="Today">The UTC day taken as today (tests); null: the clock's.</param>
/// <param name="StopGrace">How long a stop lets the pull or delivery under way finish before cancelling it.</param>
internal sealed record WatchFeed(GisStore Store, HttpClient Http, FirmsAreaClient Client, string Source, BoundingBox Box, string Area,
    int Days, TimeSpan Every, string EveryText, (DateOnly First, DateOnly Last)? Archive, int Cycles, DateOnly? Today,
    double AlertRetryBaseSeconds, TimeSpan StopGrace, bool Json, string ImportedBy);

/// <summary>
/// <c>gis watch firms</c> as a long-running service (ADR 0041) and <c>gis watch status</c>, its health for people and
/// for a monitoring check.
/// </summary>
internal static class WatchCommand
{
    private static readonly JsonSerializerOptions OneLine = new(Json.Options) { WriteIndented = false };

    /// <summary>
    /// Whether the command line runs the watcher, which handles SIGTERM and SIGINT itself (<see cref="RunAsync"/>):
    /// System.CommandLine's own handling would end the process 2 s after the signal, whatever is being rolled back.
    /// </summary>
    public static bool StopsItself(ParseResult parse) =>
        parse.CommandResult.Command.Name == "firms" && parse.CommandResult.Parent is CommandResult { Command.Name: "watch" };

    /// <summary>
    /// Pulls every <see cref="WatchFeed.Every"/> until stopped: each cycle asks from the last UTC day a stored pull of
    /// the same source and area covered to today, in windows of at most 10 days, then delivers the alerts due. One line
    /// per cycle on standard output, failures on standard error, a heartbeat in the store at every step.
    /// </summary>
    /// <remarks>
    /// A stop (SIGTERM from systemd, Ctrl+C) starts no new window, message or cycle and wakes the wait between cycles;
    /// what is under way gets <see cref="WatchFeed.StopGrace"/> to finish, then is cancelled: an import rolls back whole
    /// (its batch is not stored, so the next start pulls its days again), a message being sent stays due with its
    /// attempts unchanged (sent again by the next pass; its id lets a receiver drop a repeat). Then the heartbeat records
    /// the stop and the process exits 0.
    /// </remarks>
    public static async Task<int> RunAsync(WatchFeed feed, TextWriter output, TextWriter error, CancellationToken ct)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        string? reason = null;
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            reason ??= signal.Signal.ToString();
            stopping.Cancel();
            cancel.CancelAfter(feed.StopGrace);
        }
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        // Read before the first pull: a config file others may read stops the watcher at once, not at its first alert.
        var delivery = AlertsCommand.Delivery(feed.Store, feed.Http, error, feed.AlertRetryBaseSeconds);
        var prefix = new FirmsAreaRequest(feed.Source, feed.Box, 1, null).BatchName[..^"1:latest".Length];
        var heartbeat = new WatchHeartbeat(feed.Store, prefix);
        var name = $"{feed.Source} {feed.Area}";
        await heartbeat.StartedAsync(feed.Source, feed.Area, feed.Every, ct);
        Log(output, $"watching {name} every {feed.EveryText} (pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)})");
        var cycle = 0;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                cycle++;
                await heartbeat.PullStartedAsync(cycle, cancel.Token);
                var pulled = await PullCycleAsync(feed, prefix, error, stopping.Token, cancel.Token);
                await heartbeat.PullEndedAsync(pulled.Read, pulled.New, pulled.Failure, cancel.Token);
                if (stopping.IsCancellationRequested)
                    break;
                // What this cycle (or an earlier run, stopped before it got here) queued; failures wait for a later cycle.
                var pass = await delivery.DeliverDueAsync(cancel.Token);
                await heartbeat.DeliveredAsync(pass.Waiting, pass.Failed, feed.Every, cancel.Token);
                WriteCycle(feed, output, name, cycle, pulled, pass);
                if (cycle == feed.Cycles)
                {
                    reason = $"after {cycle.ToString(CultureInfo.InvariantCulture)} cycles";
                    break;
                }
                await Task.Delay(feed.Every, stopping.Token);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped: whatever was cancelled rolled back with its transaction.
        }
        // Recorded even when the stop cancelled the work: the heartbeat is its own statement, outside any import.
        await heartbeat.StoppedAsync(reason ?? "stopped", CancellationToken.None);
        Log(output, $"stopped {name} ({reason}) in cycle {cycle.ToString(CultureInfo.InvariantCulture)}; the next start resumes " +
            "from the last stored pull");
        return 0;
    }

    /// <summary>What one cycle's pulls read and stored, and the error that ended them early (null: none).</summary>
    private sealed record CycleCounts(int Pulls, int Read, int New, int Duplicate, int Rejected, string? Failure);

    private static async Task<CycleCounts> PullCycleAsync(WatchFeed feed, string prefix, TextWriter error, CancellationToken stopping,
        CancellationToken cancel)
    {
        var now = feed.Today ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var from = await new FirmsPullHistory(feed.Store).LastCoveredDayAsync(prefix, cancel) ?? now.AddDays(1 - feed.Days);
        int pulls = 0, read = 0, stored = 0, duplicate = 0, rejected = 0;
        // The last covered day is asked again: NRT keeps adding passes to a day until it is over.
        for (var start = from; start <= now && !stopping.IsCancellationRequested; start = start.AddDays(10))
        {
            var window = Math.Min(10, now.DayNumber - start.DayNumber + 1);
            try
            {
                var result = (await FetchCommand.PullAsync(feed.Store, feed.Client,
                    new FirmsAreaRequest(feed.Source, feed.Box, window, start), feed.Archive, feed.ImportedBy, cancel)).Result;
                (pulls, read, stored) = (pulls + 1, read + result.Read, stored + result.Stored);
                (duplicate, rejected) = (duplicate + result.Duplicate, rejected + result.Rejected);
            }
            catch (FirmsApiException e)
            {
                // Nothing of the failed window was stored, so the next cycle resumes from before it.
                await error.WriteLineAsync("gis: " + e.Message + " Next try in " + feed.EveryText + ".");
                return new CycleCounts(pulls, read, stored, duplicate, rejected, e.Message);
            }
        }
        return new CycleCounts(pulls, read, stored, duplicate, rejected, null);
    }

    /// <summary>The cycle's one line (or one JSON object on one line): the journal's record of what each pull did.</summary>
    private static void WriteCycle(WatchFeed feed, TextWriter output, string name, int cycle, CycleCounts pulled, AlertDeliveryPass pass)
    {
        if (feed.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                Cycle = cycle,
                feed.Source,
                feed.Area,
                pulled.Pulls,
                RowsRead = pulled.Read,
                RowsNew = pulled.New,
                RowsDuplicate = pulled.Duplicate,
                RowsRejected = pulled.Rejected,
                Error = pulled.Failure,
                AlertsDelivered = pass.Delivered,
                AlertsFailed = pass.Failed,
                AlertsWaiting = pass.Waiting,
                NextPullUtc = DateTime.UtcNow + feed.Every,
            }, OneLine));
            return;
        }
        var pulls = pulled.Failure is null ? $"{Numbers.Count(pulled.Pulls)} {(pulled.Pulls == 1 ? "pull" : "pulls")}"
            : $"{Numbers.Count(pulled.Pulls)} pulls before one failed";
        Log(output, $"cycle {cycle.ToString(CultureInfo.InvariantCulture)} {name}: {pulls}, {Numbers.Count(pulled.Read)} read, " +
            $"{Numbers.Count(pulled.New)} new, {Numbers.Count(pulled.Duplicate)} already stored, " +
            $"{Numbers.Count(pulled.Rejected)} rejected; alerts {Numbers.Count(pass.Delivered)} delivered, " +
            $"{Numbers.Count(pass.Failed)} failed, {Numbers.Count(pass.Waiting)} waiting; next pull in {feed.EveryText}");
    }

    // The journal stamps every line itself (systemd sets JOURNAL_STREAM for a service whose output it takes); a terminal
    // or a file gets the UTC time in front.
    private static void Log(TextWriter output, string line) =>
        output.WriteLine(Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 }
            ? "gis watch: " + line
            : DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z' ", CultureInfo.InvariantCulture) + "gis watch: " + line);

    /// <summary><c>gis watch status</c>.</summary>
    public static Command Status()
    {
        var source = new Option<string?>("--source") { Description = "Only the watchers of this FIRMS source (e.g. VIIRS_NOAA20_NRT)" };
        var staleAfter = new Option<string?>("--stale-after")
        {
            Description = "How old a heartbeat, a successful pull or a waiting alert may be before the watcher is unhealthy: " +
                "90s, 30m, 2h; default twice the watcher's interval, at least 10m",
        };
        var json = OutputOptions.Json();
        var command = new Command("status", """
            Health of the watchers that ran against this store: the last successful pull and its age, the last error, alert
            messages waiting and failing with the age of the oldest, whether the watcher looks alive (its heartbeat's age
            against its interval). Exit 0 when every watcher is healthy, 1 when one is not (stopped, no heartbeat, no
            successful pull, or alerts waiting, for longer than --stale-after) or none ever ran: a monitoring check can
            run it as it is.
            """)
        { source, staleAfter, json };
        command.SetAction(async (parse, ct) =>
        {
            TimeSpan? given = parse.GetValue(staleAfter) is { } text ? FetchCommand.Interval(text, "--stale-after") : null;
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var watchers = (await WatchHeartbeat.ListAsync(store, ct))
                .Where(w => parse.GetValue(source) is not { } s || string.Equals(w.Source, s, StringComparison.OrdinalIgnoreCase))
                .Select(w => WatcherHealth.Of(w, given)).ToList();
            var backlog = await AlertBacklog.ReadAsync(store, ct);
            // Alerts wait for every watcher alike: judged against the strictest limit among them.
            var limit = given ?? (watchers.Count > 0 ? watchers.Min(w => w.StaleAfter) : WatcherHealth.Least);
            var problems = watchers.SelectMany(w => w.Problems.Select(p => $"{w.State.Source} {w.State.Area}: {p}")).ToList();
            if (watchers.Count == 0)
                problems.Add(parse.GetValue(source) is { } s ? $"no watcher of {s} has run against this store"
                    : "no watcher has run against this store");
            if (backlog.OldestWaitingAge > limit)
            {
                problems.Add($"{Numbers.Count(backlog.Waiting)} alert messages waiting, the oldest for " +
                    $"{Age(backlog.OldestWaitingAge.Value)} (more than {Age(limit)})" + (backlog.LastError is { } e ? ": " + e : ""));
            }
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
                WriteStatusJson(output, watchers, backlog, problems);
            else
                WriteStatusText(output, watchers, backlog, problems);
            return problems.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static void WriteStatusText(TextWriter output, List<WatcherHealth> watchers, AlertBacklog backlog,
        List<string> problems)
    {
        foreach (var (w, staleAfter, alive, own) in watchers)
        {
            var pid = w.Pid.ToString(CultureInfo.InvariantCulture);
            output.WriteLine($"{w.Source} {w.Area} on {w.Host} (pid {pid}, every {Age(w.Every)}): " +
                (w.StoppedAt is { } stopped ? $"stopped {Time(stopped)} ({w.StopReason})" : alive ? "running" : "no heartbeat") +
                (own.Count == 0 ? ", healthy" : ", UNHEALTHY"));
            output.WriteLine(w.LastSuccessAt is { } success
                ? $"  last successful pull: {Time(success)}, {Age(w.LastSuccessAge!.Value)} ago" +
                  (w.RowsRead is { } read && w.ErrorsInARow == 0
                      ? $" ({Numbers.Count(w.RowsNew ?? 0)} new of {Numbers.Count(read)} read)" : "")
                : "  last successful pull: none yet");
            output.WriteLine(w.LastError is { } error
                ? $"  last error: {Time(w.LastErrorAt!.Value)}: {error}" +
                  (w.ErrorsInARow > 0 ? $" ({Numbers.Count(w.ErrorsInARow)} failed cycles in a row)" : " (since recovered)")
                : "  last error: none");
            output.WriteLine($"  heartbeat: {Age(w.HeartbeatAge)} ago (stale after {Age(staleAfter)}), cycle " +
                w.Cycle.ToString(CultureInfo.InvariantCulture) + (w.NextPullAt is { } next ? $", next pull {Time(next)}" : ""));
        }
        output.WriteLine($"alert messages: {Numbers.Count(backlog.Waiting)} waiting" +
            (backlog.OldestWaitingAge is { } oldest ? $" (oldest {Age(oldest)})" : "") +
            $", {Numbers.Count(backlog.Failing)} failing" +
            (backlog.OldestFailingAge is { } failing ? $" (oldest {Age(failing)}; last error: {backlog.LastError})" : ""));
        output.WriteLine(problems.Count == 0 ? "healthy" : "unhealthy: " + string.Join("; ", problems));
    }

    private static void WriteStatusJson(TextWriter output, List<WatcherHealth> watchers, AlertBacklog backlog,
        List<string> problems) =>
        Json.Write(output, new
        {
            Healthy = problems.Count == 0,
            Problems = problems,
            Watchers = watchers.Select(h => new
            {
                h.State.Source,
                h.State.Area,
                h.State.Host,
                h.State.Pid,
                EverySeconds = h.State.Every.TotalSeconds,
                Healthy = h.Problems.Count == 0,
                h.Alive,
                h.Problems,
                StaleAfterSeconds = h.StaleAfter.TotalSeconds,
                h.State.StartedAt,
                h.State.BeatAt,
                HeartbeatAgeSeconds = Seconds(h.State.HeartbeatAge),
                h.State.Cycle,
                h.State.PullStartedAt,
                h.State.PullEndedAt,
                h.State.LastSuccessAt,
                LastSuccessAgeSeconds = Seconds(h.State.LastSuccessAge),
                h.State.RowsRead,
                h.State.RowsNew,
                h.State.ErrorsInARow,
                h.State.LastError,
                h.State.LastErrorAt,
                h.State.NextPullAt,
                h.State.StoppedAt,
                h.State.StopReason,
            }),
            Alerts = new
            {
                backlog.Waiting,
                OldestWaitingAgeSeconds = Seconds(backlog.OldestWaitingAge),
                backlog.Failing,
                OldestFailingAgeSeconds = Seconds(backlog.OldestFailingAge),
                backlog.LastError,
            },
        });

    private static double? Seconds(TimeSpan? age) => age is { } a ? Math.Round(a.TotalSeconds, 1) : null;

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"45 s", "12 min", "3 h 5 min", "2 d 4 h": as precise as a person checking a service needs.</summary>
    internal static string Age(TimeSpan age) => age switch
    {
        { TotalSeconds: < 90 } => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, age.TotalSeconds):0} s"),
        { TotalMinutes: < 90 } => string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:0} min"),
        { TotalHours: < 48 } => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours} h {age.Minutes} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays} d {age.Hours} h"),
    };

    /// <summary>One watcher judged: alive (heartbeat younger than <see cref="StaleAfter"/>) and what is wrong with it.</summary>
    private sealed record WatcherHealth(WatchState State, TimeSpan StaleAfter, bool Alive, IReadOnlyList<string> Problems)
    {
        /// <summary>The shortest default limit: a pull with its retries may take minutes.</summary>
        public static readonly TimeSpan Least = TimeSpan.FromMinutes(10);

        public static WatcherHealth Of(WatchState w, TimeSpan? given)
        {
            var limit = given ?? TimeSpan.FromTicks(Math.Max(Least.Ticks, 2 * w.Every.Ticks));
            var alive = w.StoppedAt is null && w.HeartbeatAge <= limit;
            var problems = new List<string>();
            if (w.StoppedAt is { } stopped)
                problems.Add($"stopped at {Time(stopped)} ({w.StopReason})");
            else if (!alive)
                problems.Add($"no heartbeat for {Age(w.HeartbeatAge)} (more than {Age(limit)}): the watcher is gone or stuck");
            // Running for (by the database's clock): the heartbeat's age plus the time from the start to the heartbeat.
            if (w.LastSuccessAge is { } age ? age > limit : w.HeartbeatAge + (w.BeatAt - w.StartedAt) > limit)
            {
                problems.Add((w.LastSuccessAge is { } a ? $"no successful pull for {Age(a)}" : "no successful pull yet") +
                    $" (more than {Age(limit)})" + (w.LastError is { } e ? ": " + e : ""));
            }
            return new WatcherHealth(w, limit, alive, problems);
        }
    }
}
