using System.Globalization;
using System.Text.Json.Serialization;
using Gis.Core.Periods;
using Gis.Core.Time;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Alerts;

/// <summary>What a daily digest is about, as queued: the area, the Bangkok day before the digest's, whether it has data.</summary>
/// <param name="Covered">Whether the store holds FIRMS data for the day (<c>data_coverage</c>); without it a day without
/// detections is no data, never zero.</param>
public sealed record DigestFigures(string AreaCode, DateOnly Day, bool Covered, int Count);

/// <summary>What a due report is, as queued: the area, the period reported and the Bangkok day it fell due.</summary>
/// <param name="Period">The period's label: <c>season:2569</c>, <c>fiscal:2569</c>.</param>
/// <param name="Every"><c>day</c>, <c>week</c>, <c>month</c> or <c>end</c>.</param>
public sealed record ReportFigures(string AreaCode, string Period, int SeasonEndMonth, DateOnly Due, string Every)
{
    /// <summary>The period reported.</summary>
    [JsonIgnore]
    public Period ParsedPeriod => Core.Periods.Period.Parse(Period, ce: false, SeasonEndMonth);
}

/// <summary>
/// Queues the digests and reports that are due, once per period: the deliverer (<c>gis alerts deliver</c>, and so the
/// watcher, which delivers after every cycle) calls it before each pass. The occasion of a digest is its Bangkok day, of a
/// report its period and the day, week or month it is due for (or its end), unique per rule and channel, so a second pass,
/// a second process or a restart queues nothing twice (ADR 0040). A period whose deliverer never ran is not made up for,
/// except within itself: a weekly or monthly report is due on any day of its week or month that the deliverer runs.
/// </summary>
public static class AlertSchedules
{
    private sealed record ScheduledRule(long Id, string Kind, string AreaCode, int Hour, string? ReportPeriod, string? Every,
        int SeasonEndMonth, DateOnly Created);

    /// <summary>Queues what is due at <paramref name="now"/>; returns the outbox rows added.</summary>
    public static async Task<int> EnqueueDueAsync(GisStore store, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        var rules = new List<ScheduledRule>();
        await using (var command = Sql.Command(connection, null, """
            SELECT id, trigger, area_code, at_hour, report_period, report_every, season_end_month,
                   (created_at AT TIME ZONE 'Asia/Bangkok')::date
            FROM alert_rule WHERE enabled AND removed_at IS NULL AND trigger IN ('digest', 'report') ORDER BY id
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rules.Add(new ScheduledRule(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt16(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.GetInt16(6), reader.GetFieldValue<DateOnly>(7)));
            }
        }
        var local = now.UtcDateTime + Bangkok.UtcOffset;
        var (today, hour) = (DateOnly.FromDateTime(local), local.Hour);
        var queued = 0;
        foreach (var rule in rules)
        {
            if (rule.Kind == AlertTriggers.Digest)
            {
                var occasion = "digest " + Iso(today);
                if (hour < rule.Hour || await AlertQueue.QueuedAsync(connection, null, rule.Id, occasion, cancellationToken))
                    continue;
                await using var tx = await connection.BeginTransactionAsync(cancellationToken);
                var (ids, covered) = await DayAsync(connection, tx, rule.AreaCode, today.AddDays(-1), cancellationToken);
                queued += await AlertQueue.EnqueueAsync(connection, tx, rule.Id, rule.Kind, occasion,
                    new DigestFigures(rule.AreaCode, today.AddDays(-1), covered, ids.Length), null, ids, cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }
            else if (Due(rule, today, hour) is var (period, occasion)
                     && !await AlertQueue.QueuedAsync(connection, null, rule.Id, occasion, cancellationToken))
            {
                queued += await AlertQueue.EnqueueAsync(connection, null, rule.Id, rule.Kind, occasion,
                    new ReportFigures(rule.AreaCode, period.Label, rule.SeasonEndMonth, today, rule.Every!), null, [], cancellationToken);
            }
        }
        return queued;
    }

    /// <summary>The report a rule owes on <paramref name="today"/> and its occasion; null when none is due.</summary>
    private static (Period Period, string Occasion)? Due(ScheduledRule rule, DateOnly today, int hour)
    {
        var current = rule.ReportPeriod == "fiscal" ? Period.Fiscal(ThaiCalendar.FiscalYear(today))
            : Period.Season(ThaiCalendar.BuddhistYear(today), rule.SeasonEndMonth);
        if (rule.Every == "end")
        {
            // The period ended last; due from the day after its end, once, if it ended after the rule was added.
            var ended = today > current.To ? current : current.Previous();
            var first = ended.To.AddDays(1);
            return ended.To >= rule.Created && (today > first || hour >= rule.Hour) ? (ended, ended.Label + " end") : null;
        }
        // A report of a period in progress only: a season's in its months, a fiscal year's always.
        if (today < current.From || today > current.To)
            return null;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var (start, key) = rule.Every switch
        {
            "day" => (today, Iso(today)),
            "week" => (monday, "week " + Iso(monday)),
            _ => (new DateOnly(today.Year, today.Month, 1), "month " + today.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
        };
        return today > start || hour >= rule.Hour ? (current, current.Label + " " + key) : null;
    }

    /// <summary>The counted detections of <paramref name="day"/> in the area, and whether the day has FIRMS data there.</summary>
    private static async Task<(long[] Ids, bool Covered)> DayAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string areaCode,
        DateOnly day, CancellationToken ct)
    {
        var ids = await Sql.ScalarAsync<long[]>(connection, tx, """
            SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM hotspot_counted h
            WHERE h.local_day = $1 AND (h.district_code = $2 OR (char_length($2) = 2 AND left(h.district_code, 2) = $2))
            """, ct, day, areaCode);
        var covered = await Sql.ScalarAsync<bool>(connection, tx, $"""
            SELECT EXISTS (SELECT FROM data_coverage c
                           WHERE c.source = 'firms' AND c.day BETWEEN $1 AND $2 AND {HotspotCoverage.SelectedIn("$3")})
            """, ct, day, day, areaCode[..2], null, null);
        return (ids, covered);
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
