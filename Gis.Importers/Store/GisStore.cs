using Npgsql;

namespace Gis.Importers.Store;

/// <summary>
/// The PostGIS store: one data source (connection pool) with NetTopologySuite mapping, whose schema is brought to
/// the newest version on open. Dispose it to close the pool.
/// </summary>
/// <remarks>
/// A connection string may name a primary and its streaming standbys (<c>Host=db1:5432,db2:5432</c>, ADR 0026): then
/// <see cref="DataSource"/>, which every writer and the migrations use, always reaches a read-write server, whatever
/// the string's <c>Target Session Attributes</c>, and <see cref="Reading"/> connects as that attribute asks
/// (<c>prefer-standby</c> for a standby while one answers).
/// </remarks>
public sealed class GisStore : IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource? _owned;

    private GisStore(NpgsqlDataSource dataSource, NpgsqlDataSource? owned, GisStore? reading = null)
    {
        DataSource = dataSource;
        _owned = owned;
        Reading = reading ?? this;
    }

    /// <summary>The pool of every writer, and of readers that must see their own writes: the primary of several servers.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// The same store for work that only reads and may see the data a moment old (a standby replays the primary's
    /// changes a little later): itself for a single server. Sharing the pools, it needs no disposing.
    /// </summary>
    public GisStore Reading { get; }

    /// <summary>
    /// Receives what a user should hear while a write goes on but that is no result of it: waiting for another writer,
    /// a transaction tried again (<see cref="WriteLock"/>, <see cref="StoreRetry"/>). Null: nobody listens.
    /// </summary>
    public Action<string>? Notice { get; set; }

    /// <summary>
    /// Connects and applies pending migrations. Fails with a <see cref="StoreException"/> naming the server when it
    /// cannot be reached or lacks PostGIS.
    /// </summary>
    public static async Task<GisStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNetTopologySuite();
        // The store's queries are short reads of aggregates: PostgreSQL's JIT would spend 50-130 ms compiling each one
        // whose estimate passes jit_above_cost, for nothing (ADR 0029). Sent with the startup packet; a jit setting the
        // user's connection string gives wins.
        if (builder.ConnectionStringBuilder.Options?.Contains("jit", StringComparison.Ordinal) != true)
            builder.ConnectionStringBuilder.Options = $"{builder.ConnectionStringBuilder.Options} -c jit=off".TrimStart();
        GisStore store;
        if (builder.ConnectionStringBuilder.Host?.Contains(',', StringComparison.Ordinal) == true)
        {
            var servers = builder.BuildMultiHost();
            store = new GisStore(servers.WithTargetSession(TargetSessionAttributes.ReadWrite), servers,
                new GisStore(servers, owned: null));
        }
        else
        {
            var dataSource = builder.Build();
            store = new GisStore(dataSource, dataSource);
        }
        try
        {
            await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
            await Migrator.ApplyAsync(connection, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            await store.DisposeAsync();
            var where = new NpgsqlConnectionStringBuilder(connectionString);
            // Several servers carry their ports in the host list.
            var at = where.Host?.Contains(',', StringComparison.Ordinal) == true ? where.Host : $"{where.Host}:{where.Port}";
            throw new StoreException($"Cannot use the PostGIS database {where.Database} at {at}: {e.Message}", e);
        }
        return store;
    }

    /// <summary>
    /// Asks the server a trivial query and returns the database's name: a health check. Opening a connection alone
    /// proves nothing, since the pool hands out idle connections without asking the server. At most a few seconds.
    /// </summary>
    /// <exception cref="NpgsqlException">The server is down, went away or does not answer in time.</exception>
    public async Task<string> PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = 3 };
        await command.ExecuteScalarAsync(cancellationToken);
        return connection.Database;
    }

    public void Dispose() => _owned?.Dispose();

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
