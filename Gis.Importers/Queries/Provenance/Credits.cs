using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Queries.Provenance;

/// <summary>
/// The distinct credits (ADR 0017) of the data a map or report draws, read from what each import recorded, so a
/// figure never names a source its data did not come from. Each list is in ordinal order.
/// </summary>
public sealed class Credits(GisStore store)
{
    /// <summary>The credits of the district boundaries drawn: of the province, or of one district.</summary>
    public Task<IReadOnlyList<string>> OfDistrictsAsync(string provinceCode, string? districtCode,
        CancellationToken cancellationToken = default) =>
        ReadAsync("""
            SELECT DISTINCT credit FROM admin_area
            WHERE level = 4 AND province_code = $1 AND ($2::text IS NULL OR code = $2)
            """, null, cancellationToken, provinceCode, districtCode);

    /// <summary>
    /// The credits of the import batches whose detections count in <paramref name="periods"/> for the province (or
    /// the district) under <paramref name="filter"/>: the selection the counts and the points use.
    /// </summary>
    public Task<IReadOnlyList<string>> OfHotspotsAsync(IEnumerable<Period> periods, string provinceCode, string? districtCode,
        HotspotFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var days = periods.ToList();
        return ReadAsync($"""
            SELECT DISTINCT b.credit FROM import_batch b
            WHERE EXISTS (
                SELECT FROM {CountedHotspots.Relation(HotspotSource.Firms)} h, unnest($1::date[], $2::date[]) p(first, last)
                WHERE h.batch_id = b.id AND h.local_day BETWEEN p.first AND p.last AND left(h.district_code, 2) = $3
                  AND ($4::text IS NULL OR h.district_code = $4) AND {CountedHotspots.FilterSql(5)})
            """, filter, cancellationToken, days.Select(p => p.From).ToArray(), days.Select(p => p.To).ToArray(), provinceCode,
            districtCode);
    }

    /// <summary>The credits of the land-use snapshots (Buddhist Era years) used; a year not imported adds none.</summary>
    public Task<IReadOnlyList<string>> OfLandUseAsync(IEnumerable<int> snapshots, CancellationToken cancellationToken = default) =>
        ReadAsync("SELECT DISTINCT credit FROM landuse_snapshot WHERE snapshot = ANY($1)", null,
            cancellationToken, snapshots.Select(s => (short)s).ToArray());

    private async Task<IReadOnlyList<string>> ReadAsync(string sql, HotspotFilter? filter, CancellationToken cancellationToken,
        params object?[] parameters)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using NpgsqlCommand command = Sql.Command(connection, null, sql, parameters);
        if (filter is not null)
            CountedHotspots.AddFilterParameters(command, filter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var credits = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
            credits.Add(reader.GetString(0));
        credits.Sort(StringComparer.Ordinal);
        return credits;
    }
}
