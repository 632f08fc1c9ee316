using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Alerts;

/// <summary>
/// The new-detections trigger: which counted detections a rule has not told about yet. One definition, used by the
/// import (which queues them in its own transaction) and by <c>gis alerts test</c> (which only reads).
/// </summary>
/// <remarks>
/// A detection is told once per rule: <c>alert_sent_detection</c> remembers it by satellite, time and position, which
/// its standard record shares with its NRT record (ADR 0007). A standard record of a pass (satellite, UTC day) whose NRT
/// detections the rule has told about is not news either, even where reprocessing moved or added a point: it arrives
/// weeks later, and ADR 0007 matches the two by that pair. Superseded rows never count, so never alert.
/// </remarks>
public static class AlertTrigger
{
    // Rules and their area: by the district the importer tagged (as every count does) for a code without a buffer,
    // else by geometry, within buffer_m metres on the ellipsoid. Completed by Candidates(rules, detections).
    private const string CandidatesText = """
        WITH rule AS (
            SELECT r.id, r.area_code, r.buffer_m, r.min_confidence, r.min_frp_mw, r.max_age,
                   CASE WHEN r.area_code IS NOT NULL AND r.buffer_m = 0 THEN NULL
                        ELSE coalesce(r.drawn, (SELECT geom FROM project_area WHERE id = r.project_area_id),
                            (SELECT geom FROM admin_province WHERE code = r.area_code),
                            (SELECT geom FROM admin_district WHERE code = r.area_code)) END AS geom
            FROM alert_rule r WHERE r.enabled AND r.removed_at IS NULL AND r.trigger = 'new-detections' AND {rules}),
        candidate AS (
            SELECT r.id AS rule_id, h.id, h.satellite, h.acquired_utc, h.latitude, h.longitude, h.is_nrt
            FROM rule r JOIN hotspot_counted h ON {detections}
            WHERE h.acquired_utc >= $2 - r.max_age
              AND (r.min_confidence IS NULL OR strpos('lnh', h.confidence) >= strpos('lnh', r.min_confidence))
              AND (r.min_frp_mw IS NULL OR h.frp_mw >= r.min_frp_mw)
              AND CASE WHEN r.geom IS NULL
                       THEN h.district_code = r.area_code OR (char_length(r.area_code) = 2 AND left(h.district_code, 2) = r.area_code)
                       ELSE ST_Intersects(r.geom, h.geom)
                            OR (r.buffer_m > 0 AND ST_DWithin(r.geom::geography, h.geom::geography, r.buffer_m)) END
              AND NOT EXISTS (SELECT FROM alert_sent_detection s WHERE s.rule_id = r.id AND s.satellite = h.satellite
                      AND s.acquired_utc = h.acquired_utc AND s.latitude = h.latitude AND s.longitude = h.longitude)
              AND (h.is_nrt OR NOT EXISTS (SELECT FROM alert_sent_detection s WHERE s.rule_id = r.id AND s.is_nrt
                      AND s.satellite = h.satellite
                      AND s.acquired_utc >= date_trunc('day', h.acquired_utc AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                      AND s.acquired_utc < (date_trunc('day', h.acquired_utc AT TIME ZONE 'UTC') + interval '1 day') AT TIME ZONE 'UTC')))
        """;

    /// <summary>The candidates' SQL for the rules <paramref name="rules"/> and detections <paramref name="detections"/> pick
    /// (constant conditions of this class; values are parameters).</summary>
    private static string Candidates(string rules, string detections) =>
        CandidatesText.Replace("{rules}", rules, StringComparison.Ordinal).Replace("{detections}", detections, StringComparison.Ordinal);

    /// <summary>
    /// Queues, in the import's transaction, one outbox row per rule and channel for the detections of batch
    /// <paramref name="batchId"/> that are new to the rule, and remembers them; then the season triggers'
    /// (<see cref="SeasonTrigger"/>). Returns the rows queued. Cost: one statement, and two reads per season rule not
    /// yet told today; with no enabled rule, one index probe.
    /// </summary>
    /// <param name="importedAt">The import's time: detections acquired more than a rule's <c>max_age</c> before are history.</param>
    internal static async Task<int> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long batchId,
        DateTimeOffset importedAt, CancellationToken ct)
    {
        if (!await Sql.ScalarAsync<bool>(connection, tx, "SELECT EXISTS (SELECT FROM alert_rule WHERE enabled AND removed_at IS NULL)", ct))
            return 0;
        var queued = await Sql.ExecuteAsync(connection, tx, Candidates("TRUE", "h.batch_id = $1") + """
            ,
            remembered AS (
                INSERT INTO alert_sent_detection (rule_id, satellite, acquired_utc, latitude, longitude, is_nrt, batch_id)
                SELECT rule_id, satellite, acquired_utc, latitude, longitude, is_nrt, $1 FROM candidate
                ON CONFLICT DO NOTHING)
            INSERT INTO alert_outbox (rule_id, batch_id, channel, detection_ids)
            SELECT c.rule_id, $1, ch.channel, array_agg(c.id ORDER BY c.id)
            FROM candidate c JOIN alert_rule r ON r.id = c.rule_id
            CROSS JOIN LATERAL (VALUES ('email', cardinality(r.emails) > 0), ('webhook', r.webhook_url IS NOT NULL)) ch(channel, wanted)
            WHERE ch.wanted
            GROUP BY c.rule_id, ch.channel
            """, ct, batchId, importedAt.UtcDateTime);
        // The same hook, the same transaction: the season figures include this import's detections (ADR 0040).
        return queued + await SeasonTrigger.EnqueueAsync(connection, tx, batchId, importedAt, ct);
    }

    /// <summary>
    /// The detections <paramref name="rule"/> would tell about if they were new now: counted ones in its area, acquired
    /// within its <c>max_age</c> before <paramref name="at"/>, not told yet. Only reads.
    /// </summary>
    public static async Task<IReadOnlyList<long>> PreviewAsync(GisStore store, AlertRule rule, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rule);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        // The rule is asked for as if enabled: a test of a paused rule shows what it would send once enabled.
        await using var command = Sql.Command(connection, null,
            Candidates("r.id = $1", "h.acquired_utc >= $2 - r.max_age").Replace("r.enabled AND ", "", StringComparison.Ordinal)
            + " SELECT id FROM candidate ORDER BY id", rule.Id, at.UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
            ids.Add(reader.GetInt64(0));
        return ids;
    }
}
