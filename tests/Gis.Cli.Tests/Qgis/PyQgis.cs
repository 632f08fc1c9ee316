using System.Diagnostics;

namespace Gis.Cli.Tests.Qgis;

/// <summary>Runs the scripts of this folder with Debian's python3-qgis (<c>/usr/bin/python3</c>), headless.</summary>
internal static class PyQgis
{
    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/> and returns its standard output (its JSON).</summary>
    /// <param name="environment">The connection (PGHOST..., or PGSERVICEFILE and PGPASSWORD), added to QT_QPA_PLATFORM=offscreen.</param>
    public static async Task<string> RunAsync(string script, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "Qgis", script), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["QT_QPA_PLATFORM"] = "offscreen" },
        };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"python3-qgis {script} exit {process.ExitCode}: {await error}");
        return await output;
    }
}
