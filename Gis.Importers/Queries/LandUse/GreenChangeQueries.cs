using Gis.Core.LandUse;
using Gis.Core.Units;
using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Queries.LandUse;

/// <summary>Green-area change between two stored land-use snapshots, per district.</summary>
/// <remarks>
/// For each district, gain is the area of green(to) minus green(from), loss the reverse, both measured on the WGS 84
/// ellipsoid (<c>geography</c>). Green parcels are clipped to the district (a parcel the district covers is taken
/// whole, without an intersection) and dissolved per snapshot; a green parcel with an identical green parcel in the
/// other snapshot is left out of both sides (it cannot change either difference), which is most of a survey.
/// Dissolving first makes the figures right even if parcels of a snapshot overlapped, and districts meeting only
/// along a border share no area, so nothing is counted twice. Cost: one pass over the green parcels near each
/// district; the union and difference are GEOS work in O(vertices log vertices) per district.
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
        var (from, to) = ((short)fromYear, (short)toYear);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await EnsureImportedAsync(connection, [fromYear, toYear], cancellationToken);

        var districts = new List<GreenChange>();
        // Only green parcels without an identical green parcel in the other snapshot ("changed") can add to gain or
        // loss: a parcel equal to one of the other snapshot's green parcels lies inside that snapshot's green, so
        // green(to) - green(from) = changed(to) - green(from), and of green(from) only the parcels that intersect a
        // changed parcel ("touched") can take area away from it. Both sides are clipped to the district and dissolved
        // as before, so the result is the same as dissolving every green parcel (overlaps included), but unchanged
        // land (most of a survey) is neither clipped nor dissolved.
        await using (var command = Sql.Command(connection, null, """
            WITH changed AS (
                SELECT p.id, p.snapshot, p.geom FROM landuse_parcel p
                WHERE p.is_green AND p.snapshot IN ($1, $2)
                  AND NOT EXISTS (SELECT 1 FROM landuse_parcel q
                                  WHERE q.is_green AND q.snapshot = CASE p.snapshot WHEN $1 THEN $2 ELSE $1 END
                                    AND q.geom ~= p.geom AND q.geom = p.geom)),
            touched AS (
                SELECT DISTINCT c.snapshot AS side, q.id, q.geom
                FROM changed c
                JOIN landuse_parcel q ON q.is_green AND q.snapshot = CASE c.snapshot WHEN $1 THEN $2 ELSE $1 END
                                     AND ST_Intersects(q.geom, c.geom)),
            part AS (
                SELECT d.code, c.snapshot AS side, false AS cut,
                       ST_Union(CASE WHEN ST_Covers(d.geom, c.geom) THEN c.geom
                                     ELSE ST_CollectionExtract(ST_Intersection(d.geom, c.geom), 3) END) AS geom
                FROM changed c
                JOIN admin_area d ON d.level = 4 AND ($3::text IS NULL OR d.province_code = $3) AND ST_Intersects(d.geom, c.geom)
                GROUP BY 1, 2
                UNION ALL
                SELECT d.code, t.side, true,
                       ST_Union(CASE WHEN ST_Covers(d.geom, t.geom) THEN t.geom
                                     ELSE ST_CollectionExtract(ST_Intersection(d.geom, t.geom), 3) END)
                FROM touched t
                JOIN admin_area d ON d.level = 4 AND ($3::text IS NULL OR d.province_code = $3) AND ST_Intersects(d.geom, t.geom)
                GROUP BY 1, 2)
            SELECT d.code, d.name_th, d.name_en,
                   coalesce(ST_Area((CASE WHEN c2.geom IS NULL THEN a2.geom ELSE ST_Difference(a2.geom, c2.geom) END)::geography), 0),
                   coalesce(ST_Area((CASE WHEN c1.geom IS NULL THEN a1.geom ELSE ST_Difference(a1.geom, c1.geom) END)::geography), 0)
            FROM admin_area d
            LEFT JOIN part a2 ON a2.code = d.code AND a2.side = $2 AND NOT a2.cut
            LEFT JOIN part c2 ON c2.code = d.code AND c2.side = $2 AND c2.cut
            LEFT JOIN part a1 ON a1.code = d.code AND a1.side = $1 AND NOT a1.cut
            LEFT JOIN part c1 ON c1.code = d.code AND c1.side = $1 AND c1.cut
            WHERE d.level = 4 AND ($3::text IS NULL OR d.province_code = $3)
            ORDER BY d.code
            """, from, to, provinceCode))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                districts.Add(new GreenChange(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    Rai.FromSquareMetres(reader.GetDouble(3)), Rai.FromSquareMetres(reader.GetDouble(4))));
            }
        }

        // The parts of green parcels that no district (of any province) touches, dissolved per snapshot the same way.
        await using (var command = Sql.Command(connection, null, """
            WITH outside AS (
                SELECT p.snapshot,
                       ST_Union(coalesce(ST_CollectionExtract(ST_Difference(p.geom, (
                           SELECT ST_Union(a.geom) FROM admin_area a WHERE a.level = 4 AND ST_Intersects(a.geom, p.geom))), 3),
                           p.geom)) AS geom
                FROM landuse_parcel p
                WHERE p.is_green AND p.snapshot IN ($1, $2)
                  AND NOT EXISTS (SELECT 1 FROM admin_area a WHERE a.level = 4 AND ST_Covers(a.geom, p.geom))
                GROUP BY p.snapshot),
            o1 AS (SELECT geom FROM outside WHERE snapshot = $1),
            o2 AS (SELECT geom FROM outside WHERE snapshot = $2)
            SELECT coalesce(ST_Area((CASE WHEN o1.geom IS NULL THEN o2.geom ELSE ST_Difference(o2.geom, o1.geom) END)::geography), 0),
                   coalesce(ST_Area((CASE WHEN o2.geom IS NULL THEN o1.geom ELSE ST_Difference(o1.geom, o2.geom) END)::geography), 0)
            FROM (SELECT 1) one LEFT JOIN o1 ON true LEFT JOIN o2 ON true
            """, from, to))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            var outside = new GreenChange("", "", "", Rai.FromSquareMetres(reader.GetDouble(0)), Rai.FromSquareMetres(reader.GetDouble(1)));
            return new GreenChangeReport(fromYear, toYear, districts, outside);
        }
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
