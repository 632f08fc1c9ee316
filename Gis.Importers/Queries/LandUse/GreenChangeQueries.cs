using Gis.Core.LandUse;
using Gis.Core.Units;
using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Queries.LandUse;

/// <summary>Green-area change between two stored land-use snapshots, per district.</summary>
/// <remarks>
/// For each district, gain is the area of green(to) minus green(from), loss the reverse, both measured on the WGS 84
/// ellipsoid (<c>geography</c>). The imports keep each snapshot's green land dissolved per district and the change
/// between every two stored snapshots made from it (<c>landuse_green</c>, <c>landuse_green_change</c>, ADR 0024):
/// this only reads the change, swapping gain and loss when the earlier snapshot is asked for as "to". Dissolving
/// makes the figures right even if parcels of a snapshot overlapped, and districts meeting only along a border share
/// no area, so nothing is counted twice.
/// </remarks>
public sealed class GreenChangeQueries(GisStore store)
{
    /// <summary>
    /// Gain, loss and net green area (rai) from snapshot <paramref name="fromYear"/> to <paramref name="toYear"/>
    /// for every district (level-4 <c>admin_area</c>) of the province, zero rows included, plus the change on land
    /// outside every imported district.
    /// </summary>
    /// <param name="fromYear">Earlier snapshot, Buddhist Era year; must be imported.</param>
    /// <param name="toYear">Later snapshot, Buddhist Era year; must be imported.</param>
    /// <param name="provinceCode">Two-digit DOPA province code, or null for every imported district.</param>
    /// <exception cref="StoreException">A snapshot is not imported; the message lists those that are.</exception>
    public async Task<GreenChangeReport> ChangeByDistrictAsync(int fromYear, int toYear, string? provinceCode,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await EnsureImportedAsync(connection, [fromYear, toYear], cancellationToken);

        var districts = new List<GreenChange>();
        GreenChange? outside = null;
        // The row without a code is the land outside every district.
        await using (var command = Sql.Command(connection, null, """
            WITH selection AS (
                SELECT code, name_th, name_en FROM admin_area WHERE level = 4 AND ($3::text IS NULL OR province_code = $3)
                UNION ALL
                SELECT NULL, '', '')
            SELECT s.code, s.name_th, s.name_en,
                   coalesce(CASE WHEN $1 < $2 THEN c.gain_m2 ELSE c.loss_m2 END, 0),
                   coalesce(CASE WHEN $1 < $2 THEN c.loss_m2 ELSE c.gain_m2 END, 0)
            FROM selection s
            LEFT JOIN landuse_green_change c ON c.from_snapshot = least($1, $2) AND c.to_snapshot = greatest($1, $2)
                                            AND coalesce(c.district_code, '') = coalesce(s.code, '')
            ORDER BY s.code
            """, (short)fromYear, (short)toYear, provinceCode))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var change = new GreenChange(reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    Rai.FromSquareMetres(reader.GetDouble(3)), Rai.FromSquareMetres(reader.GetDouble(4)));
                if (reader.IsDBNull(0))
                    outside = change;
                else
                    districts.Add(change);
            }
        }
        return new GreenChangeReport(fromYear, toYear, districts, outside!);
    }

    /// <summary>The imported snapshots (Buddhist Era years), oldest first.</summary>
    public async Task<IReadOnlyList<int>> SnapshotsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        return await SnapshotsAsync(connection, cancellationToken);
    }

    private static async Task<IReadOnlyList<int>> SnapshotsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var years = await Sql.ScalarAsync<int[]>(connection, null,
            "SELECT coalesce(array_agg(snapshot::int ORDER BY snapshot), '{}') FROM landuse_snapshot", ct);
        return years;
    }

    private static async Task EnsureImportedAsync(NpgsqlConnection connection, int[] years, CancellationToken ct)
    {
        var imported = await SnapshotsAsync(connection, ct);
        var missing = years.Where(y => !imported.Contains(y)).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new StoreException($"Land-use snapshot {string.Join(" and ", missing)} is not imported "
                + (imported.Count == 0 ? "(none is): " : $"(imported: {string.Join(", ", imported)}): ")
                + "run 'gis import landuse FILE --snapshot YEAR' first.");
        }
    }
}
