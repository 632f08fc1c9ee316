using System.Text.Json;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Projects;

[Trait(Needs.Trait, Needs.PostGis)]
public sealed class ProjectsCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostGis.NewDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ImportProjects_SampleCsvThenAreas_ListsProjectsWithAreas()
    {
        var dir = Path.Combine(SharedData.RepoRoot, "sample-data", "projects");
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "projects", Path.Combine(dir, "projects.csv"))).ExitCode);
        var areas = await CliRunner.RunAsync(_db.ConnectionString, "import", "projects", Path.Combine(dir, "project-areas.geojson"),
            "--json");
        Assert.Equal(0, areas.ExitCode);
        Assert.Equal(8, JsonDocument.Parse(areas.Output).RootElement.GetProperty("areas").GetInt32());

        var (exit, output, _) = await CliRunner.RunAsync(_db.ConnectionString, "projects", "list", "--fiscal-year", "2568", "--format",
            "json");

        Assert.Equal(0, exit);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(8, rows.Count);
        var p2 = rows.Single(r => r.GetProperty("code").GetString() == "CM-2568-002");
        Assert.Equal(2, p2.GetProperty("area_count").GetInt32());
        Assert.Equal(["5016", "5017", "5018"], p2.GetProperty("districts").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task ImportProjects_AreasOfUnknownProjects_RefusedWithExitCode2()
    {
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "import", "projects",
            Path.Combine(SharedData.RepoRoot, "sample-data", "projects", "project-areas.geojson"));

        Assert.Equal(2, exit);
        Assert.Contains("CM-2568-001", error, StringComparison.Ordinal);
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM project_area"));
    }

    [Fact]
    public async Task ImportProjects_RealBudgetBill_ReportsUnknownDistrictsAndKinds()
    {
        var (exit, output, _) = await CliRunner.RunAsync(_db.ConnectionString, "import", "projects",
            SharedData.PathOf("plans", "budget-fy2565", "fy2022_chiangmai_province_and_upper_north_cluster_items.csv"));

        Assert.Equal(0, exit);
        Assert.Contains("budget-bill, 81 line(s) read, 15 project(s)", output, StringComparison.Ordinal);
        Assert.Contains("line 3: district name 'อำเภอเมืองปาน'", output, StringComparison.Ordinal);
        Assert.Contains("target kind other", output, StringComparison.Ordinal);
        Assert.Equal(302_517_100m,
            await _db.ScalarAsync<decimal>("SELECT sum(budget_thb) FROM plan_project WHERE agency = 'จังหวัดเชียงใหม่'"));
    }
}
