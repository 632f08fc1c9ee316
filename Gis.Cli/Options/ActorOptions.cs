using System.CommandLine;

namespace Gis.Cli.Options;

/// <summary>
/// <c>--as NAME</c>: who a command that changes planning data, saves a result run or imports a file acts for, as the
/// planner's history, <c>target_run.saved_by</c> and <c>import_batch.imported_by</c> record it (ADR 0034, ADR 0042).
/// Without it, the OS user. A label for the history, not a sign-in: whoever runs the command can already write the
/// database directly.
/// </summary>
internal static class ActorOptions
{
    /// <summary><c>--as</c>; <paramref name="aliases"/> keeps an older spelling working.</summary>
    public static Option<string?> As(params string[] aliases) =>
        new("--as", aliases) { Description = "Who makes the change, as the store records it (default: the OS user)" };

    /// <summary>The name given with <c>--as</c>, else the OS user (<c>gis</c> when it has none).</summary>
    public static string Who(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } given && !string.IsNullOrWhiteSpace(given) ? given.Trim()
            : string.IsNullOrWhiteSpace(Environment.UserName) ? "gis" : Environment.UserName;
}
