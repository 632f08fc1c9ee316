using System.CommandLine;

namespace Gis.Cli.Options;

/// <summary>The <c>--format</c> option of the per-district reports.</summary>
internal static class ReportOptions
{
    public static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        return format;
    }
}
