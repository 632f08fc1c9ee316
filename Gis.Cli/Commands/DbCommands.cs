using System.CommandLine;
using System.Globalization;
using Gis.Cli.Options;
using Gis.Importers.Store;

namespace Gis.Cli.Commands;

/// <summary>
/// <c>gis db status|start|stop|connection</c>: the private managed PostGIS cluster; <c>gis db detach-year|attach-year</c>:
/// the yearly tables of the store it uses.
/// </summary>
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
            // The port from the connection string: asking the cluster's status again would cost another connection.
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"running on 127.0.0.1:{new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Port}, data in {cluster.DataDirectory}");
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
        db.Subcommands.Add(YearCommand("detach-year",
            "Take a stored year of FIRMS detections out of every count: its table stays in the database; its daily counts "
            + "and its days' FIRMS coverage leave with it (ADR 0022)",
            HotspotYears.DetachAsync, (year, rows) => string.Create(CultureInfo.InvariantCulture,
                $"detached {year}: {rows:N0} detections out of every count, kept in table hotspot_y{year}; its daily counts "
                + $"and FIRMS coverage removed ('gis db attach-year {year}' brings them back)")));
        db.Subcommands.Add(YearCommand("attach-year",
            "Put a detached year back: its detections counted again and its coverage restored",
            HotspotYears.AttachAsync, (year, rows) => string.Create(CultureInfo.InvariantCulture,
                $"attached {year}: {rows:N0} detections counted again, with their daily counts and FIRMS coverage")));
        return db;
    }

    private static Command YearCommand(string name, string description, Func<GisStore, int, CancellationToken, Task<long>> act,
        Func<int, long, string> said)
    {
        var year = new Argument<int>("YEAR") { Description = "Calendar year (CE) of the detections' Bangkok local days, e.g. 2019" };
        var command = new Command(name, description) { year };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var rows = await act(store, parse.GetValue(year), ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(said(parse.GetValue(year), rows));
            return 0;
        });
        return command;
    }
}
