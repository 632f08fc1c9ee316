using System.Diagnostics;
using Gis.Cli.Tests.Fetch;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Watch;

/// <summary>
/// The systemd unit in <c>deploy/</c>: systemd itself reads it without a complaint, it holds what a service needs
/// (restart on failure, secrets from a file, its own user, the journal, a stop timeout longer than the watcher's grace),
/// and its ExecStart is a command line the CLI runs.
/// </summary>
public sealed class ServiceUnitTests
{
    private static readonly string Unit = Path.Combine(SharedData.RepoRoot, "deploy", "gis-watch.service");

    /// <summary>Each <c>Key=value</c> line of the [Service] section (comments and other sections left out).</summary>
    private static Dictionary<string, string> Service()
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var section = "";
        foreach (var line in File.ReadLines(Unit).Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] is not ('#' or ';')))
        {
            if (line.StartsWith('['))
                section = line;
            else if (section == "[Service]" && line.IndexOf('=', StringComparison.Ordinal) is > 0 and var at)
                keys[line[..at]] = line[(at + 1)..];
        }
        return keys;
    }

    [Fact]
    public async Task Unit_SystemdVerifiesIt_WithoutAWord()
    {
        // systemd-analyze reports unknown keys and bad values as warnings and still exits 0: its silence is the check.
        var copy = Directory.CreateTempSubdirectory("gis-unit-");
        try
        {
            File.Copy(Unit, Path.Combine(copy.FullName, "gis-watch.service"));
            var start = new ProcessStartInfo("systemd-analyze", ["verify", Path.Combine(copy.FullName, "gis-watch.service")])
            { RedirectStandardOutput = true, RedirectStandardError = true };
            using var verify = Process.Start(start)!;
            var output = await verify.StandardOutput.ReadToEndAsync() + await verify.StandardError.ReadToEndAsync();
            await verify.WaitForExitAsync();
            Assert.True(verify.ExitCode == 0 && output.Length == 0, output);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    [Fact]
    public void Unit_HasWhatAServiceNeeds()
    {
        var service = Service();
        Assert.Equal("simple", service["Type"]);
        Assert.Equal("on-failure", service["Restart"]);
        Assert.Equal("/etc/gis/watch.env", service["EnvironmentFile"]);
        Assert.Equal("gis", service["User"]);
        Assert.Equal("journal", service["StandardOutput"]);
        Assert.Equal("journal", service["StandardError"]);
        Assert.Equal("SIGTERM", service["KillSignal"]);
        // systemd must wait longer than the watcher's default --stop-grace (20 s) before it kills.
        Assert.True(int.Parse(service["TimeoutStopSec"], System.Globalization.CultureInfo.InvariantCulture) > 20);
        // Secrets come from the environment file only, never from the command line (the process list shows it).
        Assert.DoesNotContain("--map-key", service["ExecStart"], StringComparison.Ordinal);
        Assert.DoesNotContain("--db", service["ExecStart"], StringComparison.Ordinal);
    }

    [Fact]
    [Trait(Needs.Trait, Needs.PostGis)]
    public async Task ExecStart_IsACommandLineTheCliRuns()
    {
        var words = Service()["ExecStart"].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("/usr/bin/dotnet", words[0]);
        Assert.EndsWith("/gis.dll", words[1], StringComparison.Ordinal);
        await using var db = await PostGis.NewDatabaseAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(db.ConnectionString, "import", "boundaries",
            SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson"))).ExitCode);
        using var firms = new FakeFirmsServer(SharedData.PathOf("firms", "viirs-noaa20-nrt-2026"), TimeSpan.FromSeconds(4));

        // The unit's own words, with the test's FIRMS server and key and one cycle instead of forever.
        var run = await CliRunner.RunAsync(db.ConnectionString,
            [.. words[2..], "--base-url", firms.BaseUrl, "--map-key", FakeFirmsServer.Key, "--cycles", "1", "--today", "2026-04-14"]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("cycle 1 VIIRS_NOAA20_NRT province 50: 1 pull", run.Output, StringComparison.Ordinal);
        Assert.Equal(1, await db.ScalarAsync<long>("SELECT count(*) FROM watch_heartbeat WHERE every = interval '30 minutes'"));
    }
}
