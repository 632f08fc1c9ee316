using System.Globalization;
using System.Text.Json.Serialization;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Core.Time;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Alerts;

/// <summary>One span of Bangkok days counted for a season trigger: its count of detections and the days it has data for.</summary>
/// <param name="Label">The period the span is (the first part of): <c>season:2569</c>.</param>
public sealed record SeasonSpan(string Label, DateOnly From, DateOnly To, long Count, IReadOnlyList<DateOnly> CoveredDays)
{
    /// <summary>The days of the span with data; a day without it is no data, never zero.</summary>
    [JsonIgnore]
    public Coverage Coverage => Coverage.Of(From, To, CoveredDays);

    /// <summary>The days of the span.</summary>
    [JsonIgnore]
    public int Days => To.DayNumber - From.DayNumber + 1;
}

/// <summary>
/// What a season trigger judged, as queued (<c>alert_outbox.figures</c>) and told: the season to date in the area, the
/// baseline over the same days of its season(s), and for the cap the cap and the run-rate projection.
/// </summary>
/// <param name="Kind"><see cref="AlertTriggers.AboveBaseline"/> or <see cref="AlertTriggers.CapRunRate"/>.</param>
/// <param name="AreaCode">The province or district (DOPA code).</param>
/// <param name="AsOf">The Bangkok day of the import the figures were made at: the season is counted to it.</param>
/// <param name="Season">The whole season in progress.</param>
/// <param name="Current">The season from its first day to <paramref name="AsOf"/>.</param>
/// <param name="BaselineToDate">Each baseline season over the same number of days from its first day.</param>
/// <param name="BaselineWhole">Each whole baseline season (a cap taken from the target); empty otherwise.</param>
/// <param name="RuleCap">The rule's own cap; null: the cap is the target's.</param>
/// <param name="TargetPercent">The hotspot target (-5: a cut of 5 %) that makes the cap without a rule's cap.</param>
public sealed record SeasonFigures(
    string Kind,
    string AreaCode,
    DateOnly AsOf,
    SeasonSpan Season,
    SeasonSpan Current,
    IReadOnlyList<SeasonSpan> BaselineToDate,
    IReadOnlyList<SeasonSpan> BaselineWhole,
    double? RuleCap,
    double TargetPercent)
{
    /// <summary>The baseline to date: the count of its season, or the mean of its seasons, over the same days.</summary>
    [JsonIgnore]
    public double BaselineToDateCount => Baseline.Combine([.. BaselineToDate.Select(s => s.Count)]);

    /// <summary>The days of the baseline to date with data.</summary>
    [JsonIgnore]
    public Coverage BaselineToDateCoverage => Coverage.Combine(BaselineToDate.Select(s => s.Coverage));

    /// <summary>The whole baseline season(s), counted or averaged; null when not counted.</summary>
    [JsonIgnore]
    public double? BaselineWholeCount => BaselineWhole.Count == 0 ? null : Baseline.Combine([.. BaselineWhole.Select(s => s.Count)]);

    /// <summary>
    /// The cap: the rule's, or else the target applied to the whole baseline season(s) when every day of them has data and
    /// they hold a detection (a baseline of 0 or of no data makes no cap, as the targets table says no-baseline).
    /// </summary>
    [JsonIgnore]
    public double? Cap => RuleCap ?? (BaselineWholeCount is > 0 && Coverage.Combine(BaselineWhole.Select(s => s.Coverage)).IsComplete
        ? BaselineWholeCount * (1 + TargetPercent / 100) : null);

    /// <summary>The days from the season's first to <see cref="AsOf"/>.</summary>
    [JsonIgnore]
    public int ElapsedDays => AsOf.DayNumber - Season.From.DayNumber + 1;

    /// <summary>
    /// The run-rate projection to the season's end, as the targets table makes it (<see cref="HotspotTargets.Cap"/>): the
    /// count to date / the days elapsed (with data or not) x the days of the season.
    /// </summary>
    [JsonIgnore]
    public double ProjectedCount => (double)Current.Count / ElapsedDays * Season.Days;

    /// <summary>
    /// Whether the trigger fires: above-baseline when the count to date exceeds the baseline to date and every day of the
    /// baseline to date has data (a baseline with missing days could be higher than it looks; the season's own missing
    /// days can only add to its count); cap-run-rate when there is a cap and the projection exceeds it.
    /// </summary>
    [JsonIgnore]
    public bool Fires => Kind == AlertTriggers.AboveBaseline
        ? BaselineToDateCoverage.IsComplete && Current.Count > BaselineToDateCount
        : Cap is { } cap && ProjectedCount > cap;
}

/// <summary>
/// The season triggers (above-baseline, cap-run-rate), evaluated by the import in its transaction right after the
/// new-detections trigger (<see cref="AlertTrigger.EnqueueAsync"/>): counted from the daily cube and the coverage the
/// import has just brought up to date, so the figures include the import's detections. A rule fires at most once per
/// area and Bangkok day (the occasion <c>AREA DAY</c>): the first import of a day on which its condition holds queues it.
/// </summary>
public static class SeasonTrigger
{
    private sealed record SeasonRule(long Id, string Kind, string AreaCode, SeasonCheck Check);

