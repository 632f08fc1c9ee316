namespace Gis.Cli.Tests.Help;

public class HelpTests
{
    [Theory]
    [InlineData(new[] { "--help" }, "hotspots")]
    [InlineData(new[] { "db", "--help" }, "status")]
    [InlineData(new[] { "db", "connection", "--help" }, "--libpq")]
    [InlineData(new[] { "import", "firms", "--help" }, "--strict")]
    [InlineData(new[] { "import", "boundaries", "--help" }, "--code-field")]
    [InlineData(new[] { "hotspots", "--help" }, "--province")]
    public async Task Help_EveryCommand_DescribesItsOptions(string[] args, string expected)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await GisCommand.RunAsync(args, output, error));
        Assert.Contains(expected, output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--db", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hotspots_BadDate_IsAUsageErrorNamingTheValue()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await GisCommand.RunAsync(["hotspots", "--from", "25/03/2026", "--to", "2026-05-18", "--db", "Host=127.0.0.1;Port=1"], output, error);
        Assert.NotEqual(0, exit);
        Assert.Contains("'25/03/2026' is not a date", error.ToString(), StringComparison.Ordinal);
    }
}
