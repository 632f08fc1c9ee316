using System.Diagnostics;
using Gis.Core;
using Gis.Core.Hotspots;
using Gis.Core.Spatial;
using Gis.Core.Time;
using Gis.Importers.Queries.AdminAreas;
using Gis.Importers.Store;
using Npgsql;
using NpgsqlTypes;

namespace Gis.Importers.Firms;

/// <summary>
/// Imports FIRMS files into <c>hotspot</c>, one file per batch and one transaction per batch: a killed process or
/// database leaves either the whole file stored or nothing of it, so a rerun stores each detection exactly once.
/// </summary>
/// <remarks>
/// Rows are parsed, checked against the identities stored for their day and those earlier in the file (a duplicate
/// is counted, not sent: the stored detection, or the first in the file, is kept), tagged with their district and
/// streamed by binary COPY straight into the table of their year (ADR 0022), and counted for the daily cube on the way
/// (ADR 0028). Memory grows with the new detections' identities, about 20 bytes each, and with the
/// batch's daily counts; one chunk of rows per year; rejected lines are kept up to <see cref="MaxRejectionsKept"/>.
/// </remarks>
public sealed class FirmsImporter(GisStore store)
{
    /// <summary>Rejected lines kept per file; a file that is wrong throughout is counted, not kept whole.</summary>
    public const int MaxRejectionsKept = 10_000;

    private readonly DistrictLocatorCache _districts = new(store);

    /// <summary>Rows buffered per year before they are sorted by geohash and sent; small in tests, to switch years often.</summary>
    internal int ChunkRows { get; init; } = YearLoad.DefaultChunkRows;

    /// <summary>Today's date for the readers' "not after tomorrow" check; the system clock unless a test sets one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Who brings the files, recorded in <c>import_batch.imported_by</c> (an account, <c>--as</c> or the OS user).</summary>
    public string? ImportedBy { get; init; }

    /// <summary>Imports one file. Throws <see cref="FirmsFormatException"/> (nothing stored) when it is not a FIRMS file.</summary>
    /// <param name="strict">Refuse the whole file when any line is rejected (the batch and its rejections are still recorded).</param>
    /// <param name="progress">Receives the number of bytes read so far.</param>
    /// <remarks>Waits while another import or a boundary import writes (ADR 0019).</remarks>
    public Task<FirmsBatchResult> ImportAsync(FirmsInput input, bool strict, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default) =>
        StoreRetry.RunAsync(store, input.Name, ct => ImportOnceAsync(input, strict, progress, ct), cancellationToken);

