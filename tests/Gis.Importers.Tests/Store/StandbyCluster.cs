using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Tests.Store;

/// <summary>
/// A streaming standby of a test's own cluster, on another loopback port: the primary is switched to replica WAL and
/// restarted, copied with <c>pg_basebackup -R</c> (which writes <c>standby.signal</c> and <c>primary_conninfo</c>), and
/// the copy started. As <see cref="ManagedCluster"/> does, the server programs run as the postgres user under root.
/// Dispose stops the standby and deletes its files.
/// </summary>
internal sealed class StandbyCluster : IDisposable
{
    private readonly string _directory;

    private StandbyCluster(string directory, int port, string primaryConnectionString)
    {
        _directory = directory;
        Port = port;
        PrimaryConnectionString = primaryConnectionString;
    }

    public int Port { get; }

    /// <summary>The primary's <c>gis</c> database.</summary>
    public string PrimaryConnectionString { get; }

    private static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>Starts the primary if needed, enables replication on it and starts a standby of it.</summary>
    public static async Task<StandbyCluster> StartAsync(ManagedCluster primary)
    {
        primary.Start();
        var admin = new NpgsqlConnectionStringBuilder(primary.ConnectionStringFor(ManagedCluster.DatabaseName)) { Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            // ALTER SYSTEM may not run inside a transaction, so one statement a command.
            await using var walLevel = new NpgsqlCommand("ALTER SYSTEM SET wal_level = 'replica'", connection);
            await walLevel.ExecuteNonQueryAsync();
            await using var senders = new NpgsqlCommand("ALTER SYSTEM SET max_wal_senders = 4", connection);
            await senders.ExecuteNonQueryAsync();
        }
        primary.Stop();
        primary.Start();

        var directory = Path.Combine(Path.GetDirectoryName(primary.DataDirectory)!, "standby");
        Directory.CreateDirectory(directory);
        if (RunningAsRoot)
        {
            Run("chown", ["postgres:", directory]);
            Run("chmod", ["700", directory]);
        }
        var standby = new StandbyCluster(directory, FreeLoopbackPort(), admin.ConnectionString);
        RunPg("pg_basebackup", ["-h", admin.Host!, "-p", admin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", admin.Username!, "-D", directory, "-R", "-X", "stream", "-c", "fast"], admin.Password);
        RunPg("pg_ctl", ["start", "-D", directory, "-w", "-t", "60", "-l", Path.Combine(directory, "server.log"),
            "-o", $"-p {standby.Port}"]);
        return standby;
    }

    /// <summary>Waits until the standby has replayed everything the primary had written when this was called.</summary>
    public async Task CatchUpAsync()
    {
        string written;
        await using (var primary = new NpgsqlConnection(PrimaryConnectionString))
        {
            await primary.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", primary);
            written = (string)(await command.ExecuteScalarAsync())!;
        }
        var standby = new NpgsqlConnectionStringBuilder(PrimaryConnectionString) { Port = Port };
        await using var connection = new NpgsqlConnection(standby.ConnectionString);
        await connection.OpenAsync();
        await using var replayed = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", connection)
        {
            Parameters = { new() { Value = written } },
        };
        var clock = Stopwatch.StartNew();
        while (!(bool)(await replayed.ExecuteScalarAsync())!)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"the standby did not replay the primary's WAL up to {written} within a minute");
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the standby at once (as a crash would) and keeps its files; does nothing when it is stopped.</summary>
    public void Stop() => RunPg("pg_ctl", ["stop", "-D", _directory, "-m", "immediate", "-w"], throwOnError: false);

    public void Dispose()
    {
        Stop();
        Directory.Delete(_directory, recursive: true);
    }

    private static void RunPg(string tool, IReadOnlyList<string> args, string? password = null, bool throwOnError = true)
    {
        var exe = PostgresInstallation.Binary(tool);
        if (RunningAsRoot)
            Run("runuser", ["-u", "postgres", "--", exe, .. args], password, throwOnError);
        else
            Run(exe, args, password, throwOnError);
    }

    private static void Run(string file, IReadOnlyList<string> args, string? password = null, bool throwOnError = true)
    {
        // runuser keeps the caller's working directory, which the postgres user may not be allowed to enter.
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        if (password is not null)
            info.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} failed (exit {process.ExitCode}): {stdout}{stderr.Result}");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
