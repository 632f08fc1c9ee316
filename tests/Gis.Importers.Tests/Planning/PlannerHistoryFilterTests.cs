using Gis.Core.Plans;
using Gis.Importers.Planning;
using Gis.Importers.Targets;
using Gis.Importers.Tests.Boundaries;
using Gis.TestSupport;
using static Gis.Importers.Tests.Planning.PlannerFixture;

namespace Gis.Importers.Tests.Planning;

/// <summary>
/// The history view's filters (person, project, district, Bangkok days) against a hand-made history whose times are set
/// around Bangkok midnight: each filter returns exactly the changes counted by hand.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class PlannerHistoryFilterTests : IAsyncLifetime, IDisposable
{
    /// <summary>A 0.01° square in Mueang Chiang Mai (5001).</summary>
    private const string InMueang = "POLYGON ((98.98 18.78, 98.99 18.78, 98.99 18.79, 98.98 18.79, 98.98 18.78))";

    private readonly BoundaryFixtures _files = new();
    private TestDatabase _db = null!;
    private long _import, _somchaiArea, _somsriArea, _table, _lock;

    public async Task InitializeAsync()
    {
        _db = await NewAsync(_files);
        _import = await _db.ScalarAsync<long>("SELECT max(id) FROM planner_change");
        var areas = new ProjectAreaEditor(_db.Store, "50");
        _somchaiArea = (await areas.CreateAsync(new PlanAreaInput(Wkt.Read(InMaeChaem), 2568, "a", "G1", null, null), "somchai")).ChangeId;
        _somsriArea = (await areas.CreateAsync(new PlanAreaInput(Wkt.Read(InMueang), 2568, "b", null,
            new NewPlanProject("N1", "สวนเมือง", "เทศบาล"), TargetKind.GreenArea), "somsri")).ChangeId;
        var allocation = new AllocationEditor(_db.Store, "50");
        _table = await allocation.CreateAsync(2568, 1000, AllocationWeight.Area, "somchai");
        _lock = await allocation.LockAsync(2568, "5002", true, "somsri");
        // Bangkok is UTC+7: 18:30 UTC is 01:30 of the next Bangkok day, 17:00 UTC its midnight.
        foreach (var (id, utc) in new[]
        {
            (_somchaiArea, "2026-01-15 03:00"), (_somsriArea, "2026-01-15 18:30"), (_table, "2026-01-16 16:59"),
            (_lock, "2026-01-16 17:00"),
        })
        {
            await _db.ScalarAsync<long>("UPDATE planner_change SET changed_at = ($2 || '+00')::timestamptz WHERE id = $1 RETURNING id",
                id, utc);
        }
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public void Dispose() => _files.Dispose();

    private async Task<long[]> ListAsync(PlannerHistoryFilter filter) =>
        [.. (await new PlannerHistory(_db.Store).ListAsync(filter)).Select(c => c.Id)];

    [Fact]
    public async Task Filters_EachAlone_ReturnExactlyTheHandCountedChanges()
    {
        Assert.Equal([_lock, _somsriArea], await ListAsync(new PlannerHistoryFilter(ChangedBy: "somsri")));
        // G1: the import that stored it and the area added to it; N1: the area that created it.
        Assert.Equal([_somchaiArea, _import], await ListAsync(new PlannerHistoryFilter(ProjectCode: "G1")));
        Assert.Equal([_somsriArea], await ListAsync(new PlannerHistoryFilter(ProjectCode: "N1")));
        // Mae Chaem: both its areas and the table's creation; Chom Thong: the table's creation and its lock; Mueang: its area and
        // the creation (the lock of 5002 left Mueang's row as it was).
        Assert.Equal([_table, _somchaiArea, _import], await ListAsync(new PlannerHistoryFilter(DistrictCode: MaeChaem)));
        Assert.Equal([_lock, _table], await ListAsync(new PlannerHistoryFilter(DistrictCode: "5002")));
        Assert.Equal([_table, _somsriArea], await ListAsync(new PlannerHistoryFilter(DistrictCode: "5001")));
        Assert.Equal([_table, _somsriArea], await ListAsync(new PlannerHistoryFilter(From: new DateOnly(2026, 1, 16),
            To: new DateOnly(2026, 1, 16))));
        Assert.Equal([_somchaiArea], await ListAsync(new PlannerHistoryFilter(To: new DateOnly(2026, 1, 15))));
    }

    [Fact]
    public async Task Filters_Combined_AreAllApplied()
    {
        Assert.Equal([_table, _somchaiArea], await ListAsync(new PlannerHistoryFilter(ChangedBy: "somchai", DistrictCode: MaeChaem)));
        Assert.Equal([_lock], await ListAsync(new PlannerHistoryFilter(ChangedBy: "somsri", From: new DateOnly(2026, 1, 17))));
        Assert.Empty(await ListAsync(new PlannerHistoryFilter(ChangedBy: "somsri", ProjectCode: "G1")));
        Assert.Equal(new[] { "somchai", "somsri", Environment.UserName }.Order(StringComparer.Ordinal),
            (await new PlannerHistory(_db.Store).PeopleAsync()).Order(StringComparer.Ordinal));
    }
}
