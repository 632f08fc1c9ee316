using System.CommandLine;
using Gis.Cli.Commands;
using Gis.Cli.Options;
using Gis.Importers.Firms;
using Gis.Importers.Store;

namespace Gis.Cli;

/// <summary>The <c>gis</c> command: its options and subcommands, and how errors become messages and exit codes.</summary>
public static class GisCommand
{
    /// <summary>Exit code when input or the store refused the work (usage errors exit 1, as System.CommandLine does).</summary>
    public const int Refused = 2;

    /// <summary>Runs the command line; writes to the given writers so tests can run it in process.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("""
            gis: fire hotspots and green-area targets of Thai provinces, per district, in PostGIS.
            Without --db or GIS_DB, a private PostGIS cluster under $GIS_HOME (default ~/.gis) is created and started on demand.
            """);
        root.Options.Add(GlobalOptions.Database);
        root.Subcommands.Add(DbCommands.Create());
        root.Subcommands.Add(ImportCommands.Create());
        root.Subcommands.Add(FetchCommand.Create());
        root.Subcommands.Add(FetchCommand.CreateWatch());
        root.Subcommands.Add(AlertsCommand.Create());
        root.Subcommands.Add(HotspotsCommand.Create());
        root.Subcommands.Add(CoverageCommand.Create());
        root.Subcommands.Add(TargetsCommand.Create());
        root.Subcommands.Add(AllocateCommand.Create());
        root.Subcommands.Add(ProjectsCommand.Create());
        root.Subcommands.Add(MapCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(QgisCommand.Create());
        root.Subcommands.Add(DesktopCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        Failures.BeginRun();
        try
        {
            var parse = root.Parse(args);
            // The watcher stops itself on SIGTERM and SIGINT, taking the time its rollback needs; the others are cancelled
            // and ended 2 s later by System.CommandLine.
            if (WatchCommand.StopsItself(parse))
                configuration.ProcessTerminationTimeout = null;
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception e) when (e is StoreException or FirmsFormatException or FirmsApiException
                                       or Importers.Features.FeatureFormatException or Importers.Projects.ProjectFormatException
                                       or FileNotFoundException or FormatException or InvalidDataException
                                       or Importers.Accounts.AccountException)
        {
            await error.WriteLineAsync("gis: " + e.Message);
            return Refused;
        }
        catch (Exception e)
        {
            // Never a stack trace on the console: one line, the rest in the log. Subcommand names only: an option
            // such as --db may hold a password.
            var (message, exitCode) = Failures.Describe(e, string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(3)));
            await error.WriteLineAsync("gis: " + message);
            return exitCode;
        }
    }
}
