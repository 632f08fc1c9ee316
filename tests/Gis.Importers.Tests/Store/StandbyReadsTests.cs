using Gis.Importers.Firms;
using Gis.Importers.Store;
using Gis.TestSupport;
using Npgsql;

namespace Gis.Importers.Tests.Store;

/// <summary>
/// A store on a primary and its streaming standby named in one connection string (ADR 0026): the migrations and the
/// writes reach the primary even with the standby named first and <c>prefer-standby</c> asked for, reads through
/// <see cref="GisStore.Reading"/> reach the standby and see a write once it is replayed, data version included, and the
/// primary once the standby is gone.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class StandbyReadsTests : IDisposable
{
    private readonly OwnCluster _own = new();

    public void Dispose() => _own.Dispose();

    [Fact]
    public async Task OpenAsync_PrimaryAndStandby_WritesOnThePrimaryReadsOnTheStandbyAfterReplay()
    {
        using var standby = await StandbyCluster.StartAsync(_own.Cluster);
        var primary = new NpgsqlConnectionStringBuilder(_own.Cluster.ConnectionStringFor(ManagedCluster.DatabaseName));
        var both = new NpgsqlConnectionStringBuilder(primary.ConnectionString)
        {
            Host = $"127.0.0.1:{standby.Port},127.0.0.1:{primary.Port}",
            TargetSessionAttributes = "prefer-standby",
        };

        // Were the migrations sent where the string asks, the standby would refuse them (read-only transaction).
        await using var store = await GisStore.OpenAsync(both.ConnectionString);

        Assert.Equal((false, primary.Port), await ServerAsync(store.DataSource));
        Assert.Equal((true, standby.Port), await ServerAsync(store.Reading.DataSource));
        await standby.CatchUpAsync();
        var before = await DataVersion.ReadAsync(store.Reading);
        Assert.Equal(0L, await CountAsync(store.Reading));

        var result = await new FirmsImporter(store).ImportAsync(
            FirmsCsv.Detections("standby.csv", 18.79, 98.98, "2026-03-01", count: 3), strict: true);
        await standby.CatchUpAsync();

        Assert.Equal(3, result.Stored);
        Assert.Equal(3L, await CountAsync(store.Reading));
        var after = await DataVersion.ReadAsync(store.Reading);
        Assert.True(after.Hotspots > before.Hotspots, $"hotspot version {before.Hotspots} -> {after.Hotspots} on the standby");
        Assert.Equal(await DataVersion.ReadAsync(store), after);
        await using var reading = await store.Reading.DataSource.OpenConnectionAsync();
        await using var delete = new NpgsqlCommand("DELETE FROM hotspot", reading);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);

        // prefer-standby: with the standby gone, reads fall back to the primary instead of failing.
        standby.Stop();
        store.Reading.DataSource.Clear();
        Assert.Equal((false, primary.Port), await ServerAsync(store.Reading.DataSource));
        Assert.Equal(3L, await CountAsync(store.Reading));
    }

    /// <summary>Whether the server a connection of <paramref name="source"/> reaches is in recovery (a standby), and its port.</summary>
    private static async Task<(bool InRecovery, int Port)> ServerAsync(NpgsqlDataSource source)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery(), inet_server_port()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetBoolean(0), reader.GetInt32(1));
    }

    private static async Task<long> CountAsync(GisStore store)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM hotspot", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
