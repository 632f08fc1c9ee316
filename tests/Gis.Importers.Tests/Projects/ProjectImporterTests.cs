using System.Text.Json;
using Gis.Core.Admin;
using Gis.Core.Plans;
using Gis.Importers.Boundaries;
using Gis.Importers.Projects;
using Gis.Importers.Queries.Projects;
using Gis.Importers.Store;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Projects;

[Trait(Needs.Trait, Needs.PostGis)]
public sealed class ProjectImporterTests : IAsyncLifetime
{
    private static readonly string SampleProjects = Path.Combine(SharedData.RepoRoot, "sample-data", "projects", "projects.csv");
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostGis.NewDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static ProjectReadResult Areas(params ProjectArea[] areas) => new("fixture", areas.Length, [], areas, [], []);

    private static PlanProject Project(string code, TargetKind kind, params string[] districts) =>
        new(code, "โครงการ " + code, code, "agency", 2568, null, null, kind, null, null, districts);

    [Fact]
    public async Task Replace_SampleCsv_ListsBackWhatWasRead_AndReimportChangesNothing()
    {
        var read = ProjectReader.Read(SampleProjects);
        var first = await new ProjectImporter(_db.Store).ReplaceAsync(read, "projects.csv");
        var again = await new ProjectImporter(_db.Store).ReplaceAsync(read, "projects.csv");

        Assert.Equal((10, 0, 0), (first.Inserted, first.Replaced, first.Unchanged));
        Assert.Equal((0, 0, 10), (again.Inserted, again.Replaced, again.Unchanged));
        var listed = await new ProjectQueries(_db.Store).ListAsync(null);
        Assert.Equal(read.Projects.Count, listed.Count);
        foreach (var (expected, stored) in read.Projects.OrderBy(p => p.Code, StringComparer.Ordinal).Zip(listed))
        {
            Assert.Equal(expected with { DistrictCodes = [] }, stored.Project with { DistrictCodes = [] });
            Assert.Equal(expected.DistrictCodes, stored.Project.DistrictCodes);
        }
        Assert.Equal(2, (await new ProjectQueries(_db.Store).ListAsync(2569)).Count);
        // districts column of projects.csv: 1 + 3 + 2 + 2 + 3 + 1 + 0 + 2 + 4 + 2 codes.
        Assert.Equal(20L, await _db.ScalarAsync<long>("SELECT count(*) FROM plan_project_district"));
    }

    /// <summary>
    /// Re-importing the same projects and areas writes nothing (ADR 0042): the versions a planner's open page holds stay
    /// valid and the history gets no entry; a file that changes one area and one project bumps exactly those.
    /// </summary>
    [Fact]
    public async Task Replace_SameFileAgain_NoVersionBumped_OneChangedAreaAndProjectBumpOnlyThem()
    {
        var projects = new List<PlanProject> { Project("G1", TargetKind.GreenArea, "5003"), Project("G2", TargetKind.GreenArea) };
        var areas = new List<ProjectArea>
        {
            new("G1", 2568, "plot 1", Wkt.MultiPolygon("POLYGON ((98.30 18.60, 98.31 18.60, 98.31 18.61, 98.30 18.61, 98.30 18.60))")),
            new("G1", 2568, "plot 2", Wkt.MultiPolygon("POLYGON ((98.40 18.60, 98.41 18.60, 98.41 18.61, 98.40 18.61, 98.40 18.60))")),
            new("G2", 2568, null, Wkt.MultiPolygon("POLYGON ((98.50 18.60, 98.51 18.60, 98.51 18.61, 98.50 18.61, 98.50 18.60))")),
        };
        var importer = new ProjectImporter(_db.Store);
        await importer.ReplaceAsync(new ProjectReadResult("areas.geojson", 5, projects, areas, [], []), "areas.geojson");
        const string Versions = """
            SELECT string_agg(k, ',' ORDER BY k) FROM (
                SELECT 'project ' || code || ' ' || version AS k FROM plan_project
                UNION ALL SELECT 'area ' || id || ' ' || coalesce(name, '-') || ' ' || version FROM project_area) v
            """;
        var before = await _db.ScalarAsync<string>(Versions);
        var changes = await _db.ScalarAsync<long>("SELECT count(*) FROM planner_change");

        var again = await importer.ReplaceAsync(new ProjectReadResult("areas.geojson", 5, projects, areas, [], []), "areas.geojson");

        Assert.Equal(before, await _db.ScalarAsync<string>(Versions));
        Assert.Equal(changes, await _db.ScalarAsync<long>("SELECT count(*) FROM planner_change"));
        Assert.Equal((0, 0, 2, 0, 3, null), (again.Inserted, again.Replaced, again.Unchanged, again.AreasReplaced, again.AreasUnchanged,
            again.ChangeId));

        // plot 2 renamed and G2 another agency: those two rows move on, the others keep their versions.
        projects[1] = projects[1] with { Agency = "RFD" };
        areas[1] = areas[1] with { Name = "plot 2b" };
        var changed = await importer.ReplaceAsync(new ProjectReadResult("areas.geojson", 5, projects, areas, [], []), "areas.geojson");

        var after = (await _db.ScalarAsync<string>(Versions)).Split(',');
        var was = before.Split(',');
        var untouched = was.Where(k =>
            !k.StartsWith("project G2", StringComparison.Ordinal) && !k.Contains("plot 2", StringComparison.Ordinal));
        Assert.Equal([.. untouched], after.Intersect(was));
        Assert.Equal((0, 1, 1, 1, 2),
            (changed.Inserted, changed.Replaced, changed.Unchanged, changed.AreasReplaced, changed.AreasUnchanged));
        // The history names only what moved: G2, the old plot 2 removed, the renamed one added.
        Assert.Equal(3, await _db.ScalarAsync<int>("SELECT cardinality(writes) FROM planner_change WHERE id = $1", changed.ChangeId!));
    }

