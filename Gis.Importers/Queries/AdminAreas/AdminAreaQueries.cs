using Gis.Core.Admin;
using Gis.Core.Hotspots;
using Gis.Core.Spatial;
using Gis.Importers.Firms;
using Gis.Importers.Store;
using NetTopologySuite.Geometries;

namespace Gis.Importers.Queries.AdminAreas;

/// <summary>Read-only questions about stored administrative areas.</summary>
public sealed class AdminAreaQueries(GisStore store)
{
    /// <summary>
    /// The districts of a province in code order (counts zero), and the province itself; when the province polygon
    /// was not imported its names are DOPA's (<see cref="Unimported"/>).
    /// </summary>
    public async Task<(IReadOnlyList<DistrictCount> Districts, DistrictCount Province)> DistrictsOfAsync(string provinceCode,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null,
            "SELECT code, name_th, name_en, level FROM admin_area WHERE province_code = $1 AND level IN (2, 4) ORDER BY code",
                provinceCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var districts = new List<DistrictCount>();
        var province = Unimported(provinceCode);
        while (await reader.ReadAsync(cancellationToken))
        {
            var area = new DistrictCount(reader.GetString(0), reader.GetString(1), reader.GetString(2), 0);
            if (reader.GetInt16(3) == 2)
                province = area;
            else
                districts.Add(area);
        }
        return (districts, province);
    }

    /// <summary>
    /// <see cref="DistrictsOfAsync"/> for every province with imported districts, in one query: provinces and their
    /// districts in code order.
    /// </summary>
    public async Task<IReadOnlyList<(DistrictCount Province, IReadOnlyList<DistrictCount> Districts)>> ProvincesAsync(
        CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT province_code, code, name_th, name_en, level FROM admin_area WHERE level IN (2, 4)
            ORDER BY province_code, level, code
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var provinces = new List<(DistrictCount, IReadOnlyList<DistrictCount>)>();
        (DistrictCount Province, List<DistrictCount> Districts)? current = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var code = reader.GetString(0);
            if (current?.Province.Code != code)
            {
                if (current is { Districts.Count: > 0 } done)
                    provinces.Add(done);
                current = (Unimported(code), []);
            }
            var area = new DistrictCount(reader.GetString(1), reader.GetString(2), reader.GetString(3), 0);
            if (reader.GetInt16(4) == 2)
                current = (area, current.Value.Districts);
            else
                current.Value.Districts.Add(area);
        }
        if (current is { Districts.Count: > 0 } last)
            provinces.Add(last);
        return provinces;
    }

    /// <summary>
    /// A province whose polygon was not imported (district files often come without it): named as DOPA names it, or by
    /// its code when the code is not a province's.
    /// </summary>
    private static DistrictCount Unimported(string code) => Provinces.Find(code) is var (nameTh, nameEn)
        ? new DistrictCount(code, nameTh, nameEn, 0)
        : new DistrictCount(code, $"จังหวัด {code}", $"Province {code}", 0);

    /// <summary>Throws <see cref="ProvinceNotImportedAsync"/>'s error unless districts of the province are imported.</summary>
    /// <exception cref="StoreException">No district of the province is imported.</exception>
    public async Task RequireProvinceAsync(string provinceCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        if (!await Sql.ScalarAsync<bool>(connection, null, "SELECT EXISTS (SELECT FROM admin_area WHERE level = 4 AND province_code = $1)",
                cancellationToken, provinceCode))
            throw await ProvinceNotImportedAsync(provinceCode, cancellationToken);
    }

    /// <summary>
    /// The error for a province without imported districts, naming the provinces that have them (code and names), so a
    /// mistyped code is an error with the valid values rather than an empty table.
    /// </summary>
    public async Task<StoreException> ProvinceNotImportedAsync(string provinceCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT d.province_code, p.name_en, p.name_th
            FROM (SELECT DISTINCT province_code FROM admin_area WHERE level = 4) d
            LEFT JOIN admin_area p ON p.code = d.province_code AND p.level = 2
            ORDER BY 1
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var provinces = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            provinces.Add(reader.IsDBNull(1) ? reader.GetString(0)
                : $"{reader.GetString(0)} {reader.GetString(1)} ({reader.GetString(2)})");
        }
        return new StoreException(provinces.Count == 0
            ? $"province {provinceCode}: no districts are imported at all; run 'gis import boundaries FILE' first."
            : $"province {provinceCode}: no districts of it are imported; provinces with districts: {string.Join(", ", provinces)}.");
    }

    /// <summary>
    /// The bounding box of a province: its stored polygon and its districts together (either may be missing), or
    /// null when neither is stored.
    /// </summary>
    public async Task<Firms.BoundingBox?> BoundingBoxAsync(string provinceCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
            FROM (SELECT ST_Extent(geom) AS e FROM admin_area WHERE code = $1 OR (level = 4 AND province_code = $1)) x
            WHERE e IS NOT NULL
            """, provinceCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Firms.BoundingBox(reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)).Outward()
            : null;
    }

    /// <summary>All stored districts (level 4) for tagging points with the district they lie in (ADR 0002's rule).</summary>
    public async Task<AreaLocator> DistrictLocatorAsync(CancellationToken cancellationToken = default)
    {
        var districts = new List<(string, Geometry)>();
        await using var command = store.DataSource.CreateCommand("SELECT code, geom FROM admin_area WHERE level = 4");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            districts.Add((reader.GetString(0), reader.GetFieldValue<Geometry>(1)));
        return new AreaLocator(districts);
    }
}
