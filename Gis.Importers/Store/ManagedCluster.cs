using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;

namespace Gis.Importers.Store;

/// <summary>
/// A private PostgreSQL + PostGIS cluster the project runs for a user who gives no connection string:
/// created with initdb on first use, listening on 127.0.0.1 only, on a port chosen free once and kept across restarts,
/// password-protected (scram-sha-256), and reused afterwards. Its state (data folder, port, password) lives in
/// <c>cluster.json</c> under the GIS home folder, readable by its owner only.
/// </summary>
/// <remarks>
/// initdb and postgres refuse to run as root. When the caller is root (CI, containers), the cluster runs as the
/// unprivileged <c>postgres</c> system user that Debian's package creates, and its data folder lives under
/// <c>/var/lib/gis-clusters</c> because that user cannot enter root's home.
/// </remarks>
public sealed class ManagedCluster
{
    private const string SystemUser = "postgres";
    private const string SuperUser = "gis";

    /// <summary>The database the project's schema lives in.</summary>
    public const string DatabaseName = "gis";

    private readonly string _stateFile;
    private readonly string _dataDirectory;

    /// <param name="gisHome">The folder for the cluster's state (default <c>~/.gis</c>, or <c>$GIS_HOME</c>).</param>
    /// <param name="dataDirectory">Where the cluster's files go; by default chosen as described on the class.</param>
    public ManagedCluster(string gisHome, string? dataDirectory = null)
    {
        GisHome = Path.GetFullPath(gisHome);
        _stateFile = Path.Combine(GisHome, "cluster.json");
        _dataDirectory = dataDirectory ?? ReadState()?.DataDirectory ?? DefaultDataDirectory(GisHome);
    }

    public string GisHome { get; }

    public string DataDirectory => _dataDirectory;

