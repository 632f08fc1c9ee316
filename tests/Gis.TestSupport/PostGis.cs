using Gis.Importers.Store;
using Npgsql;

namespace Gis.TestSupport;

/// <summary>
/// A throwaway PostGIS cluster for the whole test process, started on first use in a temporary folder and
/// destroyed at exit. Each test (class) gets its own fresh database from <see cref="NewDatabaseAsync"/>.
/// Without PostgreSQL/PostGIS installed this throws: such tests fail, they never skip.
/// </summary>
public static class PostGis
{
    private static readonly Lazy<ManagedCluster> Cluster = new(StartCluster, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    /// <summary>Creates an empty database with the project's schema and returns an open store on it.</summary>
    public static async Task<TestDatabase> NewDatabaseAsync()
    {
        var cluster = Cluster.Value;
        var name = $"test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var admin = new NpgsqlConnection(cluster.ConnectionStringFor(ManagedCluster.DatabaseName)))
        {
            await admin.OpenAsync();
            // The name is made above from numbers only; identifiers cannot be parameters.
#pragma warning disable CA2100
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
#pragma warning restore CA2100
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = cluster.ConnectionStringFor(name);
        return new TestDatabase(connectionString, await GisStore.OpenAsync(connectionString));
    }

    private static ManagedCluster StartCluster()
    {
        RemoveLeftovers();
        var root = Path.Combine(Path.GetTempPath(), $"gis-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var cluster = new ManagedCluster(Path.Combine(root, "home"), Path.Combine(root, "pgdata"));
        // Made world-traversable so the postgres system user can reach the data folder when tests run as root.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.Destroy();
            Directory.Delete(root, recursive: true);
        };
        cluster.Start();
        return cluster;
    }

    /// <summary>
    /// Deletes clusters of test processes that no longer run: the test host may be killed before its exit
    /// handler finishes, and a cluster left behind would fill the temporary folder run after run.
    /// </summary>
    private static void RemoveLeftovers()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), "gis-test-*"))
        {
            var parts = Path.GetFileName(dir).Split('-');
            if (parts.Length < 3 || !int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var pid)
                || IsRunning(pid))
                continue;
            try
            {
                new ManagedCluster(Path.Combine(dir, "home"), Path.Combine(dir, "pgdata")).Destroy();
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Another test process may be cleaning the same folder; whoever is last removes it.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>A fresh database of the test cluster with the schema applied.</summary>
public sealed class TestDatabase(string connectionString, GisStore store) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public GisStore Store { get; } = store;

    /// <summary>Runs a query for a single value: for the independent checks tests make against the tables.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await Store.DataSource.OpenConnectionAsync();
#pragma warning disable CA2100 // Test queries are constants of the tests.
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        foreach (var p in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
