using Gis.Importers.Store;

namespace Gis.TestSupport;

/// <summary>
/// A private cluster of one test class, for tests that stop, kill or restart the server (which the shared cluster of
/// <see cref="PostGis"/> must never see): its GIS home and data folder in a temporary folder, destroyed on dispose.
/// </summary>
public sealed class OwnCluster : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"gis-test-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public OwnCluster()
    {
        Directory.CreateDirectory(_root);
        // World-traversable so the postgres system user can reach the data folder when tests run as root.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        Cluster = new ManagedCluster(GisHome, Path.Combine(_root, "pgdata"));
    }

    /// <summary>The GIS home: give it to the command as <c>GIS_HOME</c>.</summary>
    public string GisHome => Path.Combine(_root, "home");

    public ManagedCluster Cluster { get; }

    /// <summary>
    /// Kills the server's main process (SIGKILL, as a crash or <c>kill -9</c> would) and waits until it is dead: gone,
    /// or a zombie nobody reaps, as in a container without an init process. Returns its id.
    /// </summary>
    public async Task<int> KillPostmasterAsync()
    {
        var pid = int.Parse(File.ReadLines(Path.Combine(Cluster.DataDirectory, "postmaster.pid")).First(),
            System.Globalization.CultureInfo.InvariantCulture);
        using (var postmaster = System.Diagnostics.Process.GetProcessById(pid))
            postmaster.Kill();
        var stat = $"/proc/{pid}/stat";
        for (var waited = 0; File.Exists(stat) && !File.ReadAllText(stat).Contains(") Z ", StringComparison.Ordinal); waited++)
        {
            if (waited > 500)
                throw new TimeoutException($"process {pid} did not die");
            await Task.Delay(20);
        }
        return pid;
    }

    public void Dispose()
    {
        Cluster.Destroy();
        Directory.Delete(_root, recursive: true);
    }
}