    /// <summary>Queues the messages of the season rules whose condition holds after the import; returns the rows queued.</summary>
    internal static async Task<int> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long batchId,
        DateTimeOffset importedAt, CancellationToken ct)
    {
        var rules = new List<SeasonRule>();
        await using (var command = Sql.Command(connection, tx, """
            SELECT id, trigger, area_code, baseline, season_end_month, cap, target_pct FROM alert_rule
            WHERE enabled AND removed_at IS NULL AND trigger = ANY($1) ORDER BY id
            """, (object)AlertTriggers.Season.ToArray()))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rules.Add(new SeasonRule(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), new SeasonCheck(reader.GetString(3),
                    reader.GetInt16(4), reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.GetDouble(6))));
            }
        }
        var asOf = Bangkok.LocalDay(importedAt.UtcDateTime);
        var queued = 0;
        foreach (var rule in rules)
        {
            var occasion = Occasion(rule.AreaCode, asOf);
            if (await AlertQueue.QueuedAsync(connection, tx, rule.Id, occasion, ct))
                continue;
            if (await FiguresAsync(connection, tx, rule.Kind, rule.AreaCode, rule.Check, asOf, ct) is { Fires: true } figures)
                queued += await AlertQueue.EnqueueAsync(connection, tx, rule.Id, rule.Kind, occasion, figures, batchId, [], ct);
        }
        return queued;
    }

    /// <summary>
    /// The figures <paramref name="rule"/> (a season rule) would judge at <paramref name="at"/>, from what is stored; null
    /// outside the season. Only reads.
    /// </summary>
    public static async Task<SeasonFigures?> PreviewAsync(GisStore store, AlertRule rule, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rule);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        return await FiguresAsync(connection, null, rule.Trigger, rule.Area.Code!, rule.Season!, Bangkok.LocalDay(at.UtcDateTime),
            cancellationToken);
    }

    /// <summary>The occasion of a season trigger: the area and the Bangkok day.</summary>
    internal static string Occasion(string areaCode, DateOnly day) =>
        areaCode + " " + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The figures of <paramref name="kind"/> for the area on <paramref name="asOf"/>; null outside the season (no season
    /// in progress, nothing to judge). Reads the cube and the coverage through <paramref name="connection"/>, so inside an
    /// import's transaction they include its rows. Cost: key-range reads of the cubes (whole months, edge days) and the coverage.
    /// </summary>
    public static async Task<SeasonFigures?> FiguresAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string kind,
        string areaCode, SeasonCheck check, DateOnly asOf, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(check);
        var season = Period.Season(ThaiCalendar.BuddhistYear(asOf), check.SeasonEndMonth);
        if (asOf < season.From || asOf > season.To)
            return null;
        var elapsed = asOf.DayNumber - season.From.DayNumber + 1;
        var baselines = check.ParsedBaseline.PeriodsFor(season);
        // As the targets table counts a season in progress: each baseline season over as many days from its first.
        List<(string Label, DateOnly From, DateOnly To)> spans =
        [
            (season.Label, season.From, season.To), (season.Label, season.From, asOf),
            .. baselines.Select(p => (p.Label, p.From, p.From.AddDays(elapsed - 1) is var d && d < p.To ? d : p.To)),
        ];
        if (kind == AlertTriggers.CapRunRate && check.Cap is null)
            spans.AddRange(baselines.Select(p => (p.Label, p.From, p.To)));
        var counts = new long[spans.Count];
        // The targets' own read of the cubes (whole months from the monthly one), every sensor.
        await using (var command = Sql.Command(connection, tx, $"""
            SELECT h.idx, sum(h.detections)::bigint
            FROM {CountedHotspots.CubeInPeriods(HotspotSource.Firms, "$1::date[]", "$2::date[]")} h
            WHERE h.district_code = $3 OR (char_length($3) = 2 AND left(h.district_code, 2) = $3)
            GROUP BY h.idx
            """, spans.Select(s => s.From).ToArray(), spans.Select(s => s.To).ToArray(), areaCode))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                counts[reader.GetInt64(0) - 1] = reader.GetInt64(1);
        }
        var covered = new List<DateOnly>();
        // Any FIRMS series counts, as the counts above take every sensor; a claim with a box counts where it meets the province.
        await using (var command = Sql.Command(connection, tx, $"""
            SELECT DISTINCT c.day FROM data_coverage c
            WHERE c.source = 'firms' AND c.day BETWEEN $1 AND $2 AND {HotspotCoverage.SelectedIn("$3")}
            ORDER BY 1
            """, spans.Min(s => s.From), spans.Max(s => s.To), areaCode[..2], null, null))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                covered.Add(reader.GetFieldValue<DateOnly>(0));
        }
        var made = spans.Select((s, i) => new SeasonSpan(s.Label, s.From, s.To, counts[i],
            [.. covered.Where(d => d >= s.From && d <= s.To)])).ToList();
        return new SeasonFigures(kind, areaCode, asOf, made[0], made[1], made.GetRange(2, baselines.Count),
            made.Skip(2 + baselines.Count).ToList(), check.Cap, check.TargetPercent);
    }
}
