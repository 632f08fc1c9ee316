using Gis.Importers.Planning;
using Gis.Importers.Targets;
using Gis.Importers.Tests.Boundaries;
using Gis.TestSupport;
using static Gis.Importers.Tests.Planning.PlannerFixture;

namespace Gis.Importers.Tests.Planning;

[Trait(Needs.Trait, Needs.PostGis)]
public sealed class AllocationEditorTests : IAsyncLifetime, IDisposable
{
    private readonly BoundaryFixtures _files = new();
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await NewAsync(_files);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public void Dispose() => _files.Dispose();

    private AllocationEditor Editor => new(_db.Store, "50");

    private Task<long> SumAsync(int year = 2568) =>
        _db.ScalarAsync<long>("SELECT coalesce(sum(allocation_rai), 0) FROM district_allocation WHERE year = $1", (short)year);

    private Task<int> RaiOfAsync(string code) =>
        _db.ScalarAsync<int>("SELECT allocation_rai FROM district_allocation WHERE year = 2568 AND district_code = $1", code);

    [Fact]
    public async Task Create_ByArea_SplitsTheTargetInProportionToDistrictArea()
    {
        await Editor.CreateAsync(2568, 1000, AllocationWeight.Area, "somchai");

        var table = await Editor.GetAsync(2568);
        Assert.Equal((1000, "area", 25), (table.TargetRai, table.WeightKind, table.Rows.Count));
        Assert.Equal(1000L, await SumAsync());
        // Each share is its district's area over the province's, rounded down or up (largest remainder).
        foreach (var row in table.Rows)
        {
            var exact = await _db.ScalarAsync<double>("""
                SELECT 1000 * ST_Area(geom::geography) / (SELECT sum(ST_Area(geom::geography)) FROM admin_area WHERE level = 4)
                FROM admin_area WHERE code = $1
                """, row.Code);
            Assert.InRange(row.AllocationRai!.Value, Math.Floor(exact), Math.Ceiling(exact));
        }
        Assert.Equal("Mae Chaem", table.Rows.Single(r => r.Code == MaeChaem).NameEn);
        Assert.Equal(await _db.ScalarAsync<double>("SELECT ST_Area(ST_GeomFromText($1, 4326)::geography) / 1600", StoredArea),
            table.Rows.Single(r => r.Code == MaeChaem).ProjectsRai, 1e-6);
    }

    [Fact]
    public async Task SetAndLock_ThenRebalanceToANewTarget_KeepsLockedValuesAndTheTotal()
    {
        await Editor.CreateAsync(2568, 1000, AllocationWeight.Area, "somchai");
        var chomThongAtFirst = await RaiOfAsync("5002");

        await Editor.SetAsync(2568, MaeChaem, 200, "somchai");
        // Mae Chaem's 200 rai came from the others: Chom Thong's share moved with them.
        var chomThong = await RaiOfAsync("5002");
        Assert.NotEqual(chomThongAtFirst, chomThong);
        await Editor.LockAsync(2568, "5002", true, "somchai");
        Assert.Equal((200, chomThong, 1000L), (await RaiOfAsync(MaeChaem), await RaiOfAsync("5002"), await SumAsync()));
        await Editor.RebalanceAsync(2568, 1500, "somsri");

        var table = await Editor.GetAsync(2568);
        Assert.Equal((1500, 1500L), (table.TargetRai, await SumAsync()));
        Assert.Equal(["5002", MaeChaem], table.Rows.Where(r => r.Locked).Select(r => r.Code));
        Assert.Equal((200, chomThong), (await RaiOfAsync(MaeChaem), await RaiOfAsync("5002")));
        // The other 23 share 1500 - 200 - chomThong by area.
        var free = 1500 - 200 - chomThong;
        foreach (var row in table.Rows.Where(r => !r.Locked))
        {
            var exact = await _db.ScalarAsync<double>("""
                SELECT $2 * ST_Area(geom::geography)
                    / (SELECT sum(ST_Area(geom::geography)) FROM admin_area WHERE level = 4 AND code NOT IN ('5003', '5002'))
                FROM admin_area WHERE code = $1
                """, row.Code, (double)free);
            Assert.InRange(row.AllocationRai!.Value, Math.Floor(exact), Math.Ceiling(exact));
        }

        await Editor.LockAsync(2568, "5002", false, "somchai");
        Assert.False((await Editor.GetAsync(2568)).Rows.Single(r => r.Code == "5002").Locked);
    }

    [Fact]
    public async Task Undo_OfASet_RestoresTheWholeTableExactly()
    {
        await Editor.CreateAsync(2568, 1000, AllocationWeight.Area, "somchai");
        const string AllocationTable = "SELECT string_agg(district_code || ':' || allocation_rai || ':' || locked, ','"
            + " ORDER BY district_code) FROM district_allocation";
        var before = await _db.ScalarAsync<string>(AllocationTable);

        var set = await Editor.SetAsync(2568, MaeChaem, 10, "somchai");
        Assert.Equal(10, await RaiOfAsync(MaeChaem));
        await new PlannerHistory(_db.Store).UndoAsync(set, "somchai");

        Assert.Equal(before, await _db.ScalarAsync<string>(AllocationTable));
    }

    [Fact]
    public async Task Undo_OfTheCreate_WhileASetStandsOnIt_Refused()
    {
        var create = await Editor.CreateAsync(2568, 1000, AllocationWeight.Area, "somchai");
        var set = await Editor.SetAsync(2568, MaeChaem, 10, "somchai");

        var e = await Assert.ThrowsAsync<PlannerException>(() => new PlannerHistory(_db.Store).UndoAsync(create, "somchai"));

        Assert.Contains($"#{set} depend on change #{create}", e.Message, StringComparison.Ordinal);
        Assert.Equal(1000L, await SumAsync());
    }

    [Theory]
    [InlineData("more than the target", MaeChaem, 1001, "more than the target of 1000 rai")]
    [InlineData("negative", MaeChaem, -1, "cannot be negative")]
    [InlineData("unknown district", "5099", 10, "district 5099 is not in the allocation table")]
    public async Task Set_Refused_NothingChanges(string name, string code, int rai, string expected)
    {
        await Editor.CreateAsync(2568, 1000, AllocationWeight.Area, "somchai");
        var counts = await CountsAsync(_db);

        var e = await Assert.ThrowsAsync<PlannerException>(() => Editor.SetAsync(2568, code, rai, "somchai"));

        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), $"{name}: {e.Message}");
        Assert.Equal(counts, await CountsAsync(_db));
    }

    [Fact]
    public async Task Edits_WithoutATable_Or_CreateTwice_Refused()
    {
        var missing = await Assert.ThrowsAsync<PlannerException>(() => Editor.RebalanceAsync(2568, null, "somchai"));
        var none = await Editor.GetAsync(2568);
        Assert.Equal((false, 25, 0), (none.Stored, none.Rows.Count, none.TargetRai));
        await Editor.CreateAsync(2568, 1000, AllocationWeight.Area, "somchai");
        var twice = await Assert.ThrowsAsync<PlannerException>(() => Editor.CreateAsync(2568, 900, AllocationWeight.Area, "somchai"));
        var badTarget = await Assert.ThrowsAsync<PlannerException>(() => Editor.RebalanceAsync(2568, 0, "somchai"));

        Assert.Equal(PlannerRefusal.NotFound, missing.Refusal);
        Assert.Equal(PlannerRefusal.Conflict, twice.Refusal);
        Assert.Contains("target 0 rai is out of range", badTarget.Message, StringComparison.Ordinal);
        Assert.Equal(1000L, await SumAsync());
    }
}
