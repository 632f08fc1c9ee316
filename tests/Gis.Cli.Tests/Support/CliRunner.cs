namespace Gis.Cli.Tests.Support;

/// <summary>Runs the gis command in process against a test database and captures what it writes.</summary>
internal static class CliRunner
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string connectionString, params string[] args) =>
        RunWithoutDbAsync([.. args, "--db", connectionString]);

    /// <summary>Runs the command line as given, without <c>--db</c>: the store is the one <c>GIS_DB</c> or <c>GIS_HOME</c> names.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunWithoutDbAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await GisCommand.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
