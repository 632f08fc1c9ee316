using System.Diagnostics;
using System.Security.Cryptography;
using Gis.Core.Hotspots;
using Gis.Core.LandUse;
using Gis.Core.Spatial;
using Gis.Importers.Firms;
using Gis.Importers.Queries.AdminAreas;
using Gis.Importers.Store;
using Npgsql;
using NpgsqlTypes;

namespace Gis.Importers.Gistda;

/// <summary>What one GISTDA file import did; recorded in <c>import_batch</c> (kind <c>gistda</c>) as well.</summary>
/// <param name="Batch">The counts every batch has, as for FIRMS files (nothing is ever superseded here).</param>
/// <param name="UnknownLandUse">LU_NAME values that name none of the six land classes, with how often they occur.</param>
/// <param name="Outside">Stored records in no imported district (counted nowhere).</param>
/// <param name="DistrictNameMismatch">Stored records whose <c>AP_TN</c> is not the name of the district polygon they lie in.</param>
public sealed record GistdaBatchResult(FirmsBatchResult Batch, IReadOnlyDictionary<string, int> UnknownLandUse, int Outside,
    int DistrictNameMismatch);

/// <summary>
/// Imports GISTDA hotspot exports into <c>gistda_hotspot</c>: one file = one batch = one transaction, identity
/// (satellite, acquisition time, latitude, longitude) drops what is already stored, districts tagged as for FIRMS.
/// FIRMS tables and counts are not touched (ADR 0008).
/// </summary>
public sealed class GistdaImporter(GisStore store)
{
    private readonly DistrictLocatorCache _districts = new(store);

    /// <summary>What a GISTDA batch credits unless <see cref="Credit"/> says otherwise.</summary>
    public const string DefaultCredit = "GISTDA";

    /// <summary>The source to credit for the batches (<c>--credit</c>); null: <see cref="DefaultCredit"/> (ADR 0017).</summary>
    public string? Credit { get; init; }

    /// <summary>Who the batches are recorded as imported by (<c>import_batch.imported_by</c>; null: nobody named).</summary>
    public string? ImportedBy { get; init; }

    /// <summary>Today's date for the reader's "not after tomorrow" check; the system clock unless a test sets one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <exception cref="Features.FeatureFormatException">The file is not a GISTDA hotspot export; nothing stored.</exception>
    /// <remarks>Waits while another import or a boundary import writes (ADR 0019).</remarks>
    public Task<GistdaBatchResult> ImportAsync(string path, bool strict, string? encoding = null,
        CancellationToken cancellationToken = default) =>
        StoreRetry.RunAsync(store, path, ct => ImportOnceAsync(path, strict, encoding, ct), cancellationToken);