    private async Task<FirmsBatchResult> ImportOnceAsync(FirmsInput input, bool strict, IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await WriteLock.Detections.TakeAsync(store, connection, tx, cancellationToken);
        var districts = await _districts.CurrentAsync(cancellationToken);
        // The batch row comes first: hotspots reference it. Its counts are filled in at the end.
        var batchId = await Sql.ScalarAsync<long>(connection, tx, """
            INSERT INTO import_batch (kind, source, sha256, status, rows_read, rows_stored, rows_duplicate, rows_rejected,
                started_at, finished_at, credit, imported_by)
            VALUES ('firms', $1, '', 'stored', 0, 0, 0, 0, $2, $2, 'NASA FIRMS', $3) RETURNING id
            """, cancellationToken, input.Name, started, ImportedBy);
        // A strict import refused for rejected lines goes back to here: its batch and rejections stay recorded.
        await Sql.ExecuteAsync(connection, tx, "SAVEPOINT rows", cancellationToken);

        var years = await HotspotYears.ReadAsync(connection, tx, cancellationToken);
        await using var load = new YearLoad(connection, tx, batchId, ChunkRows, years);
        await using var lookup = new StoredIdentities(store);
        // A year without a table has nothing stored: its days are not asked for.
        var identities = new DetectionIdentities(day =>
            years.IsAttached(day.Year) ? lookup.OfDayAsync(day) : AsyncEnumerable.Empty<DetectionIdentity>());
        var summary = new Dictionary<(Satellite, string, DateOnly, DateOnly), int>();
        var rejections = new List<FirmsRejection>();
        int read = 0, rejected = 0, duplicate = 0;
        string sha256;
        using (var hashing = new HashingStream(input.Open()))
        using (var reader = new FirmsCsvReader(hashing, input.Name, Clock))
        {
            var lastReport = 0L;
            foreach (var row in reader.ReadRows())
            {
                read++;
                if (row.Hotspot is { } h)
                {
                    var series = (h.Satellite, h.Version, h.LocalDay, DateOnly.FromDateTime(h.AcquiredUtc));
                    summary[series] = summary.GetValueOrDefault(series) + 1;
                    if (years.IsDetached(h.LocalDay.Year))
                    {
                        throw new StoreException($"{input.Name}: line {row.Line}: {h.LocalDay.Year} is detached from the store; "
                            + $"'gis db attach-year {h.LocalDay.Year}' first, so its detections are checked against the stored ones");
                    }
                    if (await identities.AddAsync(h, cancellationToken))
                        await load.AddAsync(h, districts.Locate(h.Longitude, h.Latitude), cancellationToken);
                    else
                        duplicate++;
                }
                else
                {
                    rejected++;
                    if (rejections.Count < MaxRejectionsKept)
                        rejections.Add(row.Rejection!);
                }
                if (progress is not null && hashing.BytesRead - lastReport > 1 << 20)
                    progress.Report(lastReport = hashing.BytesRead);
            }
            await load.CompleteAsync(cancellationToken);
            progress?.Report(hashing.BytesRead);
            sha256 = hashing.Sha256Hex();
        }

        var refused = strict && rejected > 0;
        if (refused)
            await Sql.ExecuteAsync(connection, tx, "ROLLBACK TO SAVEPOINT rows", cancellationToken);
        else
            await load.AttachAndCountAsync(cancellationToken);
        var stored = refused ? 0 : load.Rows;
        var alertsQueued = 0;
        await StageSummaryAsync(connection, tx, summary, cancellationToken);
        var supersede = refused ? Supersede.None : await SupersedeNrtAsync(connection, tx, batchId, input.Coverage, cancellationToken);
        if (!refused)
        {
            await CoverageRecorder.RecordAsync(connection, tx, batchId, HotspotSource.Firms, input.Covers, cancellationToken);
            // In this transaction: a detection stored is a detection queued for the rules that want it (ADR 0033).
            alertsQueued = await Alerts.AlertTrigger.EnqueueAsync(connection, tx, batchId, Clock.GetUtcNow(), cancellationToken);
        }

        var result = new FirmsBatchResult(batchId, input.Name, sha256, read, stored, refused ? 0 : duplicate,
            rejected, refused, rejections, clock.Elapsed)
        {
            Superseded = supersede.Replaced,
            SupersedeWarnings = supersede.Replaced == 0 || input.Coverage is not null ? []
                : await OutsizedSupersedesAsync(connection, tx, batchId, cancellationToken),
            SupersededOnArrival = supersede.OnArrival,
            DistrictShifts = supersede.Shifts,
            AlertsQueued = alertsQueued,
        };
        await Sql.ExecuteAsync(connection, tx, """
            UPDATE import_batch SET sha256 = $2, status = $3, rows_read = $4, rows_stored = $5, rows_duplicate = $6,
                rows_rejected = $7, finished_at = now(),
                -- The series the file's rows name (ADR 0017), unless the import gave one.
                credit = coalesce($8::text, (SELECT 'NASA FIRMS ' || string_agg(DISTINCT series, ', ' ORDER BY series)
                    FROM (SELECT firms_series_credit(instrument, satellite, version) AS series FROM hotspot_stage) s), credit)
            WHERE id = $1
            """, cancellationToken, batchId, sha256, refused ? "refused" : "stored", read, stored, result.Duplicate, rejected,
            input.Credit);
        await WriteRejections(connection, batchId, rejections, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return result with { Elapsed = clock.Elapsed };
    }

    /// <summary>
    /// What the later steps (NRT supersede, coverage, credit) need of the file's valid rows, duplicates included:
    /// one row per satellite, version, Bangkok day and UTC day (as <c>acquired_utc</c>, its midnight), with how many
    /// rows it stands for (<c>n</c>). A temporary table, so those steps stay set-based SQL.
    /// </summary>
    private static async Task StageSummaryAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        Dictionary<(Satellite Satellite, string Version, DateOnly LocalDay, DateOnly UtcDay), int> summary, CancellationToken ct)
    {
        await Sql.ExecuteAsync(connection, tx, """
            CREATE TEMP TABLE hotspot_stage (satellite text, instrument text, version text, local_day date,
                acquired_utc timestamptz, n int) ON COMMIT DROP
            """, ct);
        await using var copy = await connection.BeginBinaryImportAsync("COPY hotspot_stage FROM STDIN (FORMAT BINARY)", ct);
        foreach (var ((satellite, version, localDay, utcDay), n) in summary)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(Satellites.Code(satellite), NpgsqlDbType.Text, ct);
            await copy.WriteAsync(Satellites.Instrument(satellite), NpgsqlDbType.Text, ct);
            await copy.WriteAsync(version, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(localDay, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(utcDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(n, NpgsqlDbType.Integer, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private sealed record Supersede(int Replaced, int OnArrival, IReadOnlyList<DistrictShift> Shifts)
    {
        public static readonly Supersede None = new(0, 0, []);
    }

    /// <summary>
    /// Applies the NRT-then-standard rule after the batch's rows are in: standard (non-NRT) detections of a
    /// (satellite, UTC acquisition day) supersede every NRT detection of that pair, whichever arrived first.
    /// </summary>
    /// <remarks>
    /// The pairs are those the file delivers standard rows for (duplicates included), so a standard file imported
    /// again supersedes nothing new. A pair is a UTC day because FIRMS standard processing and its archive files
    /// are organised by UTC day, and one pass never spans two. A day on which the standard file has no detection
    /// of the satellite supersedes nothing: from rows alone the importer cannot tell a day without fires from a
    /// day the file does not cover. Superseded rows keep their place in <c>hotspot</c>; counts read
    /// <c>hotspot_counted</c>, which leaves them out.
    /// </remarks>
    private static async Task<Supersede> SupersedeNrtAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long batchId,
        FirmsCoverage? coverage, CancellationToken ct)
    {
        // 1. Standard rows of this file replace the counted NRT rows of their pairs (this file's own NRT rows too).
        // Not for a pull with a stated coverage: its box bounds what it replaces (step 3), where a pair is province-wide.
        var removed = new Dictionary<string, int>(StringComparer.Ordinal);
        var replaced = 0;
        await using (var command = Sql.Command(connection, tx, $$"""
            WITH pairs AS (
                SELECT DISTINCT satellite, (acquired_utc AT TIME ZONE 'UTC')::date AS day
                FROM hotspot_stage WHERE version NOT LIKE '%NRT' AND $2),
            marked AS (
                UPDATE hotspot h SET superseded_by_batch = $1
                FROM pairs p
                WHERE h.is_nrt AND h.superseded_by_batch IS NULL AND h.satellite = p.satellite
                  AND h.acquired_utc >= p.day::timestamp AT TIME ZONE 'UTC'
                  AND h.acquired_utc < (p.day + 1)::timestamp AT TIME ZONE 'UTC'
                RETURNING h.district_code, h.batch_id)
            SELECT coalesce(district_code, '{{OutsideKey}}'), count(*)::int FROM marked WHERE batch_id <> $1 GROUP BY 1
            """, batchId, coverage is null))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                removed[reader.GetString(0)] = reader.GetInt32(1);
                replaced += reader.GetInt32(1);
            }
        }

        // 2. NRT rows of this file arriving after the standard data of their pair never count: marked on arrival,
        // with the first standard batch of the pair as the one that replaced them. Pulls with a coverage count by it.
        var onArrival = await Sql.ExecuteAsync(connection, tx, """
            WITH pairs AS (
                SELECT DISTINCT satellite, (acquired_utc AT TIME ZONE 'UTC')::date AS day
                FROM hotspot_stage WHERE version LIKE '%NRT'),
            -- Materialised: computed once. Inlined, the planner may re-run the correlated scan for every row updated.
            standard AS MATERIALIZED (
                SELECT p.satellite, p.day,
                       (SELECT min(s.batch_id) FROM hotspot s
                        WHERE NOT s.is_nrt AND s.satellite = p.satellite
                          AND NOT EXISTS (SELECT 1 FROM import_batch c WHERE c.id = s.batch_id AND c.covered_from IS NOT NULL)
                          AND s.acquired_utc >= p.day::timestamp AT TIME ZONE 'UTC'
                          AND s.acquired_utc < (p.day + 1)::timestamp AT TIME ZONE 'UTC') AS batch_id
                FROM pairs p)
            UPDATE hotspot h SET superseded_by_batch = s.batch_id
            FROM standard s
            WHERE s.batch_id IS NOT NULL AND h.batch_id = $1 AND h.is_nrt AND h.superseded_by_batch IS NULL
              AND h.satellite = s.satellite
              AND h.acquired_utc >= s.day::timestamp AT TIME ZONE 'UTC'
              AND h.acquired_utc < (s.day + 1)::timestamp AT TIME ZONE 'UTC'
            """, ct, batchId);
        // 3. Coverage (ADR 0008): a standard pull replaces the NRT of its days inside its box, detections or not.
        if (coverage is not null && await RecordCoverageAsync(connection, tx, batchId, coverage, ct))
            replaced += await SupersedeByCoverageAsync(connection, tx, batchId, removed, ct);
        onArrival += await SupersedeOnArrivalByCoverageAsync(connection, tx, batchId, ct);
        if (replaced == 0)
            return new Supersede(0, onArrival, []);

        // How the counts moved: per district, the NRT detections that stopped counting and this file's detections
        // that count now. Only worked out when something was replaced; an ordinary import only adds.
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = Sql.Command(connection, tx, $$"""
            SELECT coalesce(district_code, '{{OutsideKey}}'), count(*)::int FROM hotspot
            WHERE batch_id = $1 AND superseded_by_batch IS NULL GROUP BY 1
            """, batchId))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                added[reader.GetString(0)] = reader.GetInt32(1);
        }
        var shifts = removed.Keys.Union(added.Keys).Order(StringComparer.Ordinal)
            .Select(k => new DistrictShift(k == OutsideKey ? null : k, removed.GetValueOrDefault(k), added.GetValueOrDefault(k)))
            .ToList();
        return new Supersede(replaced, onArrival, shifts);
    }

