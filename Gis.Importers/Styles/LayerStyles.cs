using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Styles;

/// <summary>A QGIS style (QML) of one table's geometry column, as QGIS keeps it in <c>layer_styles</c>.</summary>
/// <param name="Table">Table or view in the store's schema.</param>
/// <param name="Name">The style's name in QGIS' style manager; a stored style of the same table and name is replaced.</param>
/// <param name="Qml">The QML document.</param>
/// <param name="IsDefault">QGIS applies it when the layer is opened (one default per table).</param>
public sealed record LayerStyle(string Table, string GeometryColumn, string Name, string Qml, bool IsDefault, string Description);

/// <summary>A stored style of one table, by its name.</summary>
public sealed record StoredStyle(string Table, string Name);

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
    /// default one takes the default from the table's other styles. Returns the styles of others (a user's, saved from
    /// QGIS) that were their table's default until now: still stored, no longer applied when the layer opens.
    /// </summary>
    public async Task<IReadOnlyList<StoredStyle>> SaveAsync(IReadOnlyList<LayerStyle> styles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(styles);
        var ours = styles.Select(s => (s.Table, s.Name)).ToHashSet();
        var displaced = new List<StoredStyle>();
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
                var was = await QueryAsync(connection, tx, """
                    UPDATE layer_styles SET useasdefault = false
                    WHERE f_table_catalog = current_database() AND f_table_schema = current_schema() AND f_table_name = $1
                      AND f_geometry_column = $2 AND useasdefault
                    RETURNING stylename
                    """, r => r.GetString(0), cancellationToken, style.Table, style.GeometryColumn);
                displaced.AddRange(was.Where(name => !ours.Contains((style.Table, name)))
                    .Select(name => new StoredStyle(style.Table, name)));
            }
            await Sql.ExecuteAsync(connection, tx, """
                INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, stylename, styleqml,
                                          useasdefault, description, type)
                VALUES (current_database(), current_schema(), $1, $2, $3, XMLPARSE(DOCUMENT $4), $5, $6, NULL)
                """, cancellationToken, style.Table, style.GeometryColumn, style.Name, style.Qml, style.IsDefault, style.Description);
        }
        await tx.CommitAsync(cancellationToken);
        return displaced;
    }

    /// <summary>
    /// Makes the stored styles named <paramref name="name"/> their tables' default again (the way back from
    /// <see cref="SaveAsync"/>), in one transaction; the tables' other styles stay stored, not default. Returns the styles
    /// made default, none when no style has that name.
    /// </summary>
    public async Task<IReadOnlyList<StoredStyle>> RestoreDefaultAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var restored = await QueryAsync(connection, tx, """
            UPDATE layer_styles s SET useasdefault = (s.stylename = $1)
            WHERE s.f_table_catalog = current_database() AND s.f_table_schema = current_schema()
              AND EXISTS (SELECT FROM layer_styles n
                          WHERE n.f_table_catalog = s.f_table_catalog AND n.f_table_schema = s.f_table_schema
                            AND n.f_table_name = s.f_table_name AND n.f_geometry_column = s.f_geometry_column AND n.stylename = $1)
            RETURNING s.f_table_name, s.stylename
            """, r => new StoredStyle(r.GetString(0), r.GetString(1)), cancellationToken, name);
        await tx.CommitAsync(cancellationToken);
        return [.. restored.Where(s => s.Name == name).OrderBy(s => s.Table, StringComparer.Ordinal)];
    }

    private static async Task<List<T>> QueryAsync<T>(NpgsqlConnection connection, NpgsqlTransaction tx, string sql,
        Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Sql.Command(connection, tx, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(read(reader));
        return rows;
    }
}
