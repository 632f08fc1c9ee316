using Npgsql;

namespace Gis.Importers.Store;

/// <summary>
/// The yearly tables of <c>hotspot</c> (ADR 0022): which years are partitions, which are detached, and the acts that
/// change that. Each act is one SQL function of migration 0019, so the names and bounds live in one place.
/// </summary>
public sealed class HotspotYears
{
    private readonly HashSet<int> _attached;
    private readonly HashSet<int> _detached;

    private HotspotYears(HashSet<int> attached, HashSet<int> detached) => (_attached, _detached) = (attached, detached);

    /// <summary>The year is a partition of <c>hotspot</c> (it may be empty).</summary>
    public bool IsAttached(int year) => _attached.Contains(year);

    /// <summary>The year's table exists but is out of <c>hotspot</c> (<c>gis db detach-year</c>).</summary>
    public bool IsDetached(int year) => _detached.Contains(year);

    internal static async Task<HotspotYears> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        var attached = new HashSet<int>();
        var detached = new HashSet<int>();
        await using var command = Sql.Command(connection, tx, """
            SELECT substr(c.relname, 10)::int, c.relispartition FROM pg_class c
            WHERE c.relkind = 'r' AND c.relname ~ '^hotspot_y[0-9]{4}$' AND c.relnamespace = current_schema()::regnamespace
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            (reader.GetBoolean(1) ? attached : detached).Add(reader.GetInt32(0));
        return new HotspotYears(attached, detached);
    }

    /// <summary>Creates a year's table, standalone and without indexes, to be loaded and then attached; returns its name.</summary>
    internal static Task<string> CreateAsync(NpgsqlConnection connection, NpgsqlTransaction tx, int year, CancellationToken ct) =>
        Sql.ScalarAsync<string>(connection, tx, "SELECT hotspot_year_create($1)", ct, year);

    /// <summary>Makes a loaded year's table a partition: its indexes are built and its foreign keys checked here, once.</summary>
    internal static Task AttachAsync(NpgsqlConnection connection, NpgsqlTransaction tx, int year, CancellationToken ct) =>
        Sql.ExecuteAsync(connection, tx, "SELECT hotspot_year_attach($1)", ct, year);

    /// <summary>
    /// Takes a stored year out of <c>hotspot</c>: its table stays with its rows; its daily counts and its days' FIRMS
    /// coverage leave in the same transaction, so counts and coverage stay exact. Returns the detections detached.
    /// </summary>
    /// <exception cref="StoreException">No stored year <paramref name="year"/>.</exception>
    public static Task<long> DetachAsync(GisStore store, int year, CancellationToken ct) =>
        ChangeAsync(store, "SELECT hotspot_detach_year($1)", year, ct);

    /// <summary>Puts a detached year back: attached, its detections counted again and its coverage restored.</summary>
    /// <exception cref="StoreException">No detached year <paramref name="year"/>.</exception>
    public static Task<long> AttachAsync(GisStore store, int year, CancellationToken ct) =>
        ChangeAsync(store, "SELECT hotspot_attach_year($1)", year, ct);

    private static async Task<long> ChangeAsync(GisStore store, string sql, int year, CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // An import writing the year meanwhile would find its table gone or back halfway.
        await WriteLock.Detections.TakeAsync(store, connection, tx, ct);
        try
        {
            var rows = await Sql.ScalarAsync<long>(connection, tx, sql, ct, year);
            await tx.CommitAsync(ct);
            return rows;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.NoDataFound)
        {
            throw new StoreException(e.MessageText, e);
        }
    }
}
