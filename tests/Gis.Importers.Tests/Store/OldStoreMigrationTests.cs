using Gis.Importers.Firms;
using Gis.Importers.Store;
using Gis.Importers.Tests.Firms;
using Gis.TestSupport;
using Npgsql;

namespace Gis.Importers.Tests.Store;

/// <summary>
/// A store filled before the year partitions (migration 0019) and everything after them: upgrading it keeps every
/// detection as it was, puts each year in its own table, leaves the cube exact, goes on numbering ids after the last one,
/// and the next import still recognises the detections stored before as duplicates.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class OldStoreMigrationTests : IAsyncLifetime
{
    /// <summary>The last migration of the unpartitioned store.</summary>
    private const int OldVersion = 18;

    // Every stored column a user's figures rest on, in id order: equal before and after means nothing moved.
    private const string RowsChecksum = """
        SELECT md5(string_agg(concat_ws('|', id, satellite, instrument, acquired_utc, local_day, longitude, latitude, confidence,
                                        daynight, version, type, district_code, batch_id, superseded_by_batch, is_nrt, frp_mw,
                                        ST_AsText(geom)), ',' ORDER BY id))
        FROM hotspot
        """;

    // The cube against a recount from the points, both ways: 0 when they agree row for row.
    private const string CubeDisagreements = YearPartitionTests.CubeDisagreements;

    private TestDatabase _db = null!;
    private string _oldStore = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        var name = "old_store_" + Guid.NewGuid().ToString("N");
        await using (var connection = await _db.Store.DataSource.OpenConnectionAsync())
        {
            // The name is made above from a GUID only; identifiers cannot be parameters.
#pragma warning disable CA2100
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
#pragma warning restore CA2100
            await create.ExecuteNonQueryAsync();
        }
        _oldStore = new NpgsqlConnectionStringBuilder(_db.ConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task UnpartitionedStoreWithTwoYears_Upgraded_KeepsEveryRowAndTheCube_AndDedupsAgainstIt()
    {
        await using (var connection = new NpgsqlConnection(_oldStore))
        {
            await connection.OpenAsync();
            await MigrateUpToAsync(connection, OldVersion);
            await FillAsOldStoreAsync(connection);
        }
        var before = await ScalarAsync<string>(RowsChecksum);
        var lastId = await ScalarAsync<long>("SELECT max(id) FROM hotspot");
        Assert.Equal(0, await ScalarAsync<long>(CubeDisagreements));

        await using var store = await GisStore.OpenAsync(_oldStore);

        Assert.Equal(before, await ScalarAsync<string>(RowsChecksum));
        Assert.Equal(0, await ScalarAsync<long>(CubeDisagreements));
        // One table per year, each holding exactly its year's detections.
        Assert.Equal("hotspot_y2025=2,hotspot_y2026=5", await ScalarAsync<string>("""
            SELECT string_agg(c.relname || '=' || (SELECT count(*) FROM hotspot h WHERE h.tableoid = c.oid), ',' ORDER BY c.relname)
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'hotspot'::regclass
            """));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM hotspot_y2026 WHERE local_day < '2026-01-01'"));
        // The tile grid is built from the converted points: every detection counted once.
        Assert.Equal(7L, await ScalarAsync<long>("SELECT sum(detections)::bigint FROM hotspot_grid"));

        // The next import: the first of its three detections was stored before the upgrade (same satellite, time and
        // place, NRT), the other two are new and numbered after the old ones.
        var result = await new FirmsImporter(store).ImportAsync(
            FirmsCsv.Detections("after-upgrade.csv", 18.8, 98.9, "2026-03-10", 3), strict: true);
        Assert.Equal((1, 2), (result.Duplicate, result.Stored));
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM hotspot WHERE id > $1", lastId));
        Assert.Equal(0, await ScalarAsync<long>(CubeDisagreements));
    }

    /// <summary>Applies the embedded migrations up to <paramref name="version"/> and records them, as a store of then was.</summary>
    private static async Task MigrateUpToAsync(NpgsqlConnection connection, int version)
    {
        await Execute(connection, """
            CREATE TABLE schema_migration (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """);
        foreach (var (v, name) in Migrator.All.Where(m => m.Version <= version))
        {
            await Execute(connection, Migrator.ReadScript(name));
            await Execute(connection, "INSERT INTO schema_migration (version, name) VALUES ($1, $2)", v, name);
        }
    }

    /// <summary>
    /// Rows as the importers of migration 0018 stored them: an NRT file over two years (one detection outside every
    /// district), and a standard file that replaced one NRT day.
    /// </summary>
    private static async Task FillAsOldStoreAsync(NpgsqlConnection connection)
    {
        await Execute(connection, """
            INSERT INTO import_batch (kind, source, sha256, status, rows_read, rows_stored, rows_duplicate, rows_rejected,
                                      started_at, finished_at, credit)
            VALUES ('firms', 'nrt.csv', 'a', 'stored', 5, 5, 0, 0, now(), now(), 'NASA FIRMS VIIRS NOAA-20 NRT (2.0NRT)'),
                   ('firms', 'sp.csv', 'b', 'stored', 2, 2, 0, 0, now(), now(), 'NASA FIRMS VIIRS NOAA-20 (2)')
            """);
        await Execute(connection, """
            INSERT INTO hotspot (satellite, instrument, acquired_utc, local_day, longitude, latitude, confidence, daynight,
                                 version, district_code, batch_id, superseded_by_batch, frp_mw)
            VALUES
                -- 31 Dec 2025 18:30 UTC is 1 Jan 2026 in Bangkok: the 2026 table, by its local day.
                ('N20', 'VIIRS', '2025-12-31 18:30Z', '2026-01-01', 98.9, 18.8, 'n', 'N', '2.0NRT', '5001', 1, NULL, 1.5),
                ('N20', 'VIIRS', '2025-03-02 06:10Z', '2025-03-02', 98.9, 18.8, 'h', 'D', '2.0NRT', '5001', 1, 2, 20),
                ('N20', 'VIIRS', '2025-03-03 06:10Z', '2025-03-03', 97.1, 16.2, 'l', 'D', '2.0NRT', NULL, 1, NULL, 3),
                ('N20', 'VIIRS', '2026-03-10 06:00Z', '2026-03-10', 98.9, 18.8, 'n', 'D', '2.0NRT', '5001', 1, NULL, 7),
                ('N20', 'VIIRS', '2026-03-11 06:00Z', '2026-03-11', 98.7, 18.6, 'n', 'D', '2.0NRT', '5002', 1, NULL, 8),
                ('N20', 'VIIRS', '2026-03-12 06:00Z', '2026-03-12', 98.7, 18.6, 'n', 'D', '2', '5002', 2, NULL, 9),
                ('N20', 'VIIRS', '2026-03-13 06:00Z', '2026-03-13', 98.7, 18.6, 'h', 'N', '2', '5002', 2, NULL, 10)
            """);
    }

    private async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(_oldStore);
        await connection.OpenAsync();
        return await Sql.ScalarAsync<T>(connection, null, sql, default, parameters);
    }

    private static Task<int> Execute(NpgsqlConnection connection, string sql, params object[] parameters) =>
        Sql.ExecuteAsync(connection, null, sql, default, parameters);
}