    /// <summary><c>$GIS_HOME</c>, else <c>~/.gis</c>.</summary>
    public static string DefaultGisHome() =>
        Environment.GetEnvironmentVariable("GIS_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".gis");

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static string DefaultDataDirectory(string gisHome)
    {
        if (!RunningAsRoot)
            return Path.Combine(gisHome, "pgdata");
        var hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(gisHome)))[..12];
        return Path.Combine("/var/lib/gis-clusters", hash);
    }

    /// <summary>
    /// Receives what a user should know about a start: a server found killed and started again, a port that had to
    /// change. Null: nobody listens.
    /// </summary>
    public Action<string>? Notice { get; set; }

    private string PidFile => Path.Combine(_dataDirectory, "postmaster.pid");

    private string ServerLog => Path.Combine(_dataDirectory, "server.log");

    /// <summary>
    /// Whether the cluster exists and whether its server runs and answers, without changing anything. Running means
    /// a connection succeeded, not only that <c>postmaster.pid</c> is there: a killed server leaves that file behind.
    /// </summary>
    public ClusterStatus Status()
    {
        var state = ReadState();
        if (state is null || !File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")))
            return new ClusterStatus(false, false, _dataDirectory, null);
        if (PostmasterPid() is not { } pid)
            return new ClusterStatus(true, false, _dataDirectory, null);
        if (!IsPostgresRunning(pid))
            return new ClusterStatus(true, false, _dataDirectory, null,
                $"its server (process {pid}) is gone without shutting down (killed or crashed); 'gis db start' starts it again");
        if (!Answers(state))
            return new ClusterStatus(true, false, _dataDirectory, null,
                $"its server (process {pid}) runs but does not answer on 127.0.0.1:{state.Port}; see {ServerLog}");
        return new ClusterStatus(true, true, _dataDirectory, state.Port);
    }

    /// <summary>
    /// Creates the cluster if needed, starts it if stopped, makes sure the <c>gis</c> database has PostGIS,
    /// and returns its connection string. The server listens on the port it had last time (saved QGIS connections
    /// and a running workstation keep working), on a new free one only when another program took it (see
    /// <see cref="Notice"/>). A server that was killed is started again. Cost: seconds on first use (initdb), about a
    /// second for a start, a few milliseconds when it already runs.
    /// </summary>
    /// <exception cref="StoreException">The server could not be started; the message says why and what to do.</exception>
    public string Start()
    {
        PostgresInstallation.RequirePostGis();
        // Two gis commands started together must not both run initdb or both start the server.
        using var starting = StartLock();
        var state = ReadState();
        if (state is null || !File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")))
            state = Create();
        // Every command comes here: a running server that lets us into its database needs nothing else (ADR 0029).
        else if (PostmasterPid() is { } pid && IsPostgresRunning(pid) && Answers(state, DatabaseName))
            return ConnectionString(state, DatabaseName);

        if (!Status().Running)
            state = StartServer(state);

        EnsureDatabase(state);
        return ConnectionString(state, DatabaseName);
    }

    private ClusterState StartServer(ClusterState state)
    {
        if (PostmasterPid() is { } pid)
        {
            if (IsPostgresRunning(pid))
            {
                // Starting up, or recovering after a crash: it answers once it is done.
                if (WaitUntilAnswers(state, TimeSpan.FromSeconds(60)))
                    return state;
                throw new StoreException($"The private cluster's server (process {pid}, data in {_dataDirectory}) runs but does "
                    + $"not answer on 127.0.0.1:{state.Port}: see {ServerLog}; stop it with 'gis db stop' and run 'gis db start'.");
            }
            // Left by a killed server. postgres itself would trust it when the id now belongs to a zombie or to another
            // process, and refuse to start.
            File.Delete(PidFile);
            Notice?.Invoke($"the private cluster's server (process {pid}) had stopped without shutting down; starting it again");
        }

        if (state.Port == 0 || !IsFree(state.Port))
        {
            var taken = state.Port;
            state = state with { Port = FreeLoopbackPort() };
            WriteState(state);
            if (taken != 0)
                Notice?.Invoke($"port {taken} of the private cluster is taken by another program; it now listens on "
                    + $"127.0.0.1:{state.Port} (update saved connections: gis db connection)");
        }

        // Processes of a killed server may hold its shared memory a moment longer; postgres refuses to start until
        // they are gone.
        // Given at each start, not written into postgresql.conf, so clusters made before it get it too.
        var options = PostgresInstallation.PostGisLibrary() is { } postgis
            ? $"-p {state.Port} -c shared_preload_libraries={postgis}"
            : $"-p {state.Port}";
        for (var attempt = 1; ; attempt++)
        {
            var result = RunPg("pg_ctl", ["start", "-D", _dataDirectory, "-w", "-t", "60", "-l", ServerLog, "-o", options],
                throwOnError: false);
            if (result.ExitCode == 0)
                return state;
            var reason = LastServerError();
            if (attempt < 10 && reason.Contains("pre-existing shared memory block", StringComparison.Ordinal))
            {
                Thread.Sleep(TimeSpan.FromSeconds(1));
                continue;
            }
            throw new StoreException($"The private cluster (data in {_dataDirectory}) did not start on 127.0.0.1:{state.Port}: "
                + $"{(reason.Length > 0 ? reason : result.Output.Trim())}; see {ServerLog}.");
        }
    }

    /// <summary>Stops the server (fast shutdown: open transactions roll back). Does nothing when it is not running.</summary>
    public void Stop()
    {
        if (PostmasterPid() is { } pid && IsPostgresRunning(pid))
            RunPg("pg_ctl", ["stop", "-D", _dataDirectory, "-m", "fast", "-w"]);
    }

    /// <summary>Stops the server and deletes its files and state: for throwaway test clusters.</summary>
    public void Destroy()
    {
        if (File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
            RunPg("pg_ctl", ["stop", "-D", _dataDirectory, "-m", "immediate", "-w"], throwOnError: false);
        if (Directory.Exists(_dataDirectory))
            Directory.Delete(_dataDirectory, recursive: true);
        if (File.Exists(_stateFile))
            File.Delete(_stateFile);
    }

    /// <summary>A connection string for another database of the same server (tests make one per test class).</summary>
    public string ConnectionStringFor(string database) =>
        ConnectionString(ReadState() ?? throw new InvalidOperationException("The cluster has not been created."), database);

    private ClusterState Create()
    {
        Directory.CreateDirectory(GisHome);
        if (Directory.Exists(_dataDirectory))
            Directory.Delete(_dataDirectory, recursive: true); // a half-made cluster from an interrupted initdb
        Directory.CreateDirectory(_dataDirectory);
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var passwordFile = Path.Combine(_dataDirectory, "..", $".pw-{Path.GetFileName(_dataDirectory)}");
        try
        {
            File.WriteAllText(passwordFile, password + "\n");
            if (RunningAsRoot)
            {
                RunProcess("chown", [$"{SystemUser}:", _dataDirectory, passwordFile]);
                RunProcess("chmod", ["700", _dataDirectory]);
            }
            OwnerOnly(passwordFile);
            RunPg("initdb", ["-D", _dataDirectory, "-U", SuperUser, "--pwfile", passwordFile, "--auth", "scram-sha-256",
                "-E", "UTF8", "--locale", "C.UTF-8", "--no-instructions"]);
        }
        finally
        {
            File.Delete(passwordFile);
        }

        // Loopback only; no Unix socket, so nothing depends on /var/run/postgresql being writable.
        // The private cluster is never replicated: minimal WAL makes bulk loads and index builds cheaper.
        File.AppendAllText(Path.Combine(_dataDirectory, "postgresql.conf"), """

            # --- written by gis (ManagedCluster) ---
            listen_addresses = '127.0.0.1'
            unix_socket_directories = ''
            wal_level = minimal
            max_wal_senders = 0
            max_wal_size = 4GB
            shared_buffers = 512MB
            work_mem = 64MB
            maintenance_work_mem = 512MB
            """);

        var state = new ClusterState(_dataDirectory, 0, password);
        WriteState(state);
        return state;
    }

    private static void EnsureDatabase(ClusterState state)
    {
        // Unpooled: a pool of this process may still hold connections to the server before a restart.
        using (var admin = new NpgsqlConnection(Unpooled(state, "postgres")))
        {
            admin.Open();
            using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1",
                admin)
            { Parameters = { new() { Value = DatabaseName } } };
            if (exists.ExecuteScalar() is null)
            {
                // Identifiers cannot be parameters; the name is the constant above.
                using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", admin);
                create.ExecuteNonQuery();
            }
        }
        using var db = new NpgsqlConnection(Unpooled(state, DatabaseName));
        db.Open();
        using var postgis = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS postgis", db);
        postgis.ExecuteNonQuery();
    }

    private static string ConnectionString(ClusterState state, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = state.Port,
        Username = SuperUser,
        Password = state.Password,
        Database = database,
        // Bulk imports and index builds can run for minutes.
        CommandTimeout = 0,
        // The cluster has no certificate: asking for TLS first would cost every connection a round trip for a "no".
        SslMode = SslMode.Disable,
    }.ConnectionString;

    private int? PostmasterPid()
    {
        try
        {
            using var reader = new StreamReader(
                new FileStream(PidFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            return int.TryParse(reader.ReadLine(), System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a postgres process of that id runs. A killed server's id may belong to a zombie nobody reaps (containers)
    /// or, after a reboot, to another program: both count as not running.
    /// </summary>
    private static bool IsPostgresRunning(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
        try
        {
            // /proc/PID/stat is "pid (name) state ...": the name may hold spaces, so the state follows the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close];
            return name.StartsWith("postgres", StringComparison.Ordinal) && stat[(close + 2)..] is [not ('Z' or 'X'), ..];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Whether the server lets us into <paramref name="database"/>; false also when that database does not exist.</summary>
    private static bool Answers(ClusterState state, string database = "postgres")
    {
        try
        {
            using var connection = new NpgsqlConnection(Unpooled(state, database));
            connection.Open();
            return true;
        }
        catch (Exception e) when (StoreFailure.IsUnavailable(e)
                                  || e is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName })
        {
            return false;
        }
    }

    private static bool WaitUntilAnswers(ClusterState state, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!Answers(state))
        {
            if (clock.Elapsed > limit)
                return false;
            Thread.Sleep(TimeSpan.FromMilliseconds(500));
        }
        return true;
    }

    /// <summary>The message of the server log's last FATAL line; empty when there is none.</summary>
    private string LastServerError()
    {
        const string Fatal = "FATAL:";
        try
        {
            var line = File.ReadLines(ServerLog).TakeLast(50).LastOrDefault(l => l.Contains(Fatal, StringComparison.Ordinal));
            return line is null ? "" : line[(line.IndexOf(Fatal, StringComparison.Ordinal) + Fatal.Length)..].Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>An exclusive lock on <c>cluster.lock</c> in the GIS home, held while one process creates or starts the cluster.</summary>
    private FileStream StartLock()
    {
        Directory.CreateDirectory(GisHome);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(Path.Combine(GisHome, "cluster.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(200));
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Unpooled(ClusterState state, string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString(state, database)) { Pooling = false, Timeout = 5 }.ConnectionString;

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private ClusterState? ReadState() =>
        File.Exists(_stateFile) ? JsonSerializer.Deserialize<ClusterState>(File.ReadAllText(_stateFile)) : null;

    private void WriteState(ClusterState state)
    {
        Directory.CreateDirectory(GisHome);
        File.WriteAllText(_stateFile, JsonSerializer.Serialize(state));
        OwnerOnly(_stateFile);
    }

    // The files hold the cluster's password.
    private static void OwnerOnly(string file)
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static ProcessResult RunPg(string tool, IReadOnlyList<string> args, bool throwOnError = true)
    {
        var exe = PostgresInstallation.Binary(tool);
        return RunningAsRoot
            ? RunProcess("runuser", ["-u", SystemUser, "--", exe, .. args], throwOnError)
            : RunProcess(exe, args, throwOnError);
    }

    private static ProcessResult RunProcess(string file, IReadOnlyList<string> args, bool throwOnError = true)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // runuser keeps the caller's working directory, which the postgres user may not be allowed to enter.
            WorkingDirectory = "/",
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var result = new ProcessResult(process.ExitCode, stdout + stderr.Result);
        if (throwOnError && result.ExitCode != 0)
            throw new StoreException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed (exit {result.ExitCode}): "
                + result.Output.Trim());
        return result;
    }

    private sealed record ProcessResult(int ExitCode, string Output);

    private sealed record ClusterState(string DataDirectory, int Port, string Password);
}

/// <summary>What <see cref="ManagedCluster.Status"/> found.</summary>
/// <param name="Port">The loopback port while running.</param>
/// <param name="Problem">Why a cluster that exists does not run, when it was not stopped cleanly.</param>
public sealed record ClusterStatus(bool Exists, bool Running, string DataDirectory, int? Port, string? Problem = null);
