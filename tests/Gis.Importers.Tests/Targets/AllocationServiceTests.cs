using Gis.Importers.Planning;
using Gis.Importers.Store;
using Gis.Importers.Targets;
using Gis.Importers.Tests.Boundaries;
using Gis.TestSupport;
using static Gis.Importers.Tests.Planning.PlannerFixture;

namespace Gis.Importers.Tests.Targets;

/// <summary><c>gis allocate</c>'s service over a table the planner edited: locks kept, refusal, --replace, history and undo.</summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class AllocationServiceTests : IAsyncLifetime, IDisposable
{
    private const string ChomThong = "5002";

    private readonly BoundaryFixtures _files = new();
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await NewAsync(_files);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public void Dispose() => _files.Dispose();

    private AllocationEditor Editor => new(_db.Store, "50");

    private AllocationService Service => new(_db.Store);

    private Task<string> TableAsync() => _db.ScalarAsync<string>("""
        SELECT target_rai || ':' || string_agg(district_code || '=' || allocation_rai || (CASE WHEN locked THEN 'L' ELSE '' END), ','
                                                ORDER BY district_code)
        FROM district_allocation WHERE year = 2568 GROUP BY target_rai
        """);

    private Task<int> RaiOfAsync(string code) =>
        _db.ScalarAsync<int>("SELECT allocation_rai FROM district_allocation WHERE year = 2568 AND district_code = $1", code);

    private Task<long> SumAsync() => _db.ScalarAsync<long>("SELECT sum(allocation_rai) FROM district_allocation WHERE year = 2568");

    /// <summary>The planner's table: 1,000 rai by area, Mae Chaem set (and so locked) to 200 rai.</summary>
    private async Task<long> PlannerTableAsync()
    {
        await Editor.CreateAsync(2568, 1000, AllocationWeight.Area, "somchai");
        return await Editor.SetAsync(2568, MaeChaem, 200, "somchai");
    }

    [Fact]
    public async Task Allocate_OverAPlannerLock_KeepsValueAndLock_SplitsTheRestAroundIt()
    {
        await PlannerTableAsync();

        var report = await Service.AllocateAsync(2568, "50", 1000, AllocationWeight.Area, new Dictionary<string, int> { [ChomThong] = 50 },
            "cli-user", replace: false);

        Assert.Equal((200, true), (await RaiOfAsync(MaeChaem), report.Districts.Single(d => d.Code == MaeChaem).Locked));
        Assert.Equal([MaeChaem], report.KeptLocks.Select(d => d.Code));
        Assert.Equal((50, 1000L), (await RaiOfAsync(ChomThong), await SumAsync()));
        // The 23 others share 1000 - 200 - 50 by district area, measured independently.
        foreach (var d in report.Districts.Where(d => !d.Locked))
        {
            var exact = await _db.ScalarAsync<double>("""
                SELECT 750 * ST_Area(geom::geography)
                    / (SELECT sum(ST_Area(geom::geography)) FROM admin_area WHERE level = 4 AND code NOT IN ('5003', '5002'))
                FROM admin_area WHERE code = $1
                """, d.Code);
            Assert.InRange(await RaiOfAsync(d.Code), Math.Floor(exact), Math.Ceiling(exact));
        }
        var newest = (await new PlannerHistory(_db.Store).ListAsync())[0];
        Assert.Equal((report.ChangeId, "allocate", "cli", "cli-user", true),
            (newest.Id, newest.Action, newest.Source, newest.ChangedBy, newest.CanUndo));
    }

    [Fact]
    public async Task Allocate_AnotherTargetOverAPlannerTable_RefusedNamingWhatWouldChange_NothingWritten()
    {
        var set = await PlannerTableAsync();
        var counts = await CountsAsync(_db);

        var e = await Assert.ThrowsAsync<StoreException>(() => Service.AllocateAsync(2568, "50", 1200, AllocationWeight.Area,
            new Dictionary<string, int>(), "cli-user", replace: false));

        Assert.Contains($"edited in the planner (change #{set} by somchai)", e.Message, StringComparison.Ordinal);
        Assert.Contains("target 1000 -> 1200 rai", e.Message, StringComparison.Ordinal);
        Assert.Contains("give --replace", e.Message, StringComparison.Ordinal);
        Assert.Equal(counts, await CountsAsync(_db));
    }

    [Fact]
    public async Task Allocate_ChangingAPlannerLockWithoutReplace_Refused()
    {
        await PlannerTableAsync();
        var counts = await CountsAsync(_db);

        var e = await Assert.ThrowsAsync<StoreException>(() => Service.AllocateAsync(2568, "50", 1000, AllocationWeight.Area,
            new Dictionary<string, int> { [MaeChaem] = 120 }, "cli-user", replace: false));

        Assert.Contains("--lock 5003=120: 5003 is locked at 200 rai", e.Message, StringComparison.Ordinal);
        Assert.Equal(counts, await CountsAsync(_db));
    }

    [Fact]
    public async Task Allocate_Replace_ListsWhatItRemoves_BlocksThePlannersUndo_AndItsOwnUndoRestoresTheTable()
    {
        var set = await PlannerTableAsync();
        var plannerTable = await TableAsync();
        var history = new PlannerHistory(_db.Store);

        var report = await Service.AllocateAsync(2568, "50", 1200, AllocationWeight.Area, new Dictionary<string, int>(), "cli-user",
            replace: true);

        Assert.Contains("target 1000 -> 1200 rai", report.Replaced);
        Assert.Contains(report.Replaced, r => r.StartsWith("lock of 5003 (200 rai) removed, now ", StringComparison.Ordinal));
        Assert.Equal((1200L, false), (await SumAsync(), report.Districts.Single(d => d.Code == MaeChaem).Locked));
        // The planner's set is overwritten: listed as not undoable (instead of answering 409 when tried).
        var listed = await history.ListAsync();
        var setEntry = listed.Single(c => c.Id == set);
        Assert.False(setEntry.CanUndo);
        Assert.Contains($"later change(s) #{report.ChangeId}", setEntry.UndoBlockedBy, StringComparison.Ordinal);

        await history.UndoAsync(report.ChangeId!.Value, "somchai");

        Assert.Equal(plannerTable, await TableAsync());
        Assert.True((await history.ListAsync()).Single(c => c.Id == set).CanUndo);
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(0)]
    public async Task Allocate_TargetBelowOne_RefusedAsOutOfRange(int target)
    {
        var e = await Assert.ThrowsAsync<StoreException>(() => Service.AllocateAsync(2568, "50", target, AllocationWeight.Area,
            new Dictionary<string, int>(), "cli-user", replace: false));

        Assert.Contains($"target {target} rai is out of range", e.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM district_allocation"));
    }

    [Fact]
    public async Task Allocate_RestorableFromASnapshotWithoutNonGreenParcels_RefusedWithTheReason()
    {
        // The fixture's 2566 snapshot is one green parcel: no district has restorable land in it.
        var e = await Assert.ThrowsAsync<StoreException>(() => Service.AllocateAsync(2568, "50", 1000, AllocationWeight.Restorable,
            new Dictionary<string, int>(), "cli-user", replace: false));

        Assert.Contains("snapshot 2566 has no non-green parcel in any district of province 50", e.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM district_allocation"));
    }
}
