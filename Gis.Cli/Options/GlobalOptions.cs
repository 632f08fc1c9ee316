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
        var connectionString = ChosenServer(parse);
        var privateCluster = connectionString is null;
        if (privateCluster)
            connectionString = Cluster(parse).Start();
        Failures.UsingServer(connectionString!, privateCluster);
        var store = await GisStore.OpenAsync(connectionString!, cancellationToken);
        store.Notice = message => error.WriteLine("gis: " + message);
        return store;
    }

    /// <summary>The connection string of <c>--db</c>, else of <c>GIS_DB</c>; null: the private cluster.</summary>
    public static string? ChosenServer(ParseResult parse) =>
        parse.GetValue(Database) is { Length: > 0 } db ? db
        : Environment.GetEnvironmentVariable("GIS_DB") is { Length: > 0 } env ? env
        : null;

    /// <summary>The private cluster under the GIS home, telling the user on the command's error output what a start changed.</summary>
    public static ManagedCluster Cluster(ParseResult parse)
    {
        var error = parse.InvocationConfiguration.Error;
        return new ManagedCluster(ManagedCluster.DefaultGisHome()) { Notice = message => error.WriteLine("gis: " + message) };
    }
}
