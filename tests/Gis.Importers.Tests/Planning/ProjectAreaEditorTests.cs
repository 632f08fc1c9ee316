using Gis.Core.Plans;
using Gis.Importers.Planning;
using Gis.Importers.Projects;
using Gis.Importers.Tests.Boundaries;
using Gis.TestSupport;
using static Gis.Importers.Tests.Planning.PlannerFixture;

namespace Gis.Importers.Tests.Planning;

[Trait(Needs.Trait, Needs.PostGis)]
public sealed class ProjectAreaEditorTests : IAsyncLifetime, IDisposable
{
    private readonly BoundaryFixtures _files = new();
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await NewAsync(_files);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public void Dispose() => _files.Dispose();

    private ProjectAreaEditor Editor => new(_db.Store, "50");

    private static PlanAreaInput NewProject(string wkt, int year = 2568, string? name = "ปลูกป่าชุมชนบ้านแม่แจ่ม",
        string? agency = "สำนักงานป่าไม้") =>
        new(Wkt.Read(wkt), year, "แปลง 1", null, new NewPlanProject(null, name, agency), TargetKind.GreenArea);

    private Task<double> IndependentRaiAsync(string wkt) =>
        _db.ScalarAsync<double>("SELECT ST_Area(ST_GeomFromText($1, 4326)::geography) / 1600", wkt);

    [Fact]
    public async Task Create_PolygonInMaeChaem_GreenRaiRisesByItsArea_UndoRestoresExactly()
    {
        var before = await GreenProjectsRaiAsync(_db, MaeChaem, 2568);
        var expected = await IndependentRaiAsync(InMaeChaem);

        var edit = await Editor.CreateAsync(NewProject(InMaeChaem), "somchai");

        var after = await GreenProjectsRaiAsync(_db, MaeChaem, 2568);
        Assert.True(before > 700, $"the stored area must count already: {before}");
        Assert.Equal(expected, after - before, 1e-6);
        Assert.Equal(expected, edit.Area!.AreaRai, 1e-9);
        Assert.Equal(["5003"], edit.Area.DistrictCodes);
        Assert.Equal(("PL2568-001", "planner", 2568), (edit.Area.ProjectCode, edit.Area.Source, edit.Area.Year));
        Assert.Equal("green", await _db.ScalarAsync<string>("SELECT target_kind FROM plan_project WHERE code = 'PL2568-001'"));
        // Newest first; the fixture's project import is the history's first entry.
        var listedAfterCreate = await new PlannerHistory(_db.Store).ListAsync();
        Assert.Equal(["create", "import"], listedAfterCreate.Select(c => c.Action));
        var change = listedAfterCreate[0];
        Assert.Equal((edit.ChangeId, "somchai", "project_area", "create", true),
            (change.Id, change.ChangedBy, change.Entity, change.Action, change.CanUndo));
        Assert.Contains("\"project:PL2568-001\": null", change.Before, StringComparison.Ordinal);
        // Both languages name the same area, project, rai and year.
        var rai = edit.Area.AreaRai.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"create area {edit.Area.Id} of project PL2568-001 (new): {rai} rai, year 2568", change.Summary);
        Assert.Equal($"สร้างแปลง {edit.Area.Id} ของโครงการ PL2568-001 (ใหม่): {rai} ไร่ ปี 2568", change.SummaryTh);

        var undo = await new PlannerHistory(_db.Store).UndoAsync(edit.ChangeId, "somsri");

