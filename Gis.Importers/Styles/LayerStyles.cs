using Gis.Importers.Store;

namespace Gis.Importers.Styles;

/// <summary>A QGIS style (QML) of one table's geometry column, as QGIS keeps it in <c>layer_styles</c>.</summary>
/// <param name="Table">Table or view in the store's schema.</param>
/// <param name="Name">The style's name in QGIS' style manager; a stored style of the same table and name is replaced.</param>
/// <param name="Qml">The QML document.</param>
/// <param name="IsDefault">QGIS applies it when the layer is opened (one default per table).</param>
public sealed record LayerStyle(string Table, string GeometryColumn, string Name, string Qml, bool IsDefault, string Description);

/// <summary>
/// Writes styles into QGIS' own <c>layer_styles</c> table (migration 0024 creates it as QGIS does), so that a layer
/// added from QGIS' browser panel is drawn with its default style. Catalog and schema are the store's database and
/// current schema, the names QGIS looks the style up by; the geometry type is left empty, which QGIS' look-up accepts
/// whatever type the layer's source names (a style saved for 'Polygon' is not found by a layer of unknown type).
/// </summary>
public sealed class LayerStyles(GisStore store)
{
    /// <summary>
    /// Stores <paramref name="styles"/> in one transaction: each replaces the stored style of its table and name, and a
    /// default one takes the default from the table's other styles. Returns how many were written.
    /// </summary>
    public async Task<int> SaveAsync(IReadOnlyList<LayerStyle> styles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(styles);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var style in styles)
        {
            await Sql.ExecuteAsync(connection, tx, """
                DELETE FROM layer_styles
                WHERE f_table_catalog = current_database() AND f_table_schema = current_schema() AND f_table_name = $1
                  AND f_geometry_column = $2 AND stylename = $3
                """, cancellationToken, style.Table, style.GeometryColumn, style.Name);
            if (style.IsDefault)
            {
                await Sql.ExecuteAsync(connection, tx, """
                    UPDATE layer_styles SET useasdefault = false
                    WHERE f_table_catalog = current_database() AND f_table_schema = current_schema() AND f_table_name = $1
                      AND f_geometry_column = $2
                    """, cancellationToken, style.Table, style.GeometryColumn);
            }
            await Sql.ExecuteAsync(connection, tx, """
                INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, stylename, styleqml,
                                          useasdefault, description, type)
                VALUES (current_database(), current_schema(), $1, $2, $3, XMLPARSE(DOCUMENT $4), $5, $6, NULL)
                """, cancellationToken, style.Table, style.GeometryColumn, style.Name, style.Qml, style.IsDefault, style.Description);
        }
        await tx.CommitAsync(cancellationToken);
        return styles.Count;
    }
}
