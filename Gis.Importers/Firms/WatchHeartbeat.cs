using Gis.Importers.Store;

namespace Gis.Importers.Firms;

/// <summary>
/// One watcher's state as its last heartbeat left it (<c>watch_heartbeat</c>), with the ages the database's clock gives
/// it now, so the process that reads it and the one that wrote it need not agree on the time.
/// </summary>
/// <param name="Watcher">The pulls' batch-name prefix: source and bounding box.</param>
/// <param name="Area">As the watcher was told: <c>province 50</c> or <c>area W,S,E,N</c>.</param>
/// <param name="Every">The time between pulls.</param>
/// <param name="HeartbeatAge">How long ago the watcher last wrote this row.</param>
/// <param name="LastSuccessAt">The end of the last cycle whose pulls all succeeded (kept across restarts); null: none yet.</param>
/// <param name="ErrorsInARow">Cycles in a row whose pull failed; 0 after a success.</param>
/// <param name="StoppedAt">When the process stopped cleanly (SIGTERM, SIGINT, its last cycle); null while it runs.</param>
public sealed record WatchState(string Watcher, string Source, string Area, string Host, int Pid, TimeSpan Every,
    DateTime StartedAt, DateTime BeatAt, TimeSpan HeartbeatAge, int Cycle, DateTime? PullStartedAt, DateTime? PullEndedAt,
    DateTime? LastSuccessAt, TimeSpan? LastSuccessAge, int? RowsRead, int? RowsNew, int ErrorsInARow, string? LastError,
    DateTime? LastErrorAt, DateTime? NextPullAt, int? MessagesWaiting, int? MessagesFailed, DateTime? StoppedAt, string? StopReason);

/// <summary>
/// The heartbeat of a long-running <c>gis watch firms</c> (ADR 0041): written when it starts, when a cycle's pulls begin
/// and end, after its delivery pass and when it stops, each as one small statement of its own (never inside an import's
/// transaction), and read by <c>gis watch status</c>. Where the watcher resumes is <see cref="FirmsPullHistory"/>'s
/// business, not this row's: a batch is stored or not, whatever the heartbeat says.
/// </summary>
public sealed class WatchHeartbeat(GisStore store, string watcher)
{
    /// <summary>A new process took over the watcher: its host, pid and interval; stopped no longer; what earlier runs
    /// pulled (the last success, the errors in a row) is kept.</summary>
    public Task StartedAsync(string source, string area, TimeSpan every, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO watch_heartbeat AS w (watcher, source, area, host, pid, every, started_at, beat_at)
            VALUES ($1, $2, $3, $4, $5, $6, now(), now())
            ON CONFLICT (watcher) DO UPDATE SET source = $2, area = $3, host = $4, pid = $5, every = $6, started_at = now(),
                beat_at = now(), cycle = 0, next_pull_at = NULL, stopped_at = NULL, stop_reason = NULL
            """, cancellationToken, source, area, Environment.MachineName, Environment.ProcessId, every);

    /// <summary>Cycle <paramref name="cycle"/> begins its pulls.</summary>
    public Task PullStartedAsync(int cycle, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE watch_heartbeat SET cycle = $2, pull_started_at = now(), beat_at = now(), next_pull_at = NULL WHERE watcher = $1
            """, cancellationToken, cycle);

    /// <summary>
    /// The cycle's pulls are over: rows read and new over all of them, and the error that ended them early, or null
    /// when every one succeeded. The error's text is shown as is: the FIRMS client masks the key in it.
    /// </summary>
    public Task PullEndedAsync(int rowsRead, int rowsNew, string? error, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE watch_heartbeat SET pull_ended_at = now(), beat_at = now(), rows_read = $2, rows_new = $3,
                last_success_at = CASE WHEN $4::text IS NULL THEN now() ELSE last_success_at END,
                errors = CASE WHEN $4::text IS NULL THEN 0 ELSE errors + 1 END,
                last_error = coalesce($4::text, last_error), last_error_at = CASE WHEN $4::text IS NULL THEN last_error_at ELSE now() END
            WHERE watcher = $1
            """, cancellationToken, rowsRead, rowsNew, error);

    /// <summary>The cycle's delivery pass is over: messages still waiting, those that failed, and when the next pull is due.</summary>
    public Task DeliveredAsync(int waiting, int failed, TimeSpan untilNextPull, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE watch_heartbeat SET beat_at = now(), messages_waiting = $2, messages_failed = $3, next_pull_at = now() + $4
            WHERE watcher = $1
            """, cancellationToken, waiting, failed, untilNextPull);

    /// <summary>The process stops cleanly, for <paramref name="reason"/> (<c>SIGTERM</c>, <c>SIGINT</c>, ...).</summary>
    public Task StoppedAsync(string reason, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE watch_heartbeat SET beat_at = now(), stopped_at = now(), stop_reason = $2, next_pull_at = NULL WHERE watcher = $1
            """, cancellationToken, reason);

    /// <summary>Every watcher that has run against the store, by source and area, with its ages now. Only reads.</summary>
    public static async Task<IReadOnlyList<WatchState>> ListAsync(GisStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT watcher, source, area, host, pid, every, started_at, beat_at, now() - beat_at, cycle, pull_started_at, pull_ended_at,
                   last_success_at, now() - last_success_at, rows_read, rows_new, errors, last_error, last_error_at, next_pull_at,
                   messages_waiting, messages_failed, stopped_at, stop_reason
            FROM watch_heartbeat ORDER BY source, area
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<WatchState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            DateTime? At(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTime>(i);
            int? Number(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            states.Add(new WatchState(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt32(4), reader.GetFieldValue<TimeSpan>(5), reader.GetFieldValue<DateTime>(6), reader.GetFieldValue<DateTime>(7),
                reader.GetFieldValue<TimeSpan>(8), reader.GetInt32(9), At(10), At(11), At(12),
                reader.IsDBNull(13) ? null : reader.GetFieldValue<TimeSpan>(13), Number(14), Number(15), reader.GetInt32(16), Text(17),
                At(18), At(19), Number(20), Number(21), At(22), Text(23)));
        }
        return states;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct, params object?[] values)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await Sql.ExecuteAsync(connection, null, sql, ct, [watcher, .. values]);
    }
}
