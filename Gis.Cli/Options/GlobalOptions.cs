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
    public static async Task<GisStore> OpenStoreAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var connectionString = parse.GetValue(Database);
        if (string.IsNullOrEmpty(connectionString))
            connectionString = Environment.GetEnvironmentVariable("GIS_DB");
        var privateCluster = string.IsNullOrEmpty(connectionString);
        if (privateCluster)
            connectionString = Cluster(parse).Start();
        Failures.UsingServer(connectionString!, privateCluster);
        var store = await GisStore.OpenAsync(connectionString!, cancellationToken);
        store.Notice = message => error.WriteLine("gis: " + message);
        return store;
    }

    /// <summary>The private cluster under the GIS home, telling the user on the command's error output what a start changed.</summary>
    public static ManagedCluster Cluster(ParseResult parse)
    {
        var error = parse.InvocationConfiguration.Error;
        return new ManagedCluster(ManagedCluster.DefaultGisHome()) { Notice = message => error.WriteLine("gis: " + message) };
    }
}
