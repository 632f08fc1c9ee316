using System.CommandLine;

namespace Gis.Cli.Options;

/// <summary>How a command writes its result: <c>--format</c> for the tables, <c>--json</c> for the imports and fetches.</summary>
internal static class OutputOptions
{
    /// <summary><c>--format table|csv|json</c>, default table.</summary>
    public static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        return format;
    }

    /// <summary><c>--json</c>: the result as JSON instead of lines of text.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Write the result as JSON (and no progress bar)" };
}
