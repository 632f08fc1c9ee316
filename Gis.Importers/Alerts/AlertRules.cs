using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Importers.Store;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace Gis.Importers.Alerts;

/// <summary>The stored alert rules (<c>alert_rule</c>): added, listed and removed by name.</summary>
public sealed class AlertRules(GisStore store)
{
    /// <summary>
    /// Stores <paramref name="rule"/> and returns it with its id. Refused (<see cref="StoreException"/>, nothing
    /// stored) when the name is taken or its area is not in the store.
    /// </summary>
    public async Task<AlertRule> AddAsync(AlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        if (await Sql.ScalarAsync<bool>(connection, tx, "SELECT EXISTS (SELECT FROM alert_rule WHERE name = $1 AND removed_at IS NULL)",
                cancellationToken, rule.Name))
            throw new StoreException($"Alert rule '{rule.Name}' exists already; remove it first or choose another name.");
        var areaKnown = rule.Area switch
        {
            { Code: { } code } => await Sql.ScalarAsync<bool>(connection, tx,
                "SELECT EXISTS (SELECT FROM admin_area WHERE code = $1 OR (char_length($1) = 2 AND province_code = $1 AND level = 4))",
                cancellationToken, code),
            { ProjectAreaId: { } areaId } => await Sql.ScalarAsync<bool>(connection, tx,
                "SELECT EXISTS (SELECT FROM project_area WHERE id = $1)", cancellationToken, areaId),
            _ => true,
        };
        if (!areaKnown)
            throw new StoreException($"Alert rule '{rule.Name}': {rule.Area} is not in the store.");
        var recipients = rule.Recipients;
        await using var command = Sql.Command(connection, tx, """
            INSERT INTO alert_rule (name, area_code, project_area_id, drawn, buffer_m, min_confidence, min_frp_mw, max_age,
                emails, webhook_url, webhook_format, line_to, language, enabled, trigger, baseline, season_end_month, cap, target_pct,
                at_hour, report_period, report_every)
            VALUES ($1, $2, $3, ST_Multi($4), $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
            RETURNING id
            """, rule.Name, rule.Area.Code, rule.Area.ProjectAreaId, null, rule.BufferMeters,
            rule.MinConfidence is { } c ? Confidences.Code(c).ToString() : null, rule.MinFrpMw, rule.MaxAge ?? AlertRule.DefaultMaxAge,
            recipients.Emails.ToArray(), recipients.Webhook?.ToString(), recipients.WebhookFormat, recipients.LineTo, rule.Language,
            rule.Enabled, rule.Trigger, rule.Season?.Baseline, (short)(rule.Season?.SeasonEndMonth ?? Period.DefaultSeasonEndMonth),
            rule.Season?.Cap, rule.Season?.TargetPercent ?? Reduction.DefaultTargetPercent, (short?)rule.Schedule?.BangkokHour,
            rule.Schedule?.ReportPeriod, rule.Schedule?.ReportEvery);
        // A null geometry parameter needs its type named, or PostgreSQL cannot tell which ST_Multi is meant.
        command.Parameters[3] = new NpgsqlParameter
        {
            Value = (object?)rule.Area.Drawn ?? DBNull.Value,
            NpgsqlDbType = NpgsqlDbType.Geometry,
        };
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        await tx.CommitAsync(cancellationToken);
        return rule with { Id = id };
    }

    /// <summary>Every rule in force (not removed), by name.</summary>
    public async Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken = default) =>
        await ReadAsync("removed_at IS NULL", null, cancellationToken);

    /// <summary>The rule in force called <paramref name="name"/>, or null.</summary>
    public async Task<AlertRule?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        (await ReadAsync("name = $1 AND removed_at IS NULL", name, cancellationToken)).SingleOrDefault();

    /// <summary>The rule with the store id <paramref name="id"/>, or null.</summary>
    internal async Task<AlertRule?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        (await ReadAsync("id = $1", id, cancellationToken)).SingleOrDefault();

    /// <summary>
    /// Takes the rule called <paramref name="name"/> out of force: it queues nothing more and its undelivered messages are
    /// held, not sent, but the rule, those messages and its memory of what it told are kept for <see cref="RestoreAsync"/>
    /// (ADR 0040). Returns how many undelivered messages it holds; null when no rule in force has the name.
    /// </summary>
    public async Task<int?> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            UPDATE alert_rule r SET removed_at = clock_timestamp() WHERE name = $1 AND removed_at IS NULL
            RETURNING (SELECT count(*) FROM alert_outbox o WHERE o.rule_id = r.id AND o.delivered_at IS NULL)::int
            """, name);
        return await command.ExecuteScalarAsync(cancellationToken) is int waiting ? waiting : null;
    }

    /// <summary>
    /// Puts the rule called <paramref name="name"/> removed last back in force, with its held messages (the next delivery
    /// sends them) and its memory, so it does not tell again what it told before. Returns how many undelivered messages
    /// it brings back; null when no removed rule has the name. Refused (<see cref="StoreException"/>) while a rule in
    /// force has the name.
    /// </summary>
    public async Task<int?> RestoreAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            UPDATE alert_rule r SET removed_at = NULL
            WHERE id = (SELECT id FROM alert_rule WHERE name = $1 AND removed_at IS NOT NULL ORDER BY removed_at DESC, id DESC LIMIT 1)
            RETURNING (SELECT count(*) FROM alert_outbox o WHERE o.rule_id = r.id AND o.delivered_at IS NULL)::int
            """, name);
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken) is int waiting ? waiting : null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new StoreException(
                $"Alert rule '{name}' cannot be restored: another rule in force has its name; remove that one first.", e);
        }
    }

    private async Task<IReadOnlyList<AlertRule>> ReadAsync(string where, object? value, CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        // The condition is one of the constant texts above; the value travels as a parameter.
        await using var command = Sql.Command(connection, null, $"""
            SELECT id, name, area_code, project_area_id, drawn, buffer_m, min_confidence, min_frp_mw, max_age, emails, webhook_url,
                   webhook_format, line_to, language, enabled, trigger, baseline, season_end_month, cap, target_pct, at_hour,
                   report_period, report_every
            FROM alert_rule WHERE {where} ORDER BY name
            """, value is null ? [] : [value]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rules = new List<AlertRule>();
        while (await reader.ReadAsync(ct))
        {
            var area = new AlertArea(reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<Geometry>(4));
            var recipients = new AlertRecipients(reader.GetFieldValue<string[]>(9),
                reader.IsDBNull(10) ? null : new Uri(reader.GetString(10)), reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12));
            rules.Add(new AlertRule(reader.GetString(1), area, recipients, reader.GetDouble(5),
                reader.IsDBNull(6) ? null : Confidences.TryParseClass(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetFloat(7), reader.GetFieldValue<TimeSpan>(8), reader.GetString(13),
                reader.GetBoolean(14))
            {
                Id = reader.GetInt64(0),
                Trigger = reader.GetString(15),
                Season = reader.IsDBNull(16) ? null : new SeasonCheck(reader.GetString(16), reader.GetInt16(17),
                    reader.IsDBNull(18) ? null : reader.GetDouble(18), reader.GetDouble(19)),
                Schedule = reader.IsDBNull(20) ? null : new AlertSchedule(reader.GetInt16(20),
                    reader.IsDBNull(21) ? null : reader.GetString(21), reader.IsDBNull(22) ? null : reader.GetString(22)),
            });
        }
        return rules;
    }
}
