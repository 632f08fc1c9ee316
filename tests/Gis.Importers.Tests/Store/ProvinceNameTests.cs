using Gis.Core.Admin;
using Gis.Importers.Boundaries;
using Gis.TestSupport;
using Npgsql;

namespace Gis.Importers.Tests.Store;

/// <summary>
/// Migration 0030: <c>admin_province</c> names a province imported only as its districts by its DOPA names, read by a
/// plain query, and the names it keeps are those of <see cref="Provinces"/>.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class ProvinceNameTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostGis.NewDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task AdminProvince_OnlyDistrictsImported_NamedInThaiAndEnglish()
    {
        await new BoundaryImporter(_db.Store).ReplaceAsync(
        [
            new AdminArea("5001", "เมือง", "West", Wkt.MultiPolygon("POLYGON ((98.0 18.0, 98.1 18.0, 98.1 18.1, 98.0 18.1, 98.0 18.0))")),
            new AdminArea("5801", "ขุนยวม", "North", Wkt.MultiPolygon("POLYGON ((98.0 19.0, 98.1 19.0, 98.1 19.1, 98.0 19.1, 98.0 19.0))")),
        ], "fixture");

        Assert.Equal("50|เชียงใหม่|Chiang Mai|f;58|แม่ฮ่องสอน|Mae Hong Son|f", await _db.ScalarAsync<string>("""
            SELECT string_agg(concat_ws('|', code, name_th, name_en, stored), ';' ORDER BY code) FROM admin_province
            """));
    }

    [Fact]
    public async Task ProvinceName_HoldsExactlyTheProvincesOfCore()
    {
        var stored = new List<(string, string, string)>();
        await using var connection = await _db.Store.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT code, name_th, name_en FROM province_name ORDER BY code", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            stored.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));

        Assert.Equal(Provinces.All.OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => (p.Code, p.NameTh, p.NameEn)), stored);
    }
}
