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
    public async Task ProjectsSet_KindYearDistricts_ChangedAndInThePlannerHistory()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries",
            SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "projects",
            Path.Combine(SharedData.RepoRoot, "sample-data", "projects", "projects.csv"))).ExitCode);
        var before = await _db.ScalarAsync<string>("SELECT target_kind || ' ' || fiscal_year FROM plan_project WHERE code = 'CM-2568-002'");
        Assert.NotEqual("green 2569", before);

        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "projects", "set", "CM-2568-002", "--kind", "green",
            "--fiscal-year", "2569", "--districts", "5001,TH5002", "--user", "somchai");

        Assert.True(exit == 0, error);
        Assert.Contains("project CM-2568-002 corrected", output, StringComparison.Ordinal);
        Assert.Equal("green 2569",
            await _db.ScalarAsync<string>("SELECT target_kind || ' ' || fiscal_year FROM plan_project WHERE code = 'CM-2568-002'"));
        Assert.Equal("5001,5002", await _db.ScalarAsync<string>(
            "SELECT string_agg(district_code, ',' ORDER BY district_code) FROM plan_project_district WHERE project_code = 'CM-2568-002'"));
        Assert.Equal("somchai plan_project CM-2568-002 update " + before + " -> green 2569", await _db.ScalarAsync<string>("""
            SELECT changed_by || ' ' || entity || ' ' || entity_id || ' ' || action || ' '
                || (before -> 'project:CM-2568-002' ->> 'target_kind') || ' ' || (before -> 'project:CM-2568-002' ->> 'fiscal_year')
                || ' -> ' || (after -> 'project:CM-2568-002' ->> 'target_kind') || ' ' || (after -> 'project:CM-2568-002' ->> 'fiscal_year')
            FROM planner_change WHERE entity = 'plan_project'
            """));

        var unknown = await CliRunner.RunAsync(_db.ConnectionString, "projects", "set", "CM-2568-002", "--districts", "5001,9999");
        Assert.Equal((2, "gis: not an imported district: 9999"), (unknown.ExitCode, unknown.Error.Trim()));
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM planner_change WHERE entity = 'plan_project'"));
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

    [Fact]
    public async Task ImportProjects_BudgetBillOfAllProvinces_AmountErrorFirst_DistrictsOfEveryProvinceMatched()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries",
            SharedData.PathOf("boundaries", "hdx-thailocate", "amphoe.geojson"))).ExitCode);
        var bill = SharedData.PathOf("plans", "budget-fy2565", "provinces_part1.csv");

        var (exit, output, _) = await CliRunner.RunAsync(_db.ConnectionString, "import", "projects", bill);

        Assert.Equal(0, exit);
        // Hand count (a script over the file and amphoe.geojson): 294 mentions of อำเภอ..., 287 name one district,
        // 1 names districts of five provinces, 6 none (line 522's bare "อำเภอเมือง" among them: not Mueang Chiang
        // Mai); one amount, line 481's '300,0', is OCR noise.
        Assert.Contains("could not be read: 8 (amount 1, district name 7)", output, StringComparison.Ordinal);
        var amount = output.IndexOf("line 481: AMOUNT '300,0' is not an amount", StringComparison.Ordinal);
        Assert.InRange(amount, 0, output.IndexOf("district name 'อำเภอ", StringComparison.Ordinal));

        var json = JsonDocument.Parse((await CliRunner.RunAsync(_db.ConnectionString, "import", "projects", bill, "--json")).Output)
            .RootElement;
        var problems = json.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(["amount", .. Enumerable.Repeat("district-name", 7)], problems.Select(p => p.GetProperty("kind").GetString()));
        // Line 13 of the upper-central cluster names Bang Pahan, a district of Phra Nakhon Si Ayutthaya (1407).
        Assert.Contains(json.GetProperty("projects").EnumerateArray(),
            p => p.GetProperty("districts").EnumerateArray().Any(d => d.GetString() == "1407"));
    }
}
