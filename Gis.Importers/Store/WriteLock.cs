using Npgsql;

namespace Gis.Importers.Store;

/// <summary>
/// A transaction-level advisory lock that writers of one kind of data take first thing in their transaction, so two
/// of them queue instead of deadlocking on rows or table locks they would otherwise take in different orders
/// (ADR 0019). The lock ends with the transaction, commit or rollback, and a killed process releases it at once.
/// Every key of the store's advisory locks is here, so no two can collide.
/// </summary>
internal sealed class WriteLock
{
    /// <summary>
    /// Writers of detections and of what tags them: FIRMS and GISTDA imports (COPY, identity insert, supersede) and
    /// boundary imports (which re-tag stored detections with their district).
    /// </summary>
    public static readonly WriteLock Detections = new("detections (an import or a boundary import)", 0x6769_735f_6465_74);

    /// <summary>Schema migrations on open (<see cref="Migrator"/>).</summary>
    public static readonly WriteLock Migrations = new("the schema", 0x6769_735f_6d69_67);

    private WriteLock(string what, long key) => (What, Key) = (what, key);

    /// <summary>What the writers holding it change, for the message of a writer that has to wait.</summary>
    public string What { get; }

    public long Key { get; }

    /// <summary>
    /// Takes the lock inside <paramref name="tx"/>, waiting as long as another transaction holds it; tells the store's
    /// <see cref="GisStore.Notice"/> when it has to wait, so a queued command does not look hung.
    /// </summary>
    public async Task TakeAsync(GisStore store, NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        if (await Sql.ScalarAsync<bool>(connection, tx, "SELECT pg_try_advisory_xact_lock($1)", ct, Key))
            return;
        store.Notice?.Invoke($"another gis process is writing {What}; waiting for it to finish");
        await Sql.ExecuteAsync(connection, tx, "SELECT pg_advisory_xact_lock($1)", ct, Key);
    }
}
