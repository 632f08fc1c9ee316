using System.CommandLine;
using Gis.Core.Admin;

namespace Gis.Cli.Options;

/// <summary>The <c>--province</c> and <c>--format</c> options of the per-district reports, and how they are read.</summary>
internal static class ReportOptions
{
    public static Option<string> Province() => new("--province")
    {
        Description = "DOPA province code (50 or TH50) whose districts are listed, or 'all'",
        DefaultValueFactory = _ => "50",
    };

    public static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        return format;
    }

    /// <summary>The two-digit province code, or null for 'all'.</summary>
    /// <exception cref="FormatException">Not a province code.</exception>
    public static string? ProvinceCode(string text)
    {
        var code = text.Equals("all", StringComparison.OrdinalIgnoreCase) ? null : DopaCode.Normalize(text);
        return code is { Length: not 2 }
            ? throw new FormatException($"--province {text}: a province code has two digits (e.g. 50).")
            : code;
    }
}
