using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;
using Npgsql;

namespace Gis.Cli.Tests.Db;

/// <summary>
/// Failures a user meets, each a line naming the server, port or file and what to do, exit 2, never a stack trace:
/// the private cluster killed, its port taken, the database stopped in the middle of an import, the workstation's port
/// in use. Runs the command in process against a cluster of its own under its own <c>GIS_HOME</c>.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
[Collection(GisHomeGroup.Name)]
public sealed class ClusterFailureTests : IClassFixture<OwnCluster>, IDisposable
{
    private readonly OwnCluster _own;
    private readonly EnvironmentScope _environment;

    public ClusterFailureTests(OwnCluster own)
    {
        _own = own;
        _environment = new EnvironmentScope(("GIS_HOME", own.GisHome), ("GIS_DB", null));
        own.Cluster.Start();
    }

    public void Dispose() => _environment.Dispose();

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => CliRunner.RunWithoutDbAsync(args);

    private static void AssertOneLine(string error)
    {
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbStatusAndStart_AfterThePostmasterWasKilled_TellTheTruthAndStartOnTheSamePort()
    {
        var port = _own.Cluster.Status().Port;
        await _own.KillPostmasterAsync();

        var status = await RunAsync("db", "status");
        Assert.Equal(3, status.ExitCode);
        Assert.Contains("not running: its server (process", status.Output, StringComparison.Ordinal);
        Assert.Contains("gis db start", status.Output, StringComparison.Ordinal);

        var start = await RunAsync("db", "start");
        Assert.True(start.ExitCode == 0, start.Error);
        Assert.Contains($"running on 127.0.0.1:{port},", start.Output, StringComparison.Ordinal);
        Assert.Contains("had stopped without shutting down", start.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("db", "status")).ExitCode);
    }

    [Fact]
    public async Task DbStart_AfterAStop_KeepsThePortUnlessAnotherProgramTookIt()
    {
        var port = _own.Cluster.Status().Port!.Value;
        Assert.Equal(0, (await RunAsync("db", "stop")).ExitCode);
        var again = await RunAsync("db", "start");
        Assert.Contains($"running on 127.0.0.1:{port},", again.Output, StringComparison.Ordinal);
        Assert.Equal("", again.Error);

        Assert.Equal(0, (await RunAsync("db", "stop")).ExitCode);
        using var squatter = new TcpListener(IPAddress.Loopback, port);
        squatter.Start();
        var moved = await RunAsync("db", "start");
        Assert.Equal(0, moved.ExitCode);
        Assert.DoesNotContain($"127.0.0.1:{port},", moved.Output, StringComparison.Ordinal);
        Assert.Contains($"port {port} of the private cluster is taken by another program", moved.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFirms_DatabaseStoppedMidImport_OneLineNamingTheServerExit2NothingStored()
    {
        var file = Path.Combine(_own.GisHome, "large.csv");
        var text = new StringBuilder(FirmsCsv.Header).Append('\n');
        for (var i = 0; i < 300_000; i++)
            text.Append(CultureInfo.InvariantCulture, $"{18 + i % 1000 * 0.001:F4},{98 + i / 1000 * 0.001:F4},330.5,0.4,0.4,2026-03-01,")
                .Append(CultureInfo.InvariantCulture, $"{i % 1440 / 60 * 100 + i % 60:0000},N20,VIIRS,n,2.0NRT,290.1,5.5,D\n");
        await File.WriteAllTextAsync(file, text.ToString());
        var port = _own.Cluster.Status().Port;

        var import = RunAsync("import", "firms", file);
        // Stopped once the rows stream into the server: the import's transaction is open then.
        await using (var watch = new NpgsqlConnection(_own.Cluster.ConnectionStringFor("postgres")))
        {
            await watch.OpenAsync();
            await using var copying = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY \"hotspot_y%' AND state = 'active'", watch);
            while ((long)(await copying.ExecuteScalarAsync())! == 0)
            {
                Assert.False(import.IsCompleted, "the import ended before it could be interrupted");
                await Task.Delay(20);
            }
        }
        _own.Cluster.Stop();
        var (exit, _, error) = await import;

        Assert.Equal(GisCommand.Refused, exit);
        AssertOneLine(error);
        Assert.Contains($"the PostGIS server at 127.0.0.1:{port} (database gis)", error, StringComparison.Ordinal);
        Assert.Contains("gis db start", error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_own.GisHome, "logs", "gis.log"), error, StringComparison.Ordinal);

        _own.Cluster.Start();
        await using var check = new NpgsqlConnection(_own.Cluster.ConnectionStringFor("gis"));
        await check.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM hotspot) + (SELECT count(*) FROM import_batch)", check);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Desktop_PortInUse_OneLineNamingThePortExit2()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var (exit, _, error) = await RunAsync("desktop", "--port", port.ToString(CultureInfo.InvariantCulture), "--no-browser");

        Assert.Equal(GisCommand.Refused, exit);
        AssertOneLine(error);
        Assert.StartsWith($"gis: port {port} on 127.0.0.1 is in use (another gis desktop?); choose another with --port", error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_UnexpectedException_InternalErrorExit1WithTheStackTraceInTheLogOnly()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("the impossible happened\nsecond line");
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }
        var log = Path.Combine(_own.GisHome, "logs", "gis.log");

        var (message, exit) = Failures.Describe(thrown, "test");

        Assert.Equal(Failures.Internal, exit);
        Assert.Equal($"internal error: InvalidOperationException: the impossible happened; details in {log}", message);
        Assert.Contains(nameof(Describe_UnexpectedException_InternalErrorExit1WithTheStackTraceInTheLogOnly), File.ReadAllText(log),
            StringComparison.Ordinal);
    }
}

/// <summary>Tests that set <c>GIS_HOME</c> for the command run alone: the variable belongs to the whole process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GisHomeGroup
{
    public const string Name = "GIS_HOME";
}
