using Npgsql;

namespace Gis.Importers.Store;

/// <summary>
/// The PostGIS store: one data source (connection pool) with NetTopologySuite mapping, whose schema is brought to
/// the newest version on open. Dispose it to close the pool.
/// </summary>
public sealed class GisStore : IDisposable, IAsyncDisposable
{
    private GisStore(NpgsqlDataSource dataSource) => DataSource = dataSource;

    public NpgsqlDataSource DataSource { get; }

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
        var dataSource = builder.Build();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await Migrator.ApplyAsync(connection, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            await dataSource.DisposeAsync();
            var where = new NpgsqlConnectionStringBuilder(connectionString);
            throw new StoreException($"Cannot use the PostGIS database {where.Database} at {where.Host}:{where.Port}: {e.Message}", e);
        }
        return new GisStore(dataSource);
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

    public void Dispose() => DataSource.Dispose();

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
