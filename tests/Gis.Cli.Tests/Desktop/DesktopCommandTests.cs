namespace Gis.Cli.Tests.Desktop;

/// <summary><c>gis desktop</c> refuses unsafe listening before it touches any store.</summary>
public class DesktopCommandTests
{
    // A port nothing listens on: the command must stop before trying it.
    private const string NoServer = "Host=127.0.0.1;Port=1";

    [Theory]
    [InlineData(new[] { "desktop", "--listen", "0.0.0.0", "--no-browser" }, "needs an access token")]
    [InlineData(new[] { "desktop", "--listen", "0.0.0.0", "--token", "short", "--no-browser" }, "too short")]
    [InlineData(new[] { "desktop", "--listen", "my-laptop", "--no-browser" }, "is not an IP address")]
    [InlineData(new[] { "desktop", "--listen", "0.0.0.0", "--accounts", "--no-browser" }, "needs HTTPS")]
    [InlineData(new[] { "desktop", "--listen", "0.0.0.0", "--token", "a-long-enough-token", "--no-browser" }, "needs HTTPS")]
    [InlineData(new[] { "desktop", "--listen", "0.0.0.0", "--accounts", "--behind-proxy", "proxy", "--no-browser" }, "not an IP")]
    [InlineData(new[] { "desktop", "--listen", "0.0.0.0", "--accounts", "--certificate", "/nonexistent.pfx", "--no-browser" },
        "/nonexistent.pfx")]
    public async Task Desktop_UnsafeOrBadListen_RefusedWithMessage(string[] args, string expected)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Environment.SetEnvironmentVariable("GIS_DESKTOP_TOKEN", null);
        var exit = await GisCommand.RunAsync([.. args, "--db", NoServer], output, error);
        Assert.Equal(GisCommand.Refused, exit);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Desktop_Help_NamesTheSecurityOptions()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await GisCommand.RunAsync(["desktop", "--help"], output, error));
        foreach (var option in new[] { "--port", "--listen", "--token", "--accounts", "--certificate", "--behind-proxy", "--no-browser",
                     "--db" })
            Assert.Contains(option, output.ToString(), StringComparison.Ordinal);
    }
}
