using System.Globalization;
using Gis.Importers.Store;

namespace Gis.Importers.Alerts;

/// <summary>What one delivery pass did: messages delivered, failed (to be tried again later) and still waiting.</summary>
public sealed record AlertDeliveryPass(int Delivered, int Failed, int Waiting);

/// <summary>
/// Delivers the outbox (<c>alert_outbox</c>): every message due, one at a time, each in a transaction that holds its
/// row locked while it is sent, so two deliverers (the watcher and <c>gis alerts deliver</c>) never send the same one.
/// A failure is recorded with exponential back-off and tried again by a later pass, without limit: a receiver down
/// for hours gets every message once it is back.
/// </summary>
/// <remarks>
/// A message is composed when it is sent, from the detections its row names (the import that queued it cannot draw).
/// The one repeat possible is a crash between the receiver accepting a message and the row's commit; the outbox id
/// travels with it (Message-ID, <c>X-Gis-Alert-Id</c>) so a receiver can drop it.
/// </remarks>
public sealed class AlertDelivery(GisStore store, AlertSettings settings, HttpClient http)
{
    /// <summary>Draws the map of a message's detections as PNG, or null for none; no map when not set.</summary>
    public Func<AlertContent, CancellationToken, Task<byte[]?>>? RenderMap { get; init; }

    /// <summary>The wait after a first failure; doubled after each further one up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two tries of a message.</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Receives one line per message delivered or failed (no secrets: addresses by host, errors by their text).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Delivers every message due now; a message that fails is not tried again in the same pass.</summary>
    public async Task<AlertDeliveryPass> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var tried = new List<long>();
        int delivered = 0, failed = 0;
        var rules = new AlertRules(store);
        // Both channels of a rule's message show the same map: drawn once.
        var maps = new Dictionary<(long, long), byte[]?>();
        while (true)
        {
            await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            long id, ruleId, batchId;
            string channel;
            long[] detectionIds;
            int attempts;
            await using (var command = Sql.Command(connection, tx, """
                SELECT id, rule_id, batch_id, channel, detection_ids, attempts FROM alert_outbox
                WHERE delivered_at IS NULL AND next_attempt_at <= now() AND NOT (id = ANY($1))
                  AND rule_id IN (SELECT id FROM alert_rule WHERE removed_at IS NULL)
                ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
                """, tried.ToArray()))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                    break;
                (id, ruleId, batchId, channel) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
                (detectionIds, attempts) = (reader.GetFieldValue<long[]>(4), reader.GetInt32(5));
            }
            tried.Add(id);
            var rule = await rules.FindAsync(ruleId, cancellationToken)
                ?? throw new StoreException($"alert_outbox row {id} names rule {ruleId}, which is gone.");
            try
            {
                var content = await ComposeAsync(rule, detectionIds, cancellationToken);
                if (!maps.TryGetValue((ruleId, batchId), out var map))
                    maps[(ruleId, batchId)] = map = RenderMap is null ? null : await RenderMap(content, cancellationToken);
                if (channel == "email")
                    await AlertSenders.SendEmailAsync(settings, id, content, map, cancellationToken);
                else
                    await AlertSenders.PostWebhookAsync(http, settings, id, content, map, cancellationToken);
                await Sql.ExecuteAsync(connection, tx, """
                    UPDATE alert_outbox SET delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1
                    """, cancellationToken, id);
                delivered++;
                Log?.Invoke($"alert {rule.Name}: {channel} delivered ({content.Detections.Count} detections)");
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var wait = TimeSpan.FromTicks(Math.Min(RetryMax.Ticks, RetryBase.Ticks * (1L << Math.Min(attempts, 20))));
                await Sql.ExecuteAsync(connection, tx, """
                    UPDATE alert_outbox SET attempts = attempts + 1, next_attempt_at = now() + $2, last_error = $3 WHERE id = $1
                    """, cancellationToken, id, wait, e.Message);
                failed++;
                Log?.Invoke($"alert {rule.Name}: {channel} failed ({e.Message}); next try in " +
                    wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s");
            }
            await tx.CommitAsync(cancellationToken);
        }
        await using var count = await store.DataSource.OpenConnectionAsync(cancellationToken);
        var waiting = await Sql.ScalarAsync<long>(count, null, """
            SELECT count(*) FROM alert_outbox
            WHERE delivered_at IS NULL AND rule_id IN (SELECT id FROM alert_rule WHERE removed_at IS NULL)
            """,
            cancellationToken);
        return new AlertDeliveryPass(delivered, failed, (int)waiting);
    }

    /// <summary>The message of <paramref name="rule"/> about the detections <paramref name="detectionIds"/>.</summary>
    public async Task<AlertContent> ComposeAsync(AlertRule rule, IReadOnlyCollection<long> detectionIds,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new AlertContent(rule, await AlertContent.DetectionsAsync(store, detectionIds, rule.Language == "th", cancellationToken),
            settings.WorkstationUrl);
    }
}