        Assert.Equal(before, await GreenProjectsRaiAsync(_db, MaeChaem, 2568));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM plan_project WHERE code = 'PL2568-001'"));
        var history = (await new PlannerHistory(_db.Store).ListAsync()).Take(2).ToList();
        Assert.Equal([(undo, "undo", "somsri", (long?)edit.ChangeId, (long?)null), (edit.ChangeId, "create", "somchai", null, undo)],
            history.Select(c => (c.Id, c.Action, c.ChangedBy, c.Undoes, c.UndoneBy)));
        Assert.All(history, c => Assert.False(c.CanUndo));
        Assert.StartsWith($"ย้อนกลับ #{edit.ChangeId}: สร้างแปลง ", history[0].SummaryTh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_ThenUndo_RestoresGeometryBitForBit()
    {
        var id = await _db.ScalarAsync<long>("SELECT id FROM project_area WHERE project_code = 'G1'");
        const string AreaRow = "SELECT encode(ST_AsEWKB(geom), 'hex') || year || name || source FROM project_area WHERE id = $1";
        var original = await _db.ScalarAsync<string>(AreaRow, id);
        var before = await GreenProjectsRaiAsync(_db, MaeChaem, 2568);

        var edit = await Editor.UpdateAsync(id, new PlanAreaInput(Wkt.Read(InMaeChaem), 2568, "moved", "G1", null, TargetKind.GreenArea),
            "somchai");

        Assert.Equal(await IndependentRaiAsync(InMaeChaem), await GreenProjectsRaiAsync(_db, MaeChaem, 2568), 1e-6);
        Assert.Equal("moved", edit.Area!.Name);
        await new PlannerHistory(_db.Store).UndoAsync(edit.ChangeId, "somchai");
        Assert.Equal(original, await _db.ScalarAsync<string>(AreaRow, id));
        Assert.Equal(before, await GreenProjectsRaiAsync(_db, MaeChaem, 2568));
    }

    [Fact]
    public async Task Delete_ThenUndo_BringsTheAreaBackWithItsId()
    {
        var id = await _db.ScalarAsync<long>("SELECT id FROM project_area WHERE project_code = 'G1'");
        var counts = await CountsAsync(_db);

        var edit = await Editor.DeleteAsync(id, "somchai");
        Assert.Equal(0d, await GreenProjectsRaiAsync(_db, MaeChaem, 2568));
        await new PlannerHistory(_db.Store).UndoAsync(edit.ChangeId, "somchai");

        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM project_area WHERE id = $1 AND name = 'plot 1'", id));
        // Same rows and geometries as before; only the history grew by the delete and its undo.
        var expected = counts.Split('/');
        expected[4] = (int.Parse(expected[4], System.Globalization.CultureInfo.InvariantCulture) + 2).ToString(
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(string.Join('/', expected), await CountsAsync(_db));
        // The identity moves past restored ids: a new area gets a fresh one.
        var next = await Editor.CreateAsync(NewProject(InMaeChaem), "somchai");
        Assert.True(next.Area!.Id > id);
    }

    public static TheoryData<string, PlanAreaInput, string> Refusals => new()
    {
        { "bow-tie", NewProject("POLYGON ((98.35 18.57, 98.36 18.58, 98.36 18.57, 98.35 18.58, 98.35 18.57))"),
            "Self-intersection at 98.355 18.575" },
        { "outside the province (Bangkok)", NewProject("POLYGON ((100.50 13.75, 100.51 13.75, 100.51 13.76, 100.50 13.76, 100.50 13.75))"),
            "(100 %) outside province 50 (e.g. at 100.505" },
        { "half in Lamphun", NewProject("POLYGON ((99.30 18.30, 99.70 18.30, 99.70 18.32, 99.30 18.32, 99.30 18.30))"),
            "outside province 50" },
        { "year 1999", NewProject(InMaeChaem, year: 1999), "year 1999 looks like a CE year" },
        { "year 2600", NewProject(InMaeChaem, year: 2600), "year 2600 is out of range" },
        { "empty name", NewProject(InMaeChaem, name: " "), "project name is required" },
        { "no agency", NewProject(InMaeChaem, agency: null), "agency is required" },
        { "a line", NewProject("LINESTRING (98.35 18.57, 98.36 18.58)"), "only Polygon or MultiPolygon" },
        { "a whole district", NewProject("POLYGON ((98.1 18.3, 98.6 18.3, 98.6 18.8, 98.1 18.8, 98.1 18.3))"),
            "more than the 100,000 rai" },
        { "a stray click", NewProject("POLYGON ((98.35 18.57, 98.3501 18.57, 98.3501 18.5701, 98.35 18.57))"), "less than the 0.25 rai" },
        { "unknown project", new PlanAreaInput(Wkt.Read(InMaeChaem), 2568, null, "NOPE", null, null), "plan project 'NOPE' is not stored" },
        { "hotspot project as green", new PlanAreaInput(Wkt.Read(InMaeChaem), 2568, null, "H1", null, TargetKind.GreenArea),
            "is a hotspot project, not green" },
        { "no project", new PlanAreaInput(Wkt.Read(InMaeChaem), 2568, null, null, null, TargetKind.GreenArea),
            "a plan project is required" },
        { "taken code", NewProject(InMaeChaem) with { NewProject = new NewPlanProject("G1", "x", "y") }, "code 'G1' is taken" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Create_BadInput_RefusedNamingTheProblem_NothingChanges(string name, PlanAreaInput input, string expected)
    {
        var counts = await CountsAsync(_db);
        var before = await GreenProjectsRaiAsync(_db, MaeChaem, 2568);

        var e = await Assert.ThrowsAsync<PlannerException>(() => Editor.CreateAsync(input, "somchai"));

        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), $"{name}: {e.Message}");
        Assert.Equal(PlannerRefusal.Invalid, e.Refusal);
        Assert.Equal(counts, await CountsAsync(_db));
        Assert.Equal(before, await GreenProjectsRaiAsync(_db, MaeChaem, 2568));
    }

    [Fact]
    public async Task Create_SeveralProblems_AllNamedAtOnce()
    {
        var e = await Assert.ThrowsAsync<PlannerException>(() => Editor.CreateAsync(
            NewProject("POLYGON ((98.35 18.57, 98.36 18.58, 98.36 18.57, 98.35 18.58, 98.35 18.57))", year: 1999, name: ""), ""));
        Assert.Equal(4, e.Problems.Count);
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM planner_change WHERE source = 'page'"));
    }

    [Fact]
    public async Task Update_Or_Delete_UnknownArea_NotFound()
    {
        var counts = await CountsAsync(_db);
        var e = await Assert.ThrowsAsync<PlannerException>(() => Editor.DeleteAsync(999, "somchai"));
        Assert.Equal((PlannerRefusal.NotFound, "project area 999 is not stored"), (e.Refusal, e.Message));
        await Assert.ThrowsAsync<PlannerException>(() => Editor.UpdateAsync(999, NewProject(InMaeChaem), "somchai"));
        Assert.Equal(counts, await CountsAsync(_db));
    }

    [Fact]
    public async Task Undo_WithALaterChangeOnTheProjectItCreated_RefusedUntilThatIsUndone()
    {
        var history = new PlannerHistory(_db.Store);
        var first = await Editor.CreateAsync(NewProject(InMaeChaem), "somchai");
        var second = await Editor.CreateAsync(new PlanAreaInput(Wkt.Read("POLYGON ((98.37 18.57, 98.38 18.57, 98.38 18.58, 98.37 18.57))"),
            2568, null, first.Area!.ProjectCode, null, null), "somsri");
        var counts = await CountsAsync(_db);

        var e = await Assert.ThrowsAsync<PlannerException>(() => history.UndoAsync(first.ChangeId, "somchai"));

        Assert.Equal(PlannerRefusal.Conflict, e.Refusal);
        Assert.Contains($"later change(s) #{second.ChangeId} depend on change #{first.ChangeId}", e.Message, StringComparison.Ordinal);
        Assert.Equal(counts, await CountsAsync(_db));
        var listed = await history.ListAsync();
        Assert.Equal([true, false], listed.Take(2).Select(c => c.CanUndo));
        Assert.StartsWith($"change #{first.ChangeId} cannot be undone: {listed[1].UndoBlockedBy}", e.Message, StringComparison.Ordinal);
        // The later change is named with who made it (ADR 0035).
        Assert.Contains($": change #{second.ChangeId} by somsri at ", e.Message, StringComparison.Ordinal);
        Assert.Equal([second.ChangeId], e.Conflict!.Changes.Select(c => c.Id));

        await history.UndoAsync(second.ChangeId, "somchai");
        await history.UndoAsync(first.ChangeId, "somchai");
        // The fixture's project import stays in force.
        Assert.Equal("1/2/1", await _db.ScalarAsync<string>(
            "SELECT (SELECT count(*) FROM project_area) || '/' || (SELECT count(*) FROM plan_project) || '/'"
            + " || (SELECT count(*) FROM planner_change WHERE undone_by IS NULL AND undoes IS NULL)"));
    }

    [Fact]
    public async Task ImportOfTheProjectsAreas_KeepsThePlannersArea_AndBothUndosWork()
    {
        var history = new PlannerHistory(_db.Store);
        var edit = await Editor.CreateAsync(new PlanAreaInput(Wkt.Read(InMaeChaem), 2568, null, "G1", null, null), "somchai");
        var drawnRai = edit.Area!.AreaRai;
        var before = await GreenProjectsRaiAsync(_db, MaeChaem, 2568);

        // The project's file brings G1's areas again: its imported area is replaced, the planner's is not touched.
        var import = await new ProjectImporter(_db.Store).ReplaceAsync(new ProjectReadResult("fixture", 1, [],
            [new ProjectArea("G1", 2568, "plot 1 again", Wkt.MultiPolygon(StoredArea))], [], []), "reimport", "somsri");

        Assert.Equal((1, 1, 1), (import.AreasStored, import.AreasReplaced, import.PlannerAreasKept));
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM project_area WHERE id = $1 AND source = 'planner'",
            edit.Area.Id));
        Assert.Equal(before, await GreenProjectsRaiAsync(_db, MaeChaem, 2568), 1e-6);
        var listed = await history.ListAsync();
        Assert.Equal([("import", "cli", "somsri", true), ("create", "page", "somchai", true)],
            listed.Take(2).Select(c => (c.Action, c.Source, c.ChangedBy, c.CanUndo)));
        Assert.Contains("1 planner area(s) kept", listed[0].Summary, StringComparison.Ordinal);

        // Undoing the import puts the replaced area back (same id); undoing the planner's area then removes only it.
        await history.UndoAsync(import.ChangeId!.Value, "somchai");
        Assert.Equal("plot 1",
            await _db.ScalarAsync<string>("SELECT name FROM project_area WHERE project_code = 'G1' AND source <> 'planner'"));
        await history.UndoAsync(edit.ChangeId, "somchai");
        Assert.Equal(before - drawnRai, await GreenProjectsRaiAsync(_db, MaeChaem, 2568), 1e-6);
    }

