using Gis.Core.Admin;
using Gis.Importers.Boundaries;
using Gis.Importers.Firms;
using Gis.Importers.Store;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Store;

/// <summary>Migration 0017 on a store filled before it: every row gets the credit its data or file implies.</summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class CreditMigrationTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostGis.NewDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Migration0017_ExistingRows_CreditedFromTheirDetectionsAndFiles()
    {
        static AdminArea Area(string code, double west) => new(code, "อำเภอ", "District", Wkt.MultiPolygon(
            FormattableString.Invariant($"POLYGON (({west} 18, {west + 0.5} 18, {west + 0.5} 19, {west} 19, {west} 18))")));
        await new BoundaryImporter(_db.Store).ReplaceAsync([Area("5001", 98)], "/home/u/gis/sample-data/boundaries/d.geojson");
        await new BoundaryImporter(_db.Store).ReplaceAsync([Area("5002", 98.5)], "/data/amphoe.geojson");
        await new FirmsImporter(_db.Store).ImportAsync(FirmsCsv.Detections("a.csv", 18.5, 98.2, "2026-04-12", 3) with
        {
            Credit = "given on import",
        }, strict: true);
        await new FirmsImporter(_db.Store).ImportAsync(
            FirmsCsv.Detections("/home/u/gis/sample-data/firms/b.csv", 18.5, 98.2, "2026-04-13", 2), strict: true);

        // Back to the schema before 0017, with the rows as they were stored then.
        await using (var connection = await _db.Store.DataSource.OpenConnectionAsync())
        {
            foreach (var sql in new[]
            {
                // Migration 0024's views read admin_area.credit: they go too, and come back when 0024 is applied again.
                "DROP VIEW admin_district, admin_province, project_area_map", "DELETE FROM schema_migration WHERE version = 24",
                "ALTER TABLE import_batch DROP COLUMN credit", "ALTER TABLE admin_area DROP COLUMN credit",
                "ALTER TABLE landuse_snapshot DROP COLUMN credit", "DROP FUNCTION firms_series_credit",
                "DELETE FROM schema_migration WHERE version = 17",
            })
            {
                await Sql.ExecuteAsync(connection, null, sql, default);
            }
            await Migrator.ApplyAsync(connection, default);
        }

        Assert.Equal("NASA FIRMS VIIRS NOAA-20 NRT (2.0NRT)",
            await _db.ScalarAsync<string>("SELECT credit FROM import_batch WHERE source = 'a.csv'"));
        // The sample data's made-up hotspots are not credited to NASA, whatever series their rows name.
        Assert.Equal("synthetic sample data (gis sample-data generator)",
            await _db.ScalarAsync<string>("SELECT credit FROM import_batch WHERE source LIKE '%sample-data%'"));
        Assert.Equal("synthetic sample data (gis sample-data generator)",
            await _db.ScalarAsync<string>("SELECT credit FROM admin_area WHERE code = '5001'"));
        Assert.Equal("HDX COD-AB (OCHA)", await _db.ScalarAsync<string>("SELECT credit FROM admin_area WHERE code = '5002'"));
    }

    [Fact]
    public async Task Import_NoCreditGiven_BoundariesCreditedByFileName()
    {
        await new BoundaryImporter(_db.Store).ReplaceAsync([new AdminArea("5001", "อำเภอ", "District",
            Wkt.MultiPolygon("POLYGON ((98 18, 98.5 18, 98.5 19, 98 19, 98 18))"))], "/data/pao/districts.shp");

        Assert.Equal("districts.shp", await _db.ScalarAsync<string>("SELECT credit FROM admin_area"));
    }
}
