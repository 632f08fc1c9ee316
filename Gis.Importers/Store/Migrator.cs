using System.Reflection;
using Npgsql;

namespace Gis.Importers.Store;

/// <summary>
/// Versioned schema migrations: the embedded files <c>Migrations/NNNN_name.sql</c>, applied in order in one
/// transaction, recorded in <c>schema_migration</c>. An advisory lock keeps two processes from migrating at once.
/// A store that is already current costs one statement (ADR 0029).
/// </summary>
internal static class Migrator
{
    private const string ResourcePrefix = "Gis.Importers.Store.Migrations.";

    public static IReadOnlyList<(int Version, string Name)> All { get; } = Assembly.GetExecutingAssembly()
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^4])
        .Select(n => (int.Parse(n[..4], System.Globalization.CultureInfo.InvariantCulture), n))
        .OrderBy(m => m.Item1)
        .ToList();

    public static async Task ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Every command opens the store, and the store is nearly always current: then this one statement is the whole
        // check. A version is recorded in the transaction that applied it, so a complete list needs no lock.
        if (await RecordedAsync(connection, null, cancellationToken) is { } recorded && All.All(m => recorded.Contains(m.Version)))
            return;

        await Sql.ExecuteAsync(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_migration (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, cancellationToken);

        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await Sql.ExecuteAsync(connection, tx, "SELECT pg_advisory_xact_lock($1)", cancellationToken, WriteLock.Migrations.Key);
        // Every version not yet recorded, not only those above the highest: migrations written on parallel
        // branches may land in any order. Read again under the lock: another process may have applied them meanwhile.
        var applied = await RecordedAsync(connection, tx, cancellationToken) ?? [];
        var pending = All.Where(m => !applied.Contains(m.Version)).ToList();
        foreach (var (version, name) in pending)
        {
            await Sql.ExecuteAsync(connection, tx, ReadScript(name), cancellationToken);
            await Sql.ExecuteAsync(connection, tx, "INSERT INTO schema_migration (version, name) VALUES ($1, $2)", cancellationToken,
                version, name);
        }
        await tx.CommitAsync(cancellationToken);

        // New tables and types exist now; the pool's cached type map must learn them.
        if (pending.Count > 0)
            await connection.ReloadTypesAsync(cancellationToken);
    }

    /// <summary>The recorded versions; null in a database without <c>schema_migration</c> (a new store).</summary>
    private static async Task<HashSet<int>?> RecordedAsync(NpgsqlConnection connection, NpgsqlTransaction? tx,
        CancellationToken cancellationToken)
    {
        try
        {
            return [.. await Sql.ScalarAsync<int[]>(connection, tx, "SELECT coalesce(array_agg(version), '{}') FROM schema_migration",
                cancellationToken)];
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    /// <summary>The text of migration <paramref name="name"/> (as <see cref="All"/> names it), SRIDs filled in.</summary>
    internal static string ReadScript(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + name + ".sql")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("${srid_wgs84}", Core.Srid.Wgs84.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StringComparison.Ordinal);
    }
}
