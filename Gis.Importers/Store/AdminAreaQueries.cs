using Gis.Core.Hotspots;

namespace Gis.Importers.Store;

/// <summary>Read-only questions about stored administrative areas.</summary>
public sealed class AdminAreaQueries(GisStore store)
{
    /// <summary>
    /// The districts of a province in code order (counts zero), and the province itself; when the province polygon
    /// was not imported its names are made from the code.
    /// </summary>
    public async Task<(IReadOnlyList<DistrictCount> Districts, DistrictCount Province)> DistrictsOfAsync(string provinceCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null,
            "SELECT code, name_th, name_en, level FROM admin_area WHERE province_code = $1 AND level IN (2, 4) ORDER BY code", provinceCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var districts = new List<DistrictCount>();
        var province = new DistrictCount(provinceCode, $"จังหวัด {provinceCode}", $"Province {provinceCode}", 0);
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
}
