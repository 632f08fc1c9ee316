using System.CommandLine;
using Gis.Importers.Store;

namespace Gis.Cli.Options;

/// <summary>The option of the whole command line, <c>--db</c>, and the store it selects.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Database = new("--db")
    {
        Description = "PostgreSQL/PostGIS connection string (else $GIS_DB, else the private cluster under $GIS_HOME)",
        Recursive = true,
    };

    /// <summary>
    /// Opens the store the user chose: <c>--db</c>, else <c>GIS_DB</c>, else the private managed cluster (started if needed).
    /// </summary>
    public static Task<GisStore> OpenStoreAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var connectionString = parse.GetValue(Database);
        if (string.IsNullOrEmpty(connectionString))
            connectionString = Environment.GetEnvironmentVariable("GIS_DB");
        if (string.IsNullOrEmpty(connectionString))
            connectionString = new ManagedCluster(ManagedCluster.DefaultGisHome()).Start();
        return GisStore.OpenAsync(connectionString, cancellationToken);
    }
}
