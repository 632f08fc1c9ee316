using Gis.Cli.Tests.Support;
using Gis.Core.Plans;
using Gis.Importers.Planning;
using Gis.Importers.Targets;
using Gis.TestSupport;
using NetTopologySuite.IO;

namespace Gis.Cli.Tests.Targets;

/// <summary>
/// Command-line runs over the planner's work (issue 13): <c>gis allocate</c> keeps planner locks and refuses to give a
/// planner's table another target without <c>--replace</c>; <c>gis import projects</c> keeps planner-drawn areas.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class AllocateCommandTests : IAsyncLifetime
{
    private const string MaeChaem = "5003";
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        var boundaries = await Run("import", "boundaries",
            SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson"));
        Assert.True(boundaries.ExitCode == 0, boundaries.Error);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<(int ExitCode, string Output, string Error)> Run(params string[] args) =>
        CliRunner.RunAsync(_db.ConnectionString, args);

    private Task<string> TableAsync() => _db.ScalarAsync<string>("""
        SELECT coalesce(max(target_rai) || ':'
                        || string_agg(district_code || '=' || allocation_rai || (CASE WHEN locked THEN 'L' ELSE '' END), ','
                                      ORDER BY district_code), '')
        FROM district_allocation WHERE year = 2568
        """);

    [Fact]
    public async Task Allocate_NegativeTarget_RefusedWithExit2()
    {
        var (exit, _, error) = await Run("allocate", "--year", "2568", "--weight", "area", "--target-rai", "-5");

        Assert.Equal(2, exit);
        Assert.Contains("target -5 rai is out of range: the provincial target is 1 to 1,000,000 rai a year", error,
            StringComparison.Ordinal);
        Assert.Equal("", await TableAsync());
    }

    [Fact]
    public async Task Allocate_SameDistrictLockedTwice_RefusedNamingBothValues()
    {
        var (exit, _, error) = await Run("allocate", "--year", "2568", "--weight", "area", "--lock", "5003=100", "--lock", "TH5003=120");

        Assert.Equal(2, exit);
        Assert.Contains("--lock 5003 is given twice (100 and 120 rai)", error, StringComparison.Ordinal);
        Assert.Equal("", await TableAsync());
    }

    [Fact]
    public async Task Allocate_OverAPlannerTable_KeepsTheLock_RefusesAnotherTarget_ReplaceSaysWhatItRemoves()
    {
        var editor = new AllocationEditor(_db.Store, "50");
        await editor.CreateAsync(2568, 1000, AllocationWeight.Area, "somchai");
        await editor.SetAsync(2568, MaeChaem, 200, "somchai");
        var plannerTable = await TableAsync();

        var same = await Run("allocate", "--year", "2568", "--weight", "area", "--lock", "5002=50");
        Assert.True(same.ExitCode == 0, same.Error);
        Assert.Contains("Kept the stored locks: 5003 = 200 rai", same.Output, StringComparison.Ordinal);
        Assert.Contains($"{MaeChaem}=200L", await TableAsync(), StringComparison.Ordinal);
        Assert.Equal(1000L, await _db.ScalarAsync<long>("SELECT sum(allocation_rai) FROM district_allocation WHERE year = 2568"));
        var kept = await TableAsync();
        Assert.NotEqual(plannerTable, kept);

        var refused = await Run("allocate", "--year", "2568", "--weight", "area", "--target-rai", "1200");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("was edited in the planner", refused.Error, StringComparison.Ordinal);
        Assert.Contains("target 1000 -> 1200 rai", refused.Error, StringComparison.Ordinal);
        Assert.Equal(kept, await TableAsync());

        var replaced = await Run("allocate", "--year", "2568", "--weight", "area", "--target-rai", "1200", "--replace");
        Assert.True(replaced.ExitCode == 0, replaced.Error);
        Assert.Contains("--replace removed: target 1000 -> 1200 rai; ", replaced.Output, StringComparison.Ordinal);
        Assert.Contains("lock of 5003 (200 rai) removed", replaced.Output, StringComparison.Ordinal);
        Assert.Contains("lock of 5002 (50 rai) removed", replaced.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("L", (await TableAsync()).Split(':')[1], StringComparison.Ordinal);
        Assert.Equal(["replace", "allocate", "set", "create"],
            (await new PlannerHistory(_db.Store).ListAsync()).Select(c => c.Action));
    }

    [Fact]
    public async Task Allocate_OverAPlannerEdit_SaysWhatItOverwroteAndTheWayBack_AndAPageSaveOfTheOlderTableIsRefused()
    {
        var editor = new AllocationEditor(_db.Store, "50");
        await editor.CreateAsync(2568, 1000, AllocationWeight.Area, "somchai");
        var set = await editor.SetAsync(2568, MaeChaem, 200, "somchai", (await editor.GetAsync(2568)).Version);
        var plannerTable = await TableAsync();
        // Somsri's page loaded the table after the set, before the run.
        var loaded = (await editor.GetAsync(2568)).Version;

        var run = await Run("allocate", "--year", "2568", "--weight", "area", "--lock", "5002=50");

        Assert.True(run.ExitCode == 0, run.Error);
        var id = await _db.ScalarAsync<long>("SELECT max(id) FROM planner_change");
        Assert.Contains($"Overwrote the planner's work (change #{set} by somchai): ", run.Output, StringComparison.Ordinal);
        Assert.Contains("-> 50 rai (locked)", run.Output, StringComparison.Ordinal);
        Assert.Contains($"The way back: undo change #{id} in the planner's history", run.Output, StringComparison.Ordinal);
        var stale = await Assert.ThrowsAsync<PlannerException>(() => editor.LockAsync(2568, "5001", true, "somsri", loaded));
        Assert.Equal(PlannerRefusal.Conflict, stale.Refusal);
        Assert.Contains($"change #{id} by ", stale.Message, StringComparison.Ordinal);
        Assert.Contains("(allocate, gis command): ", stale.Message, StringComparison.Ordinal);
        Assert.Contains("-> 50 locked", stale.Message, StringComparison.Ordinal);
        Assert.Equal(id, stale.Conflict!.Changes.Single().Id);

        await new PlannerHistory(_db.Store).UndoAsync(id, "somchai");
        Assert.Equal(plannerTable, await TableAsync());
    }

    [Fact]
    public async Task ImportProjects_OverAPlannersCorrection_SaysWhatItOverwroteAndTheWayBack()
    {
        var projects = Path.Combine(SharedData.RepoRoot, "sample-data", "projects", "projects.csv");
        Assert.Equal(0, (await Run("import", "projects", projects)).ExitCode);
        var correction = await new ProjectEditor(_db.Store).SetAsync("CM-2568-001", new ProjectCorrection(FiscalYear: 2569), "somchai");

        var (exit, output, error) = await Run("import", "projects", projects);

        Assert.True(exit == 0, error);
        var id = await _db.ScalarAsync<long>("SELECT max(id) FROM planner_change");
        Assert.Contains($"Overwrote the planner's work: project CM-2568-001 (change #{correction} by somchai): fiscal_year 2569 -> 2568. "
            + $"The way back: undo change #{id} in the planner's history", output, StringComparison.Ordinal);
        await new PlannerHistory(_db.Store).UndoAsync(id, "somchai");
        Assert.Equal((short)2569, await _db.ScalarAsync<short>("SELECT fiscal_year FROM plan_project WHERE code = 'CM-2568-001'"));
    }

    [Fact]
    public async Task ImportProjects_AreasAgain_KeepsTheAreaAPlannerDrew()
    {
        var dir = Path.Combine(SharedData.RepoRoot, "sample-data", "projects");
        Assert.Equal(0, (await Run("import", "projects", Path.Combine(dir, "projects.csv"))).ExitCode);
        Assert.Equal(0, (await Run("import", "projects", Path.Combine(dir, "project-areas.geojson"))).ExitCode);
        var drawn = await new ProjectAreaEditor(_db.Store, "50").CreateAsync(new PlanAreaInput(
            new WKTReader().Read("POLYGON ((98.35 18.57, 98.36 18.57, 98.36 18.58, 98.35 18.58, 98.35 18.57))"), 2568, "plot",
            "CM-2568-003", null, null), "somchai");

        var (exit, output, error) = await Run("import", "projects", Path.Combine(dir, "project-areas.geojson"));

        Assert.True(exit == 0, error);
        // The same file again: its eight areas are kept as stored (ADR 0042), the drawn one too.
        Assert.Contains("0 imported area(s) replaced, 8 unchanged, 1 planner-drawn area(s) kept", output, StringComparison.Ordinal);
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM project_area WHERE id = $1 AND source = 'planner'",
            drawn.Area!.Id));
        Assert.Equal(9L, await _db.ScalarAsync<long>("SELECT count(*) FROM project_area"));
    }
}
