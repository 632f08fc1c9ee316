namespace Gis.Cli.Tests.Support;

/// <summary>Runs the gis command in process against a test database and captures what it writes.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string connectionString, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await GisCommand.RunAsync([.. args, "--db", connectionString], output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
