using System.Runtime.InteropServices;
using Gis.Core.Hotspots;
using Gis.Importers.Store;
using Npgsql;
using NpgsqlTypes;

namespace Gis.Importers.Firms;

/// <summary>
/// A batch's detections counted as the daily cube counts them (<c>hotspot_day_count</c>, ADR 0021), while they stream
/// past the client on their way into the store (ADR 0028). A season of 1M detections is ~90k counts: sending those
/// costs a fraction of the server regrouping every row it has just stored.
/// </summary>
/// <remarks>
/// Counts the rows as sent: none is superseded yet (the NRT supersede runs after, through the parent's triggers).
/// </remarks>
internal sealed class BatchDayCounts
{
    private readonly Dictionary<Key, long> _counts = [];

    public void Add(Hotspot h, string? district)
    {
        var key = new Key(h.LocalDay, district, h.Satellite, h.Confidence, h.IsDay, h.Type, DetectionIdentity.IsNrtAsStored(h.Version));
        CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _)++;
    }

    /// <summary>
    /// Leaves the counts in the temporary table <c>hotspot_batch_count</c>, dropped at commit, where
    /// <c>hotspot_day_count_add_batch</c> (migration 0023) takes them from instead of regrouping the batch's rows.
    /// </summary>
    public async Task SendAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long batchId, CancellationToken ct)
    {
        await Sql.ExecuteAsync(connection, tx, """
            CREATE TEMP TABLE hotspot_batch_count (batch_id bigint NOT NULL, local_day date NOT NULL, district_code text,
                instrument text NOT NULL, satellite text NOT NULL, confidence char(1), daynight char(1), type smallint,
                is_nrt boolean NOT NULL, detections bigint NOT NULL) ON COMMIT DROP
            """, ct);
        await using var copy = await connection.BeginBinaryImportAsync("COPY hotspot_batch_count FROM STDIN (FORMAT BINARY)", ct);
        // In the cube's key order, so the upsert walks its unique index forward.
        foreach (var (k, n) in _counts.OrderBy(c => c.Key.LocalDay).ThenBy(c => c.Key.District, StringComparer.Ordinal))
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(batchId, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(k.LocalDay, NpgsqlDbType.Date, ct);
            if (k.District is null)
                await copy.WriteNullAsync(ct);
            else
                await copy.WriteAsync(k.District, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(Satellites.Instrument(k.Satellite), NpgsqlDbType.Text, ct);
            await copy.WriteAsync(Satellites.Code(k.Satellite), NpgsqlDbType.Text, ct);
            await copy.WriteAsync(Confidences.Code(k.Confidence).ToString(), NpgsqlDbType.Char, ct);
            await copy.WriteAsync(k.IsDay ? "D" : "N", NpgsqlDbType.Char, ct);
            await FirmsImporter.WriteNullable(copy, (short?)k.Type, NpgsqlDbType.Smallint, ct);
            await copy.WriteAsync(k.IsNrt, NpgsqlDbType.Boolean, ct);
            await copy.WriteAsync(n, NpgsqlDbType.Bigint, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private readonly record struct Key(DateOnly LocalDay, string? District, Satellite Satellite, Confidence Confidence, bool IsDay,
        int? Type, bool IsNrt);
}
