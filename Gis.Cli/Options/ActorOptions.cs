using System.CommandLine;

namespace Gis.Cli.Options;

/// <summary>
/// <c>--as NAME</c>: who a command that changes planning data acts for, as the planner's history records it (ADR 0034).
/// Without it, the OS user. A label for the history, not a sign-in: whoever runs the command can already write the
/// database directly.
/// </summary>
internal static class ActorOptions
{
    /// <summary><c>--as</c>; <paramref name="aliases"/> keeps an older spelling working.</summary>
    public static Option<string?> As(params string[] aliases) =>
        new("--as", aliases) { Description = "Who makes the change, for the planner's history (default: the OS user)" };

    /// <summary>The name given with <c>--as</c>, else the OS user (<c>gis</c> when it has none).</summary>
    public static string Who(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } given && !string.IsNullOrWhiteSpace(given) ? given.Trim()
            : string.IsNullOrWhiteSpace(Environment.UserName) ? "gis" : Environment.UserName;
}