    [Fact]
    public async Task Responsible_OverlappingAreasOfOneProject_ShareIsOfTheUnion()
    {
        await new BoundaryImporter(_db.Store).ReplaceAsync(
        [
            new AdminArea("5001", "ก", "A", Wkt.MultiPolygon("POLYGON ((98 18, 98.1 18, 98.1 18.1, 98 18.1, 98 18))")),
            new AdminArea("5002", "ข", "B", Wkt.MultiPolygon("POLYGON ((98.1 18, 98.2 18, 98.2 18.1, 98.1 18.1, 98.1 18))")),
        ], "fixture");
        var store = new ProjectImporter(_db.Store);
        await store.ReplaceAsync(new ProjectReadResult("fixture", 3,
            [Project("G", TargetKind.GreenArea), Project("N", TargetKind.GreenArea, "5001"),
                Project("H", TargetKind.HotspotReduction, "5001")], [], [], []), "fixture");
        // Two overlapping squares; the second crosses into 5002.
        await store.ReplaceAsync(Areas(
            new ProjectArea("G", 2568, "a",
                Wkt.MultiPolygon("POLYGON ((98.02 18.02, 98.06 18.02, 98.06 18.06, 98.02 18.06, 98.02 18.02))")),
            new ProjectArea("G", 2568, "b",
                Wkt.MultiPolygon("POLYGON ((98.04 18.04, 98.12 18.04, 98.12 18.08, 98.04 18.08, 98.04 18.04))"))), "fixture");

        var rows = await new ProjectQueries(_db.Store).ResponsibleProjectsByDistrictAsync("50", TargetKind.GreenArea, 2568);

        var union = await _db.ScalarAsync<double>("""
            SELECT ST_Area(ST_Intersection((SELECT ST_Union(geom) FROM project_area WHERE project_code = 'G'), d.geom)::geography)
                   / ST_Area(d.geom::geography)
            FROM admin_area d WHERE d.code = '5001'
            """);
        var summed = await _db.ScalarAsync<double>("""
            SELECT sum(ST_Area(ST_Intersection(a.geom, d.geom)::geography)) / min(ST_Area(d.geom::geography))
            FROM project_area a, admin_area d WHERE d.code = '5001' AND a.project_code = 'G'
            """);
        var g1 = Assert.Single(rows, r => r.DistrictCode == "5001" && r.ProjectCode == "G");
        Assert.Equal(union, g1.Share!.Value, 1e-9);
        Assert.True(summed - union > 0.01, "the fixture's overlap must make a sum differ from the union");
        Assert.False(g1.NamesDistrict);
        var named = Assert.Single(rows, r => r.ProjectCode == "N");
        Assert.Equal(("5001", null, true), (named.DistrictCode, named.Share, named.NamesDistrict));
        Assert.Single(rows, r => r.DistrictCode == "5002" && r.ProjectCode == "G" && r.Share > 0);
        Assert.DoesNotContain(rows, r => r.ProjectCode == "H");
        Assert.Empty(await new ProjectQueries(_db.Store).ResponsibleProjectsByDistrictAsync("50", TargetKind.GreenArea, 2569));

        var single = await new ProjectQueries(_db.Store).ResponsibleProjectsAsync("5001", TargetKind.GreenArea, null);
        Assert.Equal(["G", "N"], single.Select(r => r.ProjectCode));
        Assert.Equal(g1.AreaRai!.Value,
            union * await _db.ScalarAsync<double>("SELECT ST_Area(geom::geography) / 1600 FROM admin_area WHERE code = '5001'"), 1e-6);
    }

