using Gis.Core.Hotspots;
using Gis.Importers.Store;
using Npgsql;
using NpgsqlTypes;

namespace Gis.Importers.Firms;

/// <summary>
/// Streams a batch's new detections by binary COPY straight into the table of their year (ADR 0022). A year without
/// a table gets one, created in the batch's transaction and attached when the batch is complete: its rows are
/// written without WAL (wal_level = minimal), its indexes are built once over them and its foreign keys checked by
/// one join. A year already stored takes the rows into its live indexes.
/// </summary>
/// <remarks>
/// Rows wait in a buffer per year (<see cref="DefaultChunkRows"/>) and go in sorted by geohash, so neighbouring
/// detections share pages within a chunk (what the district and map queries read) and a file whose rows alternate
/// between two years switches its COPY once a chunk, not once a row. Memory: one chunk per year being loaded.
/// </remarks>
internal sealed class YearLoad(NpgsqlConnection connection, NpgsqlTransaction tx, long batchId, int chunkRows, HotspotYears years)
    : IAsyncDisposable
{
    /// <summary>Rows buffered per year before they are sorted and sent (about 200 bytes each).</summary>
    public const int DefaultChunkRows = 65_536;

    /// <summary>
    /// Memory for the attach's index sorts: the identity btree of a 4.5M-row year sorts in ~450 MB, the server's 512 MB
    /// when the cluster is gis's own (docs/benchmarks.md).
    /// </summary>
    private const long AttachSortKilobytes = 1L << 20;

    private readonly Dictionary<int, List<Row>> _buffers = [];
    private readonly SortedSet<int> _created = [];
    private readonly BatchDayCounts _counts = new();
    private NpgsqlBinaryImporter? _copy;
    private int _copyYear;

    /// <summary>Detections written so far.</summary>
    public int Rows { get; private set; }

    public async Task AddAsync(Hotspot h, string? district, CancellationToken ct)
    {
        var year = h.LocalDay.Year;
        if (!_buffers.TryGetValue(year, out var buffer))
            _buffers[year] = buffer = new List<Row>(chunkRows);
        buffer.Add(new Row(GeohashOrder(h.Longitude, h.Latitude), h, district));
        _counts.Add(h, district);
        if (buffer.Count == chunkRows)
            await FlushAsync(year, buffer, ct);
    }

    /// <summary>Sends what is buffered and ends the COPY.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        foreach (var (year, buffer) in _buffers.OrderBy(b => b.Key))
            await FlushAsync(year, buffer, ct);
        await EndCopyAsync(ct);
    }

    /// <summary>
    /// Adds the batch to the aggregates, which the parent's triggers did not see (the cube from the counts made here on
    /// the way), then attaches the years created by this batch: their indexes are built and foreign keys checked, and
    /// their tile grids built whole from their rows (migration 0035). Hence the order: the batch's grid add, reading
    /// through the parent, sees only the years that had a grid already. Last, the batch counted per land class.
    /// </summary>
    public async Task AttachAndCountAsync(CancellationToken ct)
    {
        if (Rows > 0)
        {
            await _counts.SendAsync(connection, tx, batchId, ct);
            await Sql.ExecuteAsync(connection, tx, "SELECT hotspot_aggregates_add_batch($1)", ct, batchId);
        }
        if (_created.Count > 0)
            await AttachCreatedAsync(ct);
        // Per land class of every land-use snapshot, read back through the parent: the batch's rows in years just
        // attached as well as in stored ones, each looked up in the parcels once (ADR 0046).
        if (Rows > 0)
            await Sql.ExecuteAsync(connection, tx, "SELECT hotspot_land_count_add($1, NULL, NULL, NULL)", ct, batchId);
    }

    private async Task AttachCreatedAsync(CancellationToken ct)
    {
        // The attach sorts every row of the year once per btree; a sort that fits in memory is not written out and
        // merged. The server's own setting stands when it is larger; the batch's transaction ends it.
        await Sql.ExecuteAsync(connection, tx, """
            SELECT set_config('maintenance_work_mem', greatest(setting::bigint, $1)::text || 'kB', true)
            FROM pg_settings WHERE name = 'maintenance_work_mem'
            """, ct, AttachSortKilobytes);
        foreach (var year in _created)
            await HotspotYears.AttachAsync(connection, tx, year, ct);
    }

    private async Task FlushAsync(int year, List<Row> buffer, CancellationToken ct)
    {
        if (buffer.Count == 0)
            return;
        buffer.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        if (_copy is null || _copyYear != year)
        {
            await EndCopyAsync(ct);
            string table;
            if (years.IsAttached(year) || !_created.Add(year))
                table = await Sql.ScalarAsync<string>(connection, tx, "SELECT hotspot_year_table($1)", ct, year);
            else
                table = await HotspotYears.CreateAsync(connection, tx, year, ct);
            // The name comes from hotspot_year_table: 'hotspot_y' and four digits, nothing a file can choose.
            _copy = await connection.BeginBinaryImportAsync($"""
                COPY "{table}" (satellite, instrument, acquired_utc, local_day, longitude, latitude, confidence,
                    confidence_pct, brightness_k, brightness2_k, scan_km, track_km, frp_mw, daynight, version, type,
                    district_code, batch_id) FROM STDIN (FORMAT BINARY)
                """, ct);
            _copyYear = year;
        }
        foreach (var row in buffer)
        {
            await FirmsImporter.WriteStageRow(_copy, row.Hotspot, row.District, ct);
            await _copy.WriteAsync(batchId, NpgsqlDbType.Bigint, ct);
        }
        Rows += buffer.Count;
        buffer.Clear();
    }

    private async Task EndCopyAsync(CancellationToken ct)
    {
        if (_copy is null)
            return;
        await _copy.CompleteAsync(ct);
        await _copy.DisposeAsync();
        _copy = null;
    }

    /// <summary>
    /// The order of <c>ST_GeoHash(point, 8)</c>: 20 bits of longitude and 20 of latitude, interleaved longitude first.
    /// </summary>
    internal static ulong GeohashOrder(double longitude, double latitude)
    {
        const int Bits = 20;
        var x = (ulong)Math.Clamp((longitude + 180) / 360 * (1 << Bits), 0, (1 << Bits) - 1);
        var y = (ulong)Math.Clamp((latitude + 90) / 180 * (1 << Bits), 0, (1 << Bits) - 1);
        var order = 0UL;
        for (var bit = Bits - 1; bit >= 0; bit--)
            order = (order << 2) | (((x >> bit) & 1) << 1) | ((y >> bit) & 1);
        return order;
    }

    public async ValueTask DisposeAsync()
    {
        if (_copy is not null)
            await _copy.DisposeAsync();
    }

    private readonly record struct Row(ulong Order, Hotspot Hotspot, string? District);
}
