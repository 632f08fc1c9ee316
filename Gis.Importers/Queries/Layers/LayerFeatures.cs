using Gis.Importers.Store;

namespace Gis.Importers.Queries.Layers;

/// <summary>A feature for the workstation page: properties and its geometry as GeoJSON text (WGS 84) made by PostGIS.</summary>
public sealed record GeoJsonFeature(IReadOnlyDictionary<string, object?> Properties, string GeometryJson);

/// <summary>
/// The geometries of the map layers, as GeoJSON made by PostGIS (ST_AsGeoJSON, 6 decimals = 0.1 m) so a web page can
/// draw them as they are. Numbers of the targets do not come from here but from the target services.
/// </summary>
public sealed class LayerFeatures(GisStore store)
{
    private const int Decimals = 6;

    /// <summary>
    /// Districts (level 4) of the province, in code order: code, name_th, name_en, and a point surely inside
    /// (label_lon, label_lat) where the page puts the name.
    /// </summary>
    public Task<IReadOnlyList<GeoJsonFeature>> DistrictsAsync(string provinceCode, CancellationToken cancellationToken = default) =>
        FeaturesAsync("""
            SELECT ST_AsGeoJSON(geom, $2), code, name_th, name_en, ST_X(p), ST_Y(p)
            FROM (SELECT *, ST_PointOnSurface(geom) AS p FROM admin_area WHERE level = 4 AND province_code = $1) a ORDER BY code
            """, ["code", "name_th", "name_en", "label_lon", "label_lat"], cancellationToken, provinceCode, Decimals);

    /// <summary>
    /// The province outline: its stored polygon, else the outer rings of the union of its districts (district layers
    /// leave thin gaps between neighbours, which would draw as stray lines inside); empty when neither is stored.
    /// </summary>
    public Task<IReadOnlyList<GeoJsonFeature>> ProvinceAsync(string provinceCode, CancellationToken cancellationToken = default) =>
        FeaturesAsync("""
            SELECT ST_AsGeoJSON(g, $2), $1::text FROM (
              SELECT coalesce((SELECT geom FROM admin_area WHERE level = 2 AND code = $1),
                              (SELECT ST_Collect(ST_MakePolygon(ST_ExteriorRing(d.geom)))
                               FROM ST_Dump((SELECT ST_Union(geom) FROM admin_area WHERE level = 4 AND province_code = $1)) d)) AS g) x
            WHERE g IS NOT NULL
            """, ["code"], cancellationToken, provinceCode, Decimals);

    /// <summary>
    /// Parcels of one land-use snapshot with their class, in 5 decimals (about 1 m: enough on screen, half the bytes).
    /// </summary>
    public Task<IReadOnlyList<GeoJsonFeature>> LandUseAsync(int snapshot, CancellationToken cancellationToken = default) =>
        FeaturesAsync("""
            SELECT ST_AsGeoJSON(geom, 5), id, class_code, class_name_th, class_name_en, land_class, is_green
            FROM landuse_parcel WHERE snapshot = $1 ORDER BY id
            """, ["id", "class_code", "class_name_th", "class_name_en", "land_class", "is_green"], cancellationToken, (short)snapshot);

    /// <summary>Project areas (every year when <paramref name="fiscalYear"/> is null) with their project's names and kind.</summary>
    public Task<IReadOnlyList<GeoJsonFeature>> ProjectAreasAsync(int? fiscalYear, CancellationToken cancellationToken = default) =>
        FeaturesAsync("""
            SELECT ST_AsGeoJSON(a.geom, $2), a.id, a.project_code, p.name_th, p.name_en, p.target_kind, coalesce(a.year, p.fiscal_year),
                   a.area_rai, p.agency
            FROM project_area a JOIN plan_project p ON p.code = a.project_code
            WHERE $1::smallint IS NULL OR coalesce(a.year, p.fiscal_year) = $1
            ORDER BY a.id
            """, ["id", "project_code", "name_th", "name_en", "target_kind", "year", "area_rai", "agency"], cancellationToken,
            fiscalYear is { } y ? (short)y : null, Decimals);

    private async Task<IReadOnlyList<GeoJsonFeature>> FeaturesAsync(string sql, string[] names, CancellationToken cancellationToken,
        params object?[] parameters)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var features = new List<GeoJsonFeature>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var properties = new Dictionary<string, object?>(names.Length);
            for (var i = 0; i < names.Length; i++)
                properties[names[i]] = reader.IsDBNull(i + 1) ? null : reader.GetValue(i + 1);
            features.Add(new GeoJsonFeature(properties, reader.GetString(0)));
        }
        return features;
    }
}
