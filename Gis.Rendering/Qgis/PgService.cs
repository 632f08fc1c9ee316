using System.Globalization;
using System.Text;
using Gis.Importers.Store;
using Npgsql;

namespace Gis.Rendering.Qgis;

/// <summary>
/// A libpq connection service (<c>pg_service.conf</c>): QGIS layers name the service, so the project holds no host and
/// no password, and one file says where the store is. libpq reads it from <c>PGSERVICEFILE</c> or <c>~/.pg_service.conf</c>.
/// </summary>
/// <param name="PassFile">A libpq password file (<c>~/.pgpass</c> format) the service points to, or null: then libpq asks
/// <c>~/.pgpass</c> or the user (QGIS shows its login dialog).</param>
public sealed record PgService(string Name, string Host, int Port, string Database, string User, string? PassFile = null)
{
    /// <summary>The service that names the store of <paramref name="connectionString"/> (Npgsql syntax): its host, port,
    /// database and user; its password, if any, is left out.</summary>
    public static PgService Of(string name, string connectionString, string? passFile = null)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        return new PgService(name, connection.Host ?? "localhost", connection.Port, connection.Database ?? ManagedCluster.DatabaseName,
            connection.Username ?? Environment.UserName, passFile);
    }

    /// <summary>The layers' connection: <c>service='NAME'</c>.</summary>
    public string Connection => Quoted("service", Name);

    /// <summary>The service's section: its parameters, never a password.</summary>
    public string Section()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"[{Name}]\nhost={Host}\nport={Port}\ndbname={Database}\nuser={User}\n");
        if (PassFile is not null)
            text.Append(CultureInfo.InvariantCulture, $"passfile={PassFile}\n");
        return text.ToString();
    }

    /// <summary>A libpq connection parameter, its value quoted as libpq and QGIS read it.</summary>
    public static string Quoted(string key, string value) =>
        $"{key}='{value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", @"\'", StringComparison.Ordinal)}'";
}