    /// <summary>
    /// A pair replacing more than this many NRT detections per standard row the file delivers for it (beyond
    /// <see cref="OutsizedSupersedeMargin"/>) is reported: standard and NRT data of one pass differ by a few percent,
    /// so a handful of standard rows wiping out thousands of NRT ones means a file that is not what its version says
    /// (a damaged <c>version</c>, a standard file of a small area) and counts that have just fallen.
    /// </summary>
    public const int OutsizedSupersedeRatio = 3;

    /// <summary>NRT detections a pair may lose beyond <see cref="OutsizedSupersedeRatio"/> per standard row unreported.</summary>
    public const int OutsizedSupersedeMargin = 10;

    /// <summary>
    /// The (satellite, UTC day) pairs of this batch whose standard rows replaced more than
    /// <see cref="OutsizedSupersedeRatio"/> NRT detections each, plus <see cref="OutsizedSupersedeMargin"/>.
    /// </summary>
    private static async Task<IReadOnlyList<SupersedeWarning>> OutsizedSupersedesAsync(NpgsqlConnection connection,
        NpgsqlTransaction tx, long batchId, CancellationToken ct)
    {
        var warnings = new List<SupersedeWarning>();
        await using var command = Sql.Command(connection, tx, """
            WITH standard AS (
                SELECT satellite, (acquired_utc AT TIME ZONE 'UTC')::date AS day, sum(n)::int AS n
                FROM hotspot_stage WHERE version NOT LIKE '%NRT' GROUP BY 1, 2),
            removed AS (
                SELECT satellite, (acquired_utc AT TIME ZONE 'UTC')::date AS day, count(*)::int AS n
                FROM hotspot WHERE superseded_by_batch = $1 AND batch_id <> $1 GROUP BY 1, 2)
            SELECT r.satellite, r.day, coalesce(s.n, 0), r.n
            FROM removed r LEFT JOIN standard s USING (satellite, day)
            WHERE r.n > $2 * coalesce(s.n, 0) + $3
            ORDER BY 1, 2
            """, batchId, OutsizedSupersedeRatio, OutsizedSupersedeMargin);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            warnings.Add(new SupersedeWarning(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt32(2),
                reader.GetInt32(3)));
        }
        return warnings;
    }

    /// <summary>
    /// Records on the batch the part of a standard pull's window it can vouch for: the asked-for days up to the last
    /// UTC day for which standard data of its satellites is stored at all (this batch included). FIRMS answers a day
    /// not yet processed into standard data with nothing, exactly like a day without fire; standard processing runs
    /// in day order, so a day up to the last processed one is known to be processed. False when no day qualifies.
    /// </summary>
    private static async Task<bool> RecordCoverageAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long batchId,
        FirmsCoverage coverage, CancellationToken ct)
    {
        // One backward scan of the identity index (led by acquired_utc) per satellite, to its last standard row.
        var lastProcessed = await Sql.ScalarAsync<DateTime?>(connection, tx, """
            SELECT max(x.last) FROM unnest($1::text[]) AS s(satellite)
            CROSS JOIN LATERAL (SELECT max(acquired_utc) AS last FROM hotspot h WHERE h.satellite = s.satellite AND NOT h.is_nrt) x
            """, ct, (object)coverage.Satellites.ToArray());
        if (lastProcessed is not { } last)
            return false;
        var to = DateOnly.FromDateTime(last.ToUniversalTime()) is var day && day < coverage.To ? day : coverage.To;
        if (to < coverage.From)
            return false;
        await Sql.ExecuteAsync(connection, tx, """
            UPDATE import_batch SET covered_from = $2, covered_to = $3, covered_area = ST_MakeEnvelope($4, $5, $6, $7, $8),
                covered_satellites = $9
            WHERE id = $1
            """, ct, batchId, coverage.From, to, coverage.Area.West, coverage.Area.South, coverage.Area.East, coverage.Area.North,
                Srid.Wgs84,
            coverage.Satellites.ToArray());
        return true;
    }

    /// <summary>
    /// The coverage rule (ADR 0008): the batch replaces the counted NRT detections of its satellites on its covered UTC
    /// days inside its box, including days on which it has no detection there. Adds the replaced rows per district to
    /// <paramref name="removed"/>.
    /// </summary>
    private static async Task<int> SupersedeByCoverageAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long batchId,
        Dictionary<string, int> removed, CancellationToken ct)
    {
        var replaced = 0;
        await using var command = Sql.Command(connection, tx, $$"""
            WITH marked AS (
                UPDATE hotspot h SET superseded_by_batch = b.id
                FROM import_batch b
                WHERE b.id = $1 AND h.is_nrt AND h.superseded_by_batch IS NULL AND h.satellite = ANY(b.covered_satellites)
                  AND h.acquired_utc >= b.covered_from::timestamp AT TIME ZONE 'UTC'
                  AND h.acquired_utc < (b.covered_to + 1)::timestamp AT TIME ZONE 'UTC'
                  AND ST_Intersects(b.covered_area, h.geom)
                RETURNING h.district_code)
            SELECT coalesce(district_code, '{{OutsideKey}}'), count(*)::int FROM marked GROUP BY 1
            """, batchId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            removed[reader.GetString(0)] = removed.GetValueOrDefault(reader.GetString(0)) + reader.GetInt32(1);
            replaced += reader.GetInt32(1);
        }
        return replaced;
    }

    /// <summary>
    /// NRT rows of this batch that fall under the coverage of a standard pull stored earlier never count: marked on
    /// arrival with the first such batch. Skipped when no batch records coverage (files never do).
    /// </summary>
    private static async Task<int> SupersedeOnArrivalByCoverageAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long batchId,
        CancellationToken ct)
    {
        if (!await Sql.ScalarAsync<bool>(connection, tx, "SELECT EXISTS (SELECT 1 FROM import_batch WHERE covered_from IS NOT NULL)", ct))
            return 0;
        return await Sql.ExecuteAsync(connection, tx, """
            WITH hit AS MATERIALIZED (
                SELECT h.id, min(b.id) AS by_batch
                FROM hotspot h
                JOIN import_batch b ON b.covered_from IS NOT NULL AND b.id <> h.batch_id AND h.satellite = ANY(b.covered_satellites)
                  AND h.acquired_utc >= b.covered_from::timestamp AT TIME ZONE 'UTC'
                  AND h.acquired_utc < (b.covered_to + 1)::timestamp AT TIME ZONE 'UTC'
                  AND ST_Intersects(b.covered_area, h.geom)
                WHERE h.batch_id = $1 AND h.is_nrt AND h.superseded_by_batch IS NULL
                GROUP BY h.id)
            UPDATE hotspot h SET superseded_by_batch = hit.by_batch FROM hit WHERE h.id = hit.id
            """, ct, batchId);
    }

    // Stands for "in no district" in the grouped results above; not a DOPA code, so it cannot clash with one.
    private const string OutsideKey = "-";

    /// <summary>
    /// Starts a staged row with the columns every detection table begins with: satellite, instrument, acquired_utc,
    /// local_day, longitude, latitude.
    /// </summary>
    internal static async Task StartDetectionRowAsync(NpgsqlBinaryImporter copy, Satellite satellite, DateTime acquiredUtc,
        double longitude, double latitude, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(Satellites.Code(satellite), NpgsqlDbType.Text, ct);
        await copy.WriteAsync(Satellites.Instrument(satellite), NpgsqlDbType.Text, ct);
        await copy.WriteAsync(acquiredUtc, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(Bangkok.LocalDay(acquiredUtc), NpgsqlDbType.Date, ct);
        await copy.WriteAsync(longitude, NpgsqlDbType.Double, ct);
        await copy.WriteAsync(latitude, NpgsqlDbType.Double, ct);
    }

    internal static async Task WriteStageRow(NpgsqlBinaryImporter copy, Hotspot h, string? district, CancellationToken ct)
    {
        await StartDetectionRowAsync(copy, h.Satellite, h.AcquiredUtc, h.Longitude, h.Latitude, ct);
        await copy.WriteAsync(Confidences.Code(h.Confidence).ToString(), NpgsqlDbType.Text, ct);
        await WriteNullable(copy, (short?)h.ConfidencePercent, NpgsqlDbType.Smallint, ct);
        await WriteNullable(copy, (float?)h.BrightnessK, NpgsqlDbType.Real, ct);
        await WriteNullable(copy, (float?)h.BrightnessSecondaryK, NpgsqlDbType.Real, ct);
        await WriteNullable(copy, (float?)h.ScanKm, NpgsqlDbType.Real, ct);
        await WriteNullable(copy, (float?)h.TrackKm, NpgsqlDbType.Real, ct);
        await WriteNullable(copy, (float?)h.FrpMw, NpgsqlDbType.Real, ct);
        await copy.WriteAsync(h.IsDay ? "D" : "N", NpgsqlDbType.Text, ct);
        await copy.WriteAsync(h.Version, NpgsqlDbType.Text, ct);
        await WriteNullable(copy, (short?)h.Type, NpgsqlDbType.Smallint, ct);
        if (district is null)
            await copy.WriteNullAsync(ct);
        else
            await copy.WriteAsync(district, NpgsqlDbType.Text, ct);
    }

    internal static async Task WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : struct
    {
        if (value is { } v)
            await copy.WriteAsync(v, type, ct);
        else
            await copy.WriteNullAsync(ct);
    }

    internal static async Task WriteRejections(NpgsqlConnection connection, long batchId, List<FirmsRejection> rejections,
        CancellationToken ct)
    {
        if (rejections.Count == 0)
            return;
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY import_rejection (batch_id, line, reason, raw) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var r in rejections)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(batchId, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(r.Line, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.Reason, NpgsqlDbType.Text, ct);
            // PostgreSQL text cannot hold NUL; a damaged line is kept readable rather than refused.
            await copy.WriteAsync(r.Raw.Replace('\0', '\uFFFD'), NpgsqlDbType.Text, ct);
        }
        await copy.CompleteAsync(ct);
    }
}
