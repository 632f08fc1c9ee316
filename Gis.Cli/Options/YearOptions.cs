using System.CommandLine;

namespace Gis.Cli.Options;

/// <summary><c>--ce</c>: years on the command line are Buddhist Era (2569) unless it is given.</summary>
internal static class YearOptions
{
    /// <param name="subject">The years it turns to CE, starting its description ("--year is").</param>
    public static Option<bool> Ce(string subject) => new("--ce") { Description = subject + " CE (2026) instead of Buddhist Era (2569)" };
}
