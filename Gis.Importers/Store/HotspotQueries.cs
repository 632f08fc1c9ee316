using Gis.Core.Hotspots;

namespace Gis.Importers.Store;

/// <summary>Read-only questions about stored hotspots.</summary>
public sealed class HotspotQueries(GisStore store)
{
    /// <summary>
    /// Detections per district for Bangkok local days <paramref name="from"/> to <paramref name="to"/> (inclusive),
    /// every district of the province listed (zero included), plus those in no imported district.
    /// </summary>
    /// <param name="provinceCode">Two-digit DOPA province code, or null for every imported district.</param>
    public async Task<HotspotCountReport> CountByDistrictAsync(DateOnly from, DateOnly to, string? provinceCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        var districts = new List<DistrictCount>();
        await using (var command = Sql.Command(connection, null, """
            SELECT a.code, a.name_th, a.name_en, count(h.id)
            FROM admin_area a
            LEFT JOIN hotspot_counted h ON h.district_code = a.code AND h.local_day BETWEEN $1 AND $2
            WHERE a.level = 4 AND ($3::text IS NULL OR a.province_code = $3)
            GROUP BY a.code, a.name_th, a.name_en
            ORDER BY a.code
            """, from, to, provinceCode))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                districts.Add(new DistrictCount(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }
        var outside = await Sql.ScalarAsync<long>(connection, null,
            "SELECT count(*) FROM hotspot_counted WHERE district_code IS NULL AND local_day BETWEEN $1 AND $2", cancellationToken, from, to);
        return new HotspotCountReport(from, to, districts, outside);
    }
}
