using Gis.Importers.Store;

namespace Gis.Importers.Alerts;

/// <summary>Per rule, how many of its messages wait and how many went out.</summary>
public readonly record struct AlertOutboxCounts(int Waiting, int Delivered);

/// <summary>What the outbox (<c>alert_outbox</c>) holds, for <c>gis alerts list</c>.</summary>
public sealed class AlertOutbox(GisStore store)
{
    /// <summary>Messages waiting and delivered per rule id; a rule without messages is absent.</summary>
    public async Task<IReadOnlyDictionary<long, AlertOutboxCounts>> CountsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT rule_id, count(*) FILTER (WHERE delivered_at IS NULL)::int, count(delivered_at)::int
            FROM alert_outbox GROUP BY rule_id
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<long, AlertOutboxCounts>();
        while (await reader.ReadAsync(cancellationToken))
            counts[reader.GetInt64(0)] = new AlertOutboxCounts(reader.GetInt32(1), reader.GetInt32(2));
        return counts;
    }
}
