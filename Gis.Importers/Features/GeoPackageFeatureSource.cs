using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Gis.Core.Spatial;
using Microsoft.Data.Sqlite;
using NetTopologySuite.IO;

namespace Gis.Importers.Features;

/// <summary>
/// OGC GeoPackage: one feature table (the named layer, else the first in <c>gpkg_contents</c>). The CRS comes from
/// <c>gpkg_spatial_ref_sys</c>: the project's own WKT for an EPSG code it knows, else the stored definition. Streams.
/// </summary>
internal sealed class GeoPackageFeatureSource : FeatureSource
{
    // GeoPackage reserves these two srs_id values for "undefined" (cartesian and geographic).
    private static readonly int[] UndefinedSrsIds = [-1, 0];

    private readonly SqliteConnection _connection;
    private readonly string _table;
    private readonly string _geometryColumn;

    public GeoPackageFeatureSource(string path, string? layer)
        : base(path, "GeoPackage")
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString();
        _connection = new SqliteConnection(connectionString);
        try
        {
            _connection.Open();
            (_table, _geometryColumn, var srsId) = ChooseLayer(layer);
            FieldNames = [.. ColumnNames().Where(n => !n.Equals(_geometryColumn, StringComparison.OrdinalIgnoreCase))];
            Crs = UndefinedSrsIds.Contains(srsId) ? null : SrsCrs(srsId);
        }
        catch (SqliteException e)
        {
            _connection.Dispose();
            throw Error(null, "cannot be read as a GeoPackage: " + e.Message, e);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public override IEnumerable<SourceFeature> Features()
    {
        var geometryReader = new GeoPackageGeoReader();
        using var command = SelectAll();
        using var rows = command.ExecuteReader();
        for (var number = 1; rows.Read(); number++)
        {
            var attributes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            NetTopologySuite.Geometries.Geometry? geometry = null;
            for (var i = 0; i < rows.FieldCount; i++)
            {
                var name = rows.GetName(i);
                if (!name.Equals(_geometryColumn, StringComparison.OrdinalIgnoreCase))
                    attributes[name] = rows.IsDBNull(i) ? null : Convert.ToString(rows.GetValue(i), CultureInfo.InvariantCulture);
                else if (!rows.IsDBNull(i))
                    geometry = ReadGeometry(geometryReader, rows.GetFieldValue<byte[]>(i), number);
            }

            yield return new SourceFeature(number, geometry, attributes);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _connection.Dispose();
        base.Dispose(disposing);
    }

    [SuppressMessage("Security", "CA2100",
        Justification = "SQLite cannot bind table names; the name comes from gpkg_contents and is quoted.")]
    private SqliteCommand SelectAll()
    {
        var command = _connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{_table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        return command;
    }

    private NetTopologySuite.Geometries.Geometry ReadGeometry(GeoPackageGeoReader reader, byte[] blob, int number)
    {
        try
        {
            return reader.Read(blob);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or ParseException)
        {
            throw Error(number, "geometry cannot be read: " + e.Message, e);
        }
    }

    private (string Table, string GeometryColumn, int SrsId) ChooseLayer(string? wanted)
    {
        var layers = new List<(string Table, string Column, int SrsId)>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText =
                """
                SELECT c.table_name, g.column_name, g.srs_id
                FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
                WHERE c.data_type = 'features' ORDER BY c.rowid
                """;
            using var rows = command.ExecuteReader();
            while (rows.Read())
                layers.Add((rows.GetString(0), rows.GetString(1), rows.GetInt32(2)));
        }

        if (layers.Count == 0)
            throw Error(null, "has no feature layer");
        if (wanted is null)
            return layers[0];
        foreach (var layer in layers)
        {
            if (layer.Table.Equals(wanted, StringComparison.OrdinalIgnoreCase))
                return layer;
        }

        throw Error(null, $"has no layer '{wanted}'; its layers are {string.Join(", ", layers.Select(l => l.Table))}");
    }

    private Reprojection SrsCrs(int srsId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = $id";
        command.Parameters.AddWithValue("$id", srsId);
        using var rows = command.ExecuteReader();
        if (!rows.Read())
            throw Error(null, $"names srs_id {srsId.ToString(CultureInfo.InvariantCulture)}, which gpkg_spatial_ref_sys does not define");
        var organization = rows.GetString(0);
        var code = rows.GetInt32(1);
        // The stored EPSG WKT of GDAL carries a latitude-first AXIS order and may lack TOWGS84: prefer our own.
        return organization.Equals("EPSG", StringComparison.OrdinalIgnoreCase) && Reprojection.KnownSrids.Contains(code)
            ? CrsFromSrid(code)
            : CrsFromWkt(rows.GetString(2));
    }

    private List<string> ColumnNames()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info($table)";
        command.Parameters.AddWithValue("$table", _table);
        using var rows = command.ExecuteReader();
        var names = new List<string>();
        while (rows.Read())
            names.Add(rows.GetString(0));
        return names;
    }
}