    private async Task<GistdaBatchResult> ImportOnceAsync(string path, bool strict, string? encoding, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        // Opened (and its header checked) before the transaction: a file that is not GISTDA leaves no batch behind.
        var rows = GistdaReader.Read(path, encoding, Clock);
        var sha256 = Sha256(path);

        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await WriteLock.Detections.TakeAsync(store, connection, tx, cancellationToken);
        var districts = await _districts.CurrentAsync(cancellationToken);
        var batchId = await Sql.ScalarAsync<long>(connection, tx, """
            INSERT INTO import_batch (kind, source, sha256, status, rows_read, rows_stored, rows_duplicate, rows_rejected,
                started_at, finished_at, credit, imported_by)
            VALUES ('gistda', $1, $2, 'stored', 0, 0, 0, 0, $3, $3, $4, $5) RETURNING id
            """, cancellationToken, path, sha256, started, Credit ?? DefaultCredit, ImportedBy);
        await Sql.ExecuteAsync(connection, tx, """
            CREATE TEMP TABLE gistda_stage (
                satellite text, instrument text, acquired_utc timestamptz, local_day date, longitude double precision,
                latitude double precision, confidence text, frp_mw real, daynight text, version text, land_use_name text,
                land_class text, province_th text, district_th text, subdistrict_th text, hotspot_ref text, district_code text)
            ON COMMIT DROP
            """, cancellationToken);

        var rejections = new List<FirmsRejection>();
        var unknown = new Dictionary<string, int>(StringComparer.Ordinal);
        int read = 0, rejected = 0;
        await using (var copy = await connection.BeginBinaryImportAsync("COPY gistda_stage FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                read++;
                if (row.Hotspot is { } h)
                {
                    if (h.LandClass is null && h.LandUseName is { } name)
                        unknown[name] = unknown.GetValueOrDefault(name) + 1;
                    await WriteStageRow(copy, h, districts.Locate(h.Longitude, h.Latitude), cancellationToken);
                }
                else
                {
                    rejected++;
                    if (rejections.Count < FirmsImporter.MaxRejectionsKept)
                        rejections.Add(row.Rejection!);
                }
            }
            await copy.CompleteAsync(cancellationToken);
        }

        var refused = strict && rejected > 0;
        var stored = refused ? 0 : await Sql.ExecuteAsync(connection, tx, """
            INSERT INTO gistda_hotspot (satellite, instrument, acquired_utc, local_day, longitude, latitude, confidence, frp_mw,
                daynight, version, land_use_name, land_class, province_th, district_th, subdistrict_th, hotspot_ref, district_code,
                batch_id)
            SELECT satellite, instrument, acquired_utc, local_day, longitude, latitude, confidence, frp_mw,
                daynight, version, land_use_name, land_class, province_th, district_th, subdistrict_th, hotspot_ref, district_code, $1
            FROM gistda_stage
            ON CONFLICT ON CONSTRAINT gistda_hotspot_identity DO NOTHING
            """, cancellationToken, batchId);
        if (!refused)
            await CoverageRecorder.RecordAsync(connection, tx, batchId, HotspotSource.Gistda, null, cancellationToken);
        var outside = refused ? 0 : (int)await Sql.ScalarAsync<long>(connection, tx,
            "SELECT count(*) FROM gistda_hotspot WHERE batch_id = $1 AND district_code IS NULL", cancellationToken, batchId);
        // GISTDA's district name against the polygon the point fell in (both NFC; spaces and an อำเภอ/อ. prefix aside):
        // a disagreement means different boundaries or a misplaced record, which a comparison of counts should know.
        var nameMismatch = refused ? 0 : (int)await Sql.ScalarAsync<long>(connection, tx, """
            SELECT count(*) FROM gistda_hotspot g JOIN admin_area a ON a.code = g.district_code
            WHERE g.batch_id = $1 AND g.district_th IS NOT NULL
              AND regexp_replace(replace(g.district_th, ' ', ''), '^(อำเภอ|อ\.)', '')
                  <> regexp_replace(replace(a.name_th, ' ', ''), '^(อำเภอ|อ\.)', '')
            """, cancellationToken, batchId);
        var duplicate = refused ? 0 : read - rejected - stored;
        await Sql.ExecuteAsync(connection, tx, """
            UPDATE import_batch SET status = $2, rows_read = $3, rows_stored = $4, rows_duplicate = $5, rows_rejected = $6,
                finished_at = now()
            WHERE id = $1
            """, cancellationToken, batchId, refused ? "refused" : "stored", read, stored, duplicate, rejected);
        await FirmsImporter.WriteRejections(connection, batchId, rejections, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new GistdaBatchResult(new FirmsBatchResult(batchId, path, sha256, read, stored, duplicate, rejected, refused, rejections,
            clock.Elapsed), unknown, outside, nameMismatch);
    }

    /// <summary>SHA-256 of the file and, for a shapefile, its attribute table (where GISTDA's fields are).</summary>
    private static string Sha256(string path)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (var file in new[] { path, Path.ChangeExtension(path, ".dbf") }.Distinct(StringComparer.Ordinal).Where(File.Exists))
        {
            // Streamed: a damaged export can be one huge line, and memory must not grow with it.
            using var stream = File.OpenRead(file);
            int n;
            while ((n = stream.Read(buffer)) > 0)
                hash.AppendData(buffer, 0, n);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task WriteStageRow(NpgsqlBinaryImporter copy, GistdaHotspot h, string? district, CancellationToken ct)
    {
        await FirmsImporter.StartDetectionRowAsync(copy, h.Satellite, h.AcquiredUtc, h.Longitude, h.Latitude, ct);
        await Text(copy, h.Confidence is { } c ? Confidences.Code(c).ToString() : null, ct);
        await FirmsImporter.WriteNullable(copy, (float?)h.FrpMw, NpgsqlDbType.Real, ct);
        await Text(copy, h.IsDay switch { true => "D", false => "N", null => null }, ct);
        await Text(copy, h.Version, ct);
        await Text(copy, h.LandUseName, ct);
        await Text(copy, h.LandClass is { } lc ? HotspotLandClasses.Code(lc) : null, ct);
        await Text(copy, h.ProvinceTh, ct);
        await Text(copy, h.DistrictTh, ct);
        await Text(copy, h.SubdistrictTh, ct);
        await Text(copy, h.HotspotRef, ct);
        await Text(copy, district, ct);
    }

    private static async Task Text(NpgsqlBinaryImporter copy, string? value, CancellationToken ct)
    {
        if (value is null)
            await copy.WriteNullAsync(ct);
        else
            await copy.WriteAsync(value, NpgsqlDbType.Text, ct);
    }
}
