using System.CommandLine;

namespace Gis.Cli.Options;

/// <summary>
/// <c>--save</c> of <c>gis targets hotspots</c> and <c>gis targets green</c>: computing never writes, so keeping a
/// table for QGIS is asked for, and each save is a new run with its parameters (ADR 0016).
/// </summary>
internal static class SaveOptions
{
    /// <summary><c>--save</c>, off by default.</summary>
    /// <param name="view">The view QGIS opens the saved rows in.</param>
    public static Option<bool> Save(string view) => new("--save")
    {
        Description = $"Also store the result as a new run with all its parameters (table target_run; view {view} for QGIS); "
            + "earlier runs are kept",
    };

    /// <summary>Tells where the run went: under the table, or on standard error when the output is CSV or JSON.</summary>
    public static void Report(ParseResult parse, string format, long runId, string view)
    {
        var writer = format == "table" ? parse.InvocationConfiguration.Output : parse.InvocationConfiguration.Error;
        writer.WriteLine(FormattableString.Invariant($"Saved as run {runId} (view {view}, run_id = {runId})."));
    }
}
