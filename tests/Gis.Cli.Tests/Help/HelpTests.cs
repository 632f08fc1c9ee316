using System.Text.RegularExpressions;

namespace Gis.Cli.Tests.Help;

/// <summary>
/// <c>--help</c> of every command and subcommand. The commands are found by walking the parser's own tree through
/// System.CommandLine's <c>[suggest]</c> directive (the completions it offers after a command are its subcommands and
/// options), not from a list here, so a command added later is checked too.
/// </summary>
public class HelpTests
{
    /// <summary>Every command path below <c>gis</c>, the root itself as "".</summary>
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var command in Walk())
            data.Add(command);
        return data;
    }

    /// <summary>The tree, depth first: a command, then each of its subcommands with theirs.</summary>
    private static List<string> Walk()
    {
        var all = new List<string>();
        var pending = new Stack<string>([""]);
        while (pending.Count > 0)
        {
            var command = pending.Pop();
            all.Add(command);
            foreach (var sub in Suggestions(command).Where(IsSubcommand).Reverse())
                pending.Push(Join(command, sub));
        }
        return all;
    }

    [Fact]
    public void Commands_WalkOfTheTree_FindsEveryCommandOfTheReadme()
    {
        var commands = Walk();
        string[] readme =
        [
            "", "allocate", "db", "db connection", "db start", "db status", "db stop", "desktop", "fetch", "fetch firms", "hotspots",
            "import", "import boundaries", "import firms", "import gistda", "import landuse", "import projects", "map", "projects",
            "projects list", "report", "targets", "targets green", "targets hotspots", "watch", "watch firms",
        ];
        // A command added later joins the walk (and the help checks) without being listed here.
        Assert.Empty(readme.Except(commands));
        Assert.Equal(commands.Count, commands.Distinct().Count());
        // The options the help must name come from the same walk: it sees each command's own options.
        Assert.Contains("--libpq", Suggestions("db connection"));
        Assert.Contains("--strict", Suggestions("import firms"));
        Assert.Contains("--code-field", Suggestions("import boundaries"));
        Assert.Contains("--district-target", Suggestions("targets hotspots"));
        Assert.DoesNotContain("--strict", Suggestions("targets hotspots"));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EveryCommand_ExitsZeroNamingItsDescriptionOptionsAndSubcommands(string command)
    {
        var (exit, help, error) = await RunAsync([.. Words(command), "--help"]);
        Assert.True(exit == 0, $"gis {command} --help: exit {exit}\n{error}");
        Assert.Equal("", error);

        // Usage names the command's path after the program's name (in process, the test host's).
        var usage = Assert.Single(Section(help, "Usage"));
        Assert.StartsWith(command.Length == 0 ? "" : command + " ", usage[(usage.IndexOf(' ', StringComparison.Ordinal) + 1)..],
            StringComparison.Ordinal);

        // The description is the one its parent lists for it.
        var description = Words(string.Join(' ', Section(help, "Description")));
        Assert.NotEmpty(description);
        if (command.Length > 0)
        {
            var parent = command.Contains(' ', StringComparison.Ordinal) ? command[..command.LastIndexOf(' ')] : "";
            var name = command[(command.LastIndexOf(' ') + 1)..];
            var (_, parentHelp, _) = await RunAsync([.. Words(parent), "--help"]);
            Assert.Equal(Listed(Section(parentHelp, "Commands"))[name], description);
        }

        // Every option the parser accepts for it, the global --db included, is in the Options section.
        var suggested = Suggestions(command);
        var options = string.Join('\n', Section(help, "Options"));
        Assert.Contains("--db", suggested);
        Assert.Contains("--help", suggested);
        foreach (var option in suggested.Where(s => s.StartsWith("--", StringComparison.Ordinal)))
            Assert.Matches(new Regex($@"(?m)^(\S+, )*{Regex.Escape(option)}(?=[\s,]|$)"), options);

        // Its subcommands are exactly those the Commands section lists.
        Assert.Equal(suggested.Where(IsSubcommand).Order(StringComparer.Ordinal),
            Listed(Section(help, "Commands")).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Hotspots_BadDate_IsAUsageErrorNamingTheValue()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await GisCommand.RunAsync(["hotspots", "--from", "25/03/2026", "--to", "2026-05-18", "--db", "Host=127.0.0.1;Port=1"],
            output, error);
        Assert.NotEqual(0, exit);
        Assert.Contains("'25/03/2026' is not a date", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await GisCommand.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>What the parser completes after <c>gis COMMAND </c>: its subcommands and options (with -? -h /? /h).</summary>
    private static List<string> Suggestions(string command)
    {
        var text = command.Length == 0 ? "" : command + " ";
        // The directive runs no command, so the task is complete when it returns.
        var (exit, output, error) = RunAsync([$"[suggest:{text.Length}]", text]).GetAwaiter().GetResult();
        Assert.True(exit == 0, error);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static bool IsSubcommand(string suggestion) => char.IsAsciiLetterLower(suggestion[0]);

    private static string Join(string path, string word) => path.Length == 0 ? word : path + " " + word;

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The lines of a help section (<c>Usage:</c> up to the next blank line), without their indent.</summary>
    private static List<string> Section(string help, string title) =>
        [.. help.Split('\n').SkipWhile(line => line != title
            + ":").Skip(1).TakeWhile(line => line.Trim().Length > 0).Select(line => line[2..])];

    /// <summary>A Commands section as name to description words (an entry's continuation lines are indented further).</summary>
    private static Dictionary<string, string[]> Listed(List<string> lines)
    {
        var entries = new Dictionary<string, string[]>();
        string? name = null;
        foreach (var line in lines)
        {
            if (!line.StartsWith(' '))
            {
                // "firms <PATH>   Import NASA FIRMS...": the name, its arguments, then the description.
                var match = Regex.Match(line, @"^(\S+)(?: <[^>]+>)*\s{2,}(.*)$");
                Assert.True(match.Success, line);
                name = match.Groups[1].Value;
                entries[name] = Words(match.Groups[2].Value);
            }
            else if (name is not null)
            {
                entries[name] = [.. entries[name], .. Words(line)];
            }
        }
        return entries;
    }
}
