namespace Gis.Importers.Store;

/// <summary>A feature for the workstation page: properties and its geometry as GeoJSON text (WGS 84) made by PostGIS.</summary>
public sealed record GeoJsonFeature(IReadOnlyDictionary<string, object?> Properties, string GeometryJson);

/// <summary>
/// The geometries of the workstation's layers, as GeoJSON made by PostGIS (ST_AsGeoJSON, 6 decimals = 0.1 m) so
/// the page can draw them as they are. Numbers of the targets do not come from here but from the target services.
/// </summary>
public sealed class DesktopQueries(GisStore store)
{
    private const int Decimals = 6;

    /// <summary>Districts (level 4) of the province, in code order: code, name_th, name_en.</summary>
    public Task<IReadOnlyList<GeoJsonFeature>> DistrictsAsync(string provinceCode, CancellationToken cancellationToken = default) =>
        FeaturesAsync("""
            SELECT ST_AsGeoJSON(geom, $2), code, name_th, name_en FROM admin_area
            WHERE level = 4 AND province_code = $1 ORDER BY code
            """, ["code", "name_th", "name_en"], cancellationToken, provinceCode, Decimals);

    /// <summary>The province outline: its stored polygon, else the union of its districts; empty when neither is stored.</summary>
    public Task<IReadOnlyList<GeoJsonFeature>> ProvinceAsync(string provinceCode, CancellationToken cancellationToken = default) =>
        FeaturesAsync("""
            SELECT ST_AsGeoJSON(g, $2), $1::text FROM (
              SELECT coalesce((SELECT geom FROM admin_area WHERE level = 2 AND code = $1),
                              (SELECT ST_Union(geom) FROM admin_area WHERE level = 4 AND province_code = $1)) AS g) x
            WHERE g IS NOT NULL
            """, ["code"], cancellationToken, provinceCode, Decimals);

    private async Task<IReadOnlyList<GeoJsonFeature>> FeaturesAsync(string sql, string[] names, CancellationToken cancellationToken, params object?[] parameters)
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
