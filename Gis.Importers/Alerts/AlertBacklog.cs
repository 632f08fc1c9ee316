using Gis.Importers.Store;

namespace Gis.Importers.Alerts;

/// <summary>
/// What waits in the outbox, for <c>gis watch status</c>: messages not delivered yet and the age of the oldest, those of
/// them that failed at least once and the age of the oldest of those, with the latest error (no secrets: the senders
/// name a webhook by its host). Ages by the database's clock.
/// </summary>
public sealed record AlertBacklog(int Waiting, TimeSpan? OldestWaitingAge, int Failing, TimeSpan? OldestFailingAge, string? LastError)
{
    /// <summary>Reads the backlog now. Only reads; one statement.</summary>
    public static async Task<AlertBacklog> ReadAsync(GisStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT count(*)::int, now() - min(created_at), count(*) FILTER (WHERE attempts > 0)::int,
                   now() - min(created_at) FILTER (WHERE attempts > 0),
                   (SELECT last_error FROM alert_outbox WHERE delivered_at IS NULL AND last_error IS NOT NULL
                    ORDER BY next_attempt_at DESC, id DESC LIMIT 1)
            FROM alert_outbox WHERE delivered_at IS NULL
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        TimeSpan? Age(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<TimeSpan>(i);
        return new AlertBacklog(reader.GetInt32(0), Age(1), reader.GetInt32(2), Age(3), reader.IsDBNull(4) ? null : reader.GetString(4));
    }
}
