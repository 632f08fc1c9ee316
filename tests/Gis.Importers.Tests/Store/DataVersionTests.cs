using Gis.Core.Admin;
using Gis.Core.Plans;
using Gis.Importers.Boundaries;
using Gis.Importers.Firms;
using Gis.Importers.Projects;
using Gis.Importers.Store;
using Gis.TestSupport;
using Npgsql;

namespace Gis.Importers.Tests.Store;

/// <summary>The data version moves once per committed changing transaction, for the kind of data it changed only.</summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class DataVersionTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostGis.NewDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ReadAsync_EachKindMovesOncePerCommittedChange()
    {
        Assert.Equal(new DataVersion(0, 0, 0, 0), await DataVersion.ReadAsync(_db.Store));

        await new BoundaryImporter(_db.Store).ReplaceAsync(
            [new AdminArea("5001", "อำเภอหนึ่ง", "District one", Wkt.MultiPolygon("POLYGON ((98 18, 98.5 18, 98.5 19, 98 19, 98 18))"))],
                "fixture");
        var afterBoundaries = await DataVersion.ReadAsync(_db.Store);
        // The boundary import re-assigns stored detections in the same transaction: hotspots move with it.
        Assert.Equal(new DataVersion(1, 1, 0, 0), afterBoundaries);

        // 300 detections by COPY into a new year's table: one change, not one per row.
        var importer = new FirmsImporter(_db.Store);
        var batch = await importer.ImportAsync(FirmsCsv.Detections("fixture.csv", 18.5, 98.2, "2026-04-12", 300), strict: true);
        Assert.Equal(300, batch.Stored);
        var afterImport = await DataVersion.ReadAsync(_db.Store);
        Assert.Equal(afterBoundaries with { Hotspots = afterBoundaries.Hotspots + 1 }, afterImport);

        await new ProjectImporter(_db.Store).ReplaceAsync(new ProjectReadResult("fixture", 1,
            [new PlanProject("G1", "ปลูกป่า", "Reforestation", "RFD", 2568, null, 4, TargetKind.GreenArea, 500, "rai", [])], [], [], []),
                "fixture");
        Assert.Equal(afterImport with { Plans = afterImport.Plans + 1 }, await DataVersion.ReadAsync(_db.Store));
    }

    [Fact]
    public async Task ReadAsync_RolledBackChange_LeavesTheVersion()
    {
        var before = await DataVersion.ReadAsync(_db.Store);
        await using (var connection = await _db.Store.DataSource.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using var command = new NpgsqlCommand("DELETE FROM plan_project", connection, tx);
            await command.ExecuteNonQueryAsync();
            // Seen inside the transaction, by nobody else, and gone with the rollback.
            Assert.Equal(before, await DataVersion.ReadAsync(_db.Store));
            await tx.RollbackAsync();
        }
        Assert.Equal(before, await DataVersion.ReadAsync(_db.Store));
    }
}