    [Fact]
    public async Task History_AnEntryWhoseStateWasChangedOutside_IsListedAsNotUndoable()
    {
        var history = new PlannerHistory(_db.Store);
        var edit = await Editor.CreateAsync(new PlanAreaInput(Wkt.Read(InMaeChaem), 2568, null, "G1", null, null), "somchai");
        Assert.True((await history.ListAsync())[0].CanUndo);
        // An edit the history never saw (QGIS, SQL).
        await _db.ScalarAsync<int>("UPDATE project_area SET name = 'renamed in QGIS' WHERE id = $1 RETURNING 1", edit.Area!.Id);

        var listed = (await history.ListAsync())[0];
        var e = await Assert.ThrowsAsync<PlannerException>(() => history.UndoAsync(edit.ChangeId, "somchai"));

        Assert.False(listed.CanUndo);
        Assert.Contains($"area:{edit.Area.Id} changed since outside the planner's history", listed.UndoBlockedBy, StringComparison.Ordinal);
        Assert.Equal($"change #{edit.ChangeId} cannot be undone: {listed.UndoBlockedBy}", e.Message);
    }

    [Fact]
    public async Task Undo_Twice_Or_UnknownChange_Refused()
    {
        var history = new PlannerHistory(_db.Store);
        var edit = await Editor.CreateAsync(NewProject(InMaeChaem), "somchai");
        var undo = await history.UndoAsync(edit.ChangeId, "somchai");

        var again = await Assert.ThrowsAsync<PlannerException>(() => history.UndoAsync(edit.ChangeId, "somchai"));
        var ofUndo = await Assert.ThrowsAsync<PlannerException>(() => history.UndoAsync(undo, "somchai"));
        var missing = await Assert.ThrowsAsync<PlannerException>(() => history.UndoAsync(12345, "somchai"));

        Assert.Contains($"undone already by change #{undo}", again.Message, StringComparison.Ordinal);
        Assert.Contains("it is the undo of change", ofUndo.Message, StringComparison.Ordinal);
        Assert.Equal(PlannerRefusal.NotFound, missing.Refusal);
    }

    [Fact]
    public async Task List_GivesAreasOfTheYearWithTheirDistricts()
    {
        await Editor.CreateAsync(NewProject(InMaeChaem, year: 2569), "somchai");

        var all = await Editor.ListAsync(null);
        var of2569 = await Editor.ListAsync(2569);

        Assert.Equal(["G1", "PL2569-001"], all.Select(a => a.ProjectCode));
        var area = Assert.Single(of2569);
        Assert.Equal((TargetKind.GreenArea, "สำนักงานป่าไม้", "แปลง 1"), (area.Kind, area.Agency, area.Name));
        Assert.Equal(Wkt.MultiPolygon(InMaeChaem), area.Area);
    }
}
