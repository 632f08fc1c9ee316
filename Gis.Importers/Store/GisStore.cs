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

    public void Dispose() => DataSource.Dispose();

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
