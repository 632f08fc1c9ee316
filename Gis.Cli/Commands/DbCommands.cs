using System.CommandLine;
using Gis.Cli.Options;
using Gis.Importers.Store;

namespace Gis.Cli.Commands;

/// <summary><c>gis db status|start|stop</c>: the private managed PostGIS cluster.</summary>
internal static class DbCommands
{
    public static Command Create()
    {
        var db = new Command("db",
            "Manage the private PostGIS cluster under $GIS_HOME (default ~/.gis); not used when --db or GIS_DB is given");

        var status = new Command("status", "Say whether the private cluster exists and runs, and where");
        status.SetAction(parse =>
        {
            var cluster = new ManagedCluster(ManagedCluster.DefaultGisHome());
            var s = cluster.Status();
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(!s.Exists ? $"not created (would live in {s.DataDirectory})"
                : s.Running ? $"running on 127.0.0.1:{s.Port}, data in {s.DataDirectory}"
                : s.Problem is { } problem ? $"not running: {problem}; data in {s.DataDirectory}"
                : $"stopped, data in {s.DataDirectory}");
            return s.Running ? 0 : 3;
        });

        var start = new Command("start",
            "Create the private cluster if needed, start it, and make sure the gis database has PostGIS and the current schema");
        start.SetAction(async (parse, ct) =>
        {
            var cluster = GlobalOptions.Cluster(parse);
            var connectionString = cluster.Start();
            Failures.UsingServer(connectionString, privateCluster: true);
            await using (await GisStore.OpenAsync(connectionString, ct)) { }
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"running on 127.0.0.1:{cluster.Status().Port}, data in {cluster.DataDirectory}");
            return 0;
        });

        var stop = new Command("stop", "Stop the private cluster (its data stays)");
        stop.SetAction(parse =>
        {
            new ManagedCluster(ManagedCluster.DefaultGisHome()).Stop();
            parse.InvocationConfiguration.Output.WriteLine("stopped");
            return 0;
        });

        var libpq = new Option<bool>("--libpq")
        {
            Description = "As a libpq URI (psql, ogr2ogr, QGIS) instead of an Npgsql connection string",
        };
        var connection = new Command("connection",
            "Start the private cluster if needed and print how to connect to it (it holds the password: keep it private)") { libpq };
        connection.SetAction(parse =>
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(GlobalOptions.Cluster(parse).Start());
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(libpq)
                ? $"postgresql://{builder.Username}:{builder.Password}@{builder.Host}:{builder.Port}/{builder.Database}"
                : builder.ConnectionString);
            return 0;
        });

        db.Subcommands.Add(status);
        db.Subcommands.Add(connection);
        db.Subcommands.Add(start);
        db.Subcommands.Add(stop);
        return db;
    }
}
