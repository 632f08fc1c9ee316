using Gis.Importers.Store;
using NetTopologySuite.Geometries;

namespace Gis.Importers.Queries.AdminAreas;

/// <summary>A district boundary for drawing: WGS 84 (x = longitude, y = latitude), as stored.</summary>
public sealed record DistrictShape(string Code, string NameTh, string NameEn, MultiPolygon Boundary);

/// <summary>District boundaries to draw on a map, read in one go before drawing starts.</summary>
public sealed class DistrictShapes(GisStore store)
{
    /// <summary>
    /// Districts (level 4) of <paramref name="provinceCode"/>, or only <paramref name="districtCode"/> when given, in
    /// code order; geometry in <see cref="Gis.Core.Srid.Wgs84"/>. Empty when none are imported.
    /// </summary>
    public async Task<IReadOnlyList<DistrictShape>> DistrictsAsync(string provinceCode, string? districtCode,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT code, name_th, name_en, geom FROM admin_area
            WHERE level = 4 AND province_code = $1 AND ($2::text IS NULL OR code = $2)
            ORDER BY code
            """, provinceCode, districtCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var districts = new List<DistrictShape>();
        while (await reader.ReadAsync(cancellationToken))
            districts.Add(new DistrictShape(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<MultiPolygon>(3)));
        return districts;
    }

    /// <summary>
    /// The districts (level 4, of any province) around <paramref name="districtCode"/>, for the context of its own map:
    /// those within the district's bounding box grown on each side by the box's larger side, so whatever the page's
    /// shape shows around the district is filled; geometry in <see cref="Gis.Core.Srid.Wgs84"/>, code order.
    /// </summary>
    public async Task<IReadOnlyList<DistrictShape>> NeighboursAsync(string districtCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            WITH d AS (SELECT geom::box2d AS b FROM admin_area WHERE level = 4 AND code = $1)
            SELECT a.code, a.name_th, a.name_en, a.geom FROM admin_area a, d
            WHERE a.level = 4 AND a.code <> $1
              AND a.geom && ST_Expand(d.b, greatest(ST_XMax(d.b) - ST_XMin(d.b), ST_YMax(d.b) - ST_YMin(d.b)))
            ORDER BY a.code
            """, districtCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var districts = new List<DistrictShape>();
        while (await reader.ReadAsync(cancellationToken))
            districts.Add(new DistrictShape(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<MultiPolygon>(3)));
        return districts;
    }
}
