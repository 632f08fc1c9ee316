using System.Globalization;
using System.Text.Json;
using Gis.Importers.Store;

namespace Gis.Importers.Alerts;

/// <summary>What one delivery pass did: messages delivered, failed (to be tried again later) and still waiting.</summary>
public sealed record AlertDeliveryPass(int Delivered, int Failed, int Waiting)
{
    /// <summary>Digest and report messages the pass queued first because they fell due.</summary>
    public int Scheduled { get; init; }
}

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

    /// <summary>
    /// Makes the files of a due report (the district report's PDF and XLSX of <c>gis report</c>) for a rule, a period and
    /// the day it is made on; a report message cannot be sent without it.
    /// </summary>
    public Func<AlertRule, ReportFigures, CancellationToken, Task<IReadOnlyList<AlertAttachment>>>? RenderReport { get; init; }

    /// <summary>The clock that decides which digests and reports are due; the system's unless a test sets one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Receives one line per message delivered or failed (no secrets: addresses by host, errors by their text).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Queues the digests and reports due now (<see cref="AlertSchedules"/>), then delivers every message due; a message
    /// that fails is not tried again in the same pass.
    /// </summary>
    public async Task<AlertDeliveryPass> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var scheduled = await AlertSchedules.EnqueueDueAsync(store, Clock.GetUtcNow(), cancellationToken);
        var tried = new List<long>();
        int delivered = 0, failed = 0;
        var rules = new AlertRules(store);
        // Both channels of a rule's message carry the same files (map, report): made once.
        var files = new Dictionary<(long, string), IReadOnlyList<AlertAttachment>>();
        while (true)
        {
            await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            QueuedMessage queued;
            await using (var command = Sql.Command(connection, tx, """
                SELECT id, rule_id, batch_id, channel, detection_ids, attempts, kind, occasion, figures::text FROM alert_outbox
                WHERE delivered_at IS NULL AND next_attempt_at <= now() AND NOT (id = ANY($1))
                  AND rule_id IN (SELECT id FROM alert_rule WHERE removed_at IS NULL)
                ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
                """, tried.ToArray()))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                    break;
                queued = new QueuedMessage(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2),
                    reader.GetString(3), reader.GetFieldValue<long[]>(4), reader.GetInt32(5), reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8));
            }
            var (id, channel, attempts) = (queued.Id, queued.Channel, queued.Attempts);
            tried.Add(id);
            var rule = await rules.FindAsync(queued.RuleId, cancellationToken)
                ?? throw new StoreException($"alert_outbox row {id} names rule {queued.RuleId}, which is gone.");
            try
            {
                var content = await ComposeAsync(rule, queued, cancellationToken);
                var key = (queued.RuleId, queued.Occasion ?? queued.BatchId?.ToString(CultureInfo.InvariantCulture) ?? "");
                if (!files.TryGetValue(key, out var attached))
                    files[key] = attached = await FilesAsync(content, cancellationToken);
                if (channel == "email")
                    await AlertSenders.SendEmailAsync(settings, id, content, attached, cancellationToken);
                else
                    await AlertSenders.PostWebhookAsync(http, settings, id, content, attached, cancellationToken);
                await Sql.ExecuteAsync(connection, tx, """
                    UPDATE alert_outbox SET delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1
                    """, cancellationToken, id);
                delivered++;
                Log?.Invoke($"alert {rule.Name}: {channel} delivered ({Describe(content)})");
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
        return new AlertDeliveryPass(delivered, failed, (int)waiting) { Scheduled = scheduled };
    }

    /// <summary>One outbox row as read for delivery.</summary>
    private sealed record QueuedMessage(long Id, long RuleId, long? BatchId, string Channel, long[] DetectionIds, int Attempts,
        string Kind, string? Occasion, string? Figures);

    /// <summary>The message a queued row stands for, composed now in the rule's language.</summary>
    private async Task<AlertMessage> ComposeAsync(AlertRule rule, QueuedMessage queued, CancellationToken ct)
    {
        switch (queued.Kind)
        {
            case AlertTriggers.NewDetections:
                return await ComposeAsync(rule, queued.DetectionIds, ct);
            case AlertTriggers.AboveBaseline or AlertTriggers.CapRunRate:
                return await ComposeAsync(rule, JsonSerializer.Deserialize<SeasonFigures>(queued.Figures!, AlertQueue.Json)
                    ?? throw new StoreException($"alert_outbox row {queued.Id}: no figures."), ct);
            case AlertTriggers.Digest:
                var digest = JsonSerializer.Deserialize<DigestFigures>(queued.Figures!, AlertQueue.Json)
                    ?? throw new StoreException($"alert_outbox row {queued.Id}: no figures.");
                return DigestAlert.Of(rule, digest, await AreaNameAsync(digest.AreaCode, rule.Language == "th", ct),
                    await ComposeAsync(rule, queued.DetectionIds, ct), settings.WorkstationUrl);
            case AlertTriggers.Report:
                var report = JsonSerializer.Deserialize<ReportFigures>(queued.Figures!, AlertQueue.Json)
                    ?? throw new StoreException($"alert_outbox row {queued.Id}: no figures.");
                return new ReportAlert(rule, report, await AreaNameAsync(report.AreaCode, rule.Language == "th", ct),
                    settings.WorkstationUrl);
            default:
                throw new StoreException($"alert_outbox row {queued.Id}: unknown kind {queued.Kind}.");
        }
    }

    /// <summary>The files a message carries: the map of its detections, a report's PDF and XLSX.</summary>
    private async Task<IReadOnlyList<AlertAttachment>> FilesAsync(AlertMessage message, CancellationToken ct)
    {
        if (message is ReportAlert report)
        {
            return RenderReport is null ? throw new InvalidOperationException("reports cannot be made here (no report renderer)")
                : await RenderReport(report.Rule, report.Figures, ct);
        }
        var detections = message switch
        {
            AlertContent content => content,
            DigestAlert digest => digest.Detections,
            _ => null,
        };
        return detections is { Detections.Count: > 0 } && RenderMap is not null && await RenderMap(detections, ct) is { } png
            ? [new AlertAttachment("hotspots.png", "image/png", png)]
            : [];
    }

    private static string Describe(AlertMessage message) => message switch
    {
        AlertContent content => $"{content.Detections.Count} detections",
        _ => message.Kind,
    };

    /// <summary>The name of a province or district in Thai or English; null when the store has none.</summary>
    private async Task<string?> AreaNameAsync(string code, bool th, CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        return await Sql.ScalarAsync<string?>(connection, null, """
            SELECT CASE WHEN $2 THEN name_th ELSE name_en END FROM admin_area WHERE code = $1
            UNION ALL SELECT CASE WHEN $2 THEN name_th ELSE name_en END FROM province_name WHERE code = $1
            LIMIT 1
            """, ct, code, th);
    }

    /// <summary>The message of a season rule on <paramref name="figures"/>, with the area's name.</summary>
    public async Task<SeasonAlert> ComposeAsync(AlertRule rule, SeasonFigures figures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(figures);
        return new SeasonAlert(rule, figures, await AreaNameAsync(figures.AreaCode, rule.Language == "th", cancellationToken),
            settings.WorkstationUrl);
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
