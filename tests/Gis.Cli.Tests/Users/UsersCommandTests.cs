using System.Diagnostics;
using System.Text.Json;
using Gis.Cli.Tests.Support;
using Gis.Desktop.Api;
using Gis.Importers.Accounts;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Users;

/// <summary><c>gis users</c>: accounts with hashed passwords read from standard input, roles, disabling; and <c>--as</c>.</summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class UsersCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostGis.NewDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task AddWithPasswordStdin_HashStoredNotThePassword_ListSetRoleDisable()
    {
        const string Password = "แม่ริม secret 2569";
        var (exit, output, error) = await RunGisAsync(Password + "\n", "users", "add", "Somchai", "--role", "planner", "--display-name",
            "สมชาย", "--password-stdin");
        Assert.True(exit == 0, error);
        Assert.Contains("account somchai added (planner)", output, StringComparison.Ordinal);

        var hash = await _db.ScalarAsync<string>("SELECT password_hash FROM app_user WHERE name = 'somchai'");
        Assert.DoesNotContain(Password, hash, StringComparison.Ordinal);
        Assert.True(AccountPasswords.Verify(hash, Password));
        Assert.False(AccountPasswords.Verify(hash, Password + "x"));

        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "users", "set-role", "somchai", "--role", "viewer")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "users", "disable", "somchai")).ExitCode);
        var list = await CliRunner.RunAsync(_db.ConnectionString, "users", "list", "--format", "json");
        var row = JsonDocument.Parse(list.Output).RootElement.EnumerateArray().Single();
        Assert.Equal("สมชาย", row.GetProperty("display_name").GetString());
        Assert.Equal("viewer", row.GetProperty("role").GetString());
        Assert.True(row.GetProperty("disabled").GetBoolean());
        Assert.False(await new AccountStore(_db.Store).AnyEnabledAsync());
    }

    [Theory]
    [InlineData("short\n", "too short")]
    [InlineData("", "no password")]
    public async Task Add_BadPassword_RefusedAndNothingStored(string stdin, string expected)
    {
        var (exit, _, error) = await RunGisAsync(stdin, "users", "add", "malee", "--role", "officer", "--password-stdin");
        Assert.Equal(GisCommand.Refused, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT count(*) FROM app_user"));
    }

    [Fact]
    public async Task Add_Twice_RefusedWithMessage_ResetPasswordLiftsTheLock()
    {
        Assert.Equal(0, (await RunGisAsync("first password 1\n", "users", "add", "niran", "--role", "admin", "--password-stdin")).ExitCode);
        var again = await RunGisAsync("second password 2\n", "users", "add", "niran", "--role", "viewer", "--password-stdin");
        Assert.Equal(GisCommand.Refused, again.ExitCode);
        Assert.Contains("account 'niran' exists already", again.Error, StringComparison.Ordinal);

        Assert.Equal(1, await _db.ScalarAsync<long>("""
            WITH locked AS (UPDATE app_user SET failed_attempts = 5, locked_until = now() + interval '15 minutes' RETURNING 1)
            SELECT count(*) FROM locked
            """));
        Assert.Equal(0, (await RunGisAsync("second password 2\n", "users", "reset-password", "niran", "--password-stdin")).ExitCode);
        Assert.Equal(0, await _db.ScalarAsync<int>("SELECT failed_attempts FROM app_user WHERE locked_until IS NULL"));
        Assert.True(AccountPasswords.Verify(await _db.ScalarAsync<string>("SELECT password_hash FROM app_user"), "second password 2"));
    }

    [Fact]
    public async Task LastAdmin_NeitherDemotedNorDisabled_UntilAnotherAdminExists()
    {
        Assert.Equal(0, (await RunGisAsync("boss password 1\n", "users", "add", "boss", "--role", "admin", "--password-stdin")).ExitCode);

        var demoted = await CliRunner.RunAsync(_db.ConnectionString, "users", "set-role", "boss", "--role", "planner");
        var disabled = await CliRunner.RunAsync(_db.ConnectionString, "users", "disable", "boss");

        Assert.Equal((GisCommand.Refused, GisCommand.Refused), (demoted.ExitCode, disabled.ExitCode));
        Assert.Contains("account 'boss' is the last admin who can sign in", demoted.Error, StringComparison.Ordinal);
        Assert.Contains("last admin", disabled.Error, StringComparison.Ordinal);
        Assert.Equal("admin false", await _db.ScalarAsync<string>("SELECT role || ' ' || disabled::text FROM app_user"));

        // A second admin: now either may go.
        var deputy = await RunGisAsync("deputy password 2\n", "users", "add", "deputy", "--role", "admin", "--password-stdin");
        Assert.Equal(0, deputy.ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "users", "disable", "boss")).ExitCode);
        var alone = await CliRunner.RunAsync(_db.ConnectionString, "users", "set-role", "deputy", "--role", "viewer");
        Assert.Equal(GisCommand.Refused, alone.ExitCode);
    }

    [Fact]
    public async Task Add_StdinNotATerminal_WithoutPasswordStdin_Refused()
    {
        var (exit, _, error) = await RunGisAsync("typed password 12\n", "users", "add", "malee", "--role", "officer");
        Assert.Equal(GisCommand.Refused, exit);
        Assert.Contains("--password-stdin", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allocate_As_NamesThePersonInTheHistory_WithoutIt_TheOsUser()
    {
        var boundaries = Path.Combine(SharedData.RepoRoot, "sample-data", "boundaries", "chiang-mai-districts.geojson");
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries", boundaries)).ExitCode);

        var named = await CliRunner.RunAsync(_db.ConnectionString, "allocate", "--year", "2568", "--weight", "area", "--as", "มาลี");
        Assert.True(named.ExitCode == 0, named.Error);
        var unnamed = await CliRunner.RunAsync(_db.ConnectionString, "allocate", "--year", "2569", "--weight", "area");
        Assert.True(unnamed.ExitCode == 0, unnamed.Error);

        Assert.Equal("มาลี," + Environment.UserName, await _db.ScalarAsync<string>(
            "SELECT string_agg(changed_by, ',' ORDER BY id) FROM planner_change WHERE action = 'allocate'"));
    }

    [Fact]
    public async Task SavedRunsAndImports_As_NameThePerson_WithoutIt_TheOsUser()
    {
        await SampleStore.ImportAsync(_db.ConnectionString);
        var file = Path.Combine(Path.GetTempPath(), $"as-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file,
            FirmsCsv.Header + "\n18.575,98.355,330.5,0.4,0.4,2026-02-10,0610,N20,VIIRS,n,2.0NRT,290.1,5.5,D\n");
        try
        {
            foreach (var args in new[]
            {
                new[] { "targets", "hotspots", "--period", "season:2569", "--save", "--as", "มาลี" },
                ["targets", "green", "--from", "2565", "--to", "2566", "--save", "--as", "somchai"],
                ["targets", "hotspots", "--period", "season:2569", "--save"],
                ["import", "firms", file, "--as", "มาลี"],
            })
            {
                var run = await CliRunner.RunAsync(_db.ConnectionString, args);
                Assert.True(run.ExitCode == 0, run.Error);
            }
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Equal("hotspot:มาลี,green:somchai,hotspot:" + Environment.UserName,
            await _db.ScalarAsync<string>("SELECT string_agg(kind || ':' || saved_by, ',' ORDER BY id) FROM target_run"));
        // The sample's two FIRMS files were imported without --as.
        Assert.Equal($"{Environment.UserName},{Environment.UserName},มาลี",
            await _db.ScalarAsync<string>("SELECT string_agg(imported_by, ',' ORDER BY id) FROM import_batch WHERE kind = 'firms'"));
    }

    /// <summary>The built gis program as its own process, with <paramref name="stdin"/> on its standard input.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunGisAsync(string stdin, params string[] args)
    {
        var gis = Path.Combine(AppContext.BaseDirectory, "gis.dll");
        var start = new ProcessStartInfo("dotnet", [gis, .. args, "--db", _db.ConnectionString])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
