using System.Text.Json;
using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Alerts;

/// <summary>
/// Queues the messages of an occasion (a season trigger's area and day, a digest's day, a report's due date): one outbox
/// row per channel of the rule, unique per rule, occasion and channel, so whoever queues it a second time (an import of
/// the same day, a second delivery pass, a restarted watcher) adds nothing.
/// </summary>
internal static class AlertQueue
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>True when the rule's occasion is queued already (then its figures need not be computed).</summary>
    public static Task<bool> QueuedAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, long ruleId, string occasion,
        CancellationToken ct) =>
        Sql.ScalarAsync<bool>(connection, tx, "SELECT EXISTS (SELECT FROM alert_outbox WHERE rule_id = $1 AND occasion = $2)", ct,
            ruleId, occasion);

    /// <summary>
    /// Queues the occasion's rows with <paramref name="figures"/> (as JSON); returns the rows added (0 when queued before).
    /// </summary>
    /// <param name="batchId">The import that found it; null for a schedule.</param>
    /// <param name="detectionIds">The detections the message shows (a digest's); empty for none.</param>
    public static Task<int> EnqueueAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? tx, long ruleId, string kind, string occasion,
        T figures, long? batchId, long[] detectionIds, CancellationToken ct) =>
        Sql.ExecuteAsync(connection, tx, """
            INSERT INTO alert_outbox (rule_id, batch_id, channel, detection_ids, kind, occasion, figures)
            SELECT r.id, $2, ch.channel, $3, $4, $5, $6::jsonb
            FROM alert_rule r
            CROSS JOIN LATERAL (VALUES ('email', cardinality(r.emails) > 0), ('webhook', r.webhook_url IS NOT NULL)) ch(channel, wanted)
            WHERE r.id = $1 AND ch.wanted
            ON CONFLICT (rule_id, occasion, channel) WHERE occasion IS NOT NULL DO NOTHING
            """, ct, ruleId, batchId, detectionIds, kind, occasion, JsonSerializer.Serialize(figures, Json));
}