    [Fact]
    public async Task Replace_AreasOfUnknownProject_ChangesNothing()
    {
        var store = new ProjectImporter(_db.Store);
        await store.ReplaceAsync(new ProjectReadResult("fixture", 1, [Project("K", TargetKind.Other)], [], [], []), "fixture");
        await store.ReplaceAsync(Areas(new ProjectArea("K", null, "kept",
            Wkt.MultiPolygon("POLYGON ((98 18, 98.1 18, 98.1 18.1, 98 18))"))), "fixture");

        var bad = new ProjectReadResult("fixture", 2, [Project("NEW", TargetKind.Other)],
            [new ProjectArea("K", null, "x", Wkt.MultiPolygon("POLYGON ((99 18, 99.1 18, 99.1 18.1, 99 18))")),
             new ProjectArea("MISSING", null, "y", Wkt.MultiPolygon("POLYGON ((99 18, 99.1 18, 99.1 18.1, 99 18))"))], [], []);
        var e = await Assert.ThrowsAsync<StoreException>(() => store.ReplaceAsync(bad, "bad.geojson"));

        Assert.Contains("MISSING", e.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM plan_project WHERE code = 'NEW'"));
        Assert.Equal("kept", await _db.ScalarAsync<string>("SELECT string_agg(name, ',') FROM project_area"));
        var refused = bad with { Areas = [], Problems = [new ProjectReadProblem("line", 2, "bad", true)] };
        await Assert.ThrowsAsync<StoreException>(() => store.ReplaceAsync(refused, "refused.csv"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM plan_project WHERE code = 'NEW'"));
    }

    [Fact]
    public async Task Replace_RealFuelManagementAreas_MatchDistrictsAndTheirOwnRai()
    {
        var boundaries = BoundaryReader.Read(SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson"));
        await new BoundaryImporter(_db.Store).ReplaceAsync(boundaries.Areas, "hdx");
        var fuel = SharedData.PathOf("plans", "fire-fund-cnx", "Fuel_Manage_20vills.geojson");
        var read = ProjectReader.Read(fuel,
            new ProjectReadOptions(Districts: await new ProjectQueries(_db.Store).DistrictNamesAsync("50")));
        await new ProjectImporter(_db.Store).ReplaceAsync(read, fuel);

        Assert.Equal(36L, await _db.ScalarAsync<long>("SELECT count(*) FROM project_area WHERE project_code = $1",
            ProjectAreaReader.FuelProjectCode));
        // Every named district is one of the 25 stored, and every area lies (mostly) in a district it names.
        Assert.Equal(0L, await _db.ScalarAsync<long>("""
            SELECT count(*) FROM plan_project_district pd
            WHERE NOT EXISTS (SELECT 1 FROM admin_area a WHERE a.code = pd.district_code AND a.level = 4)
            """));
        Assert.Equal(6L, await _db.ScalarAsync<long>("SELECT count(*) FROM plan_project_district"));

        // The file's own A_RAI, where it agrees with its A_SQKM (1 km2 = 625 rai), against our ellipsoidal area.
        using var json = JsonDocument.Parse(File.ReadAllText(fuel));
        var attributes = json.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => (Rai: f.GetProperty("properties").GetProperty("A_RAI").GetDouble(),
                Sqkm: f.GetProperty("properties").GetProperty("A_SQKM").GetDouble()))
            .ToList();
        var computed = new List<double>();
        await using (var connection = await _db.Store.DataSource.OpenConnectionAsync())
        await using (var command = new Npgsql.NpgsqlCommand("SELECT area_rai FROM project_area ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                computed.Add(reader.GetDouble(0));
        }
        var sane = attributes.Select((a, i) => (a, ours: computed[i])).Where(x => x.a.Rai > 10
            && Math.Abs(x.a.Sqkm * 625 - x.a.Rai) < 0.01 * x.a.Rai).ToList();
        Assert.True(sane.Count >= 25, $"only {sane.Count} features have a sane A_RAI");
        var far = sane.Where(x => Math.Abs(x.ours - x.a.Rai) > 0.05 * x.a.Rai).Select(x => $"{x.a.Rai} vs {x.ours:0.0}").ToList();
        Assert.True(far.Count == 0, "areas off by more than 5 %: " + string.Join("; ", far));

        var responsible = await new ProjectQueries(_db.Store).ResponsibleProjectsByDistrictAsync("50", TargetKind.HotspotReduction, null);
        Assert.Equal(["5006", "5007", "5011", "5012", "5015", "5022"], responsible.Select(r => r.DistrictCode));
        Assert.All(responsible, r => Assert.True(r.NamesDistrict));
    }
}
