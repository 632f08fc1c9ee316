using Gis.Importers.Store;

namespace Gis.Cli;

/// <summary>
/// What the user reads when a command fails in a way no command caught: one line naming the server, file or port and
/// what to do, and an exit code. The whole exception goes to the log (<see cref="GisLog"/>), never to the console.
/// </summary>
internal static class Failures
{
    /// <summary>Exit code of a failure of gis itself (a defect): the user can only report it.</summary>
    public const int Internal = 1;

    // The server the running command opened (GlobalOptions.OpenStoreAsync), to name it when it fails; per command run,
    // since tests run several commands in one process at once.
    private static readonly AsyncLocal<StrongBox> Server = new();

    /// <summary>Starts a command run: no server named yet.</summary>
    public static void BeginRun() => Server.Value = new StrongBox();

    /// <summary>Notes the server the command uses, and how the user starts it when it is the private cluster.</summary>
    public static void UsingServer(string connectionString, bool privateCluster)
    {
        var where = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        Server.Value?.Set($"the PostGIS server at {where.Host}:{where.Port} (database {where.Database})",
            privateCluster ? "check it with 'gis db status', start it with 'gis db start'"
                : "check that it runs and that --db or GIS_DB names it");
    }

    /// <summary>Logs the failure and returns the line to show (without the "gis: " prefix) and the exit code.</summary>
    public static (string Message, int ExitCode) Describe(Exception e, string command)
    {
        var log = GisLog.Write($"gis {command} failed", e);
        var details = log is null ? "" : $" (details in {log})";
        var server = Server.Value;
        return e switch
        {
            OperationCanceledException =>
                ("cancelled; an import is stored whole or not at all: run it again to finish it", GisCommand.Refused),
            _ when StoreFailure.IsUnavailable(e) => (
                $"{server?.What ?? "the PostGIS server"} failed or went away ({FirstLine(e)}); nothing of an unfinished import "
                + $"was stored: {server?.Hint ?? "check that it runs"}, then run the command again{details}", GisCommand.Refused),
            Npgsql.PostgresException { SqlState: "28P01" or "28000" or "3D000" } => (
                $"{server?.What ?? "the PostGIS server"} refused the connection: {FirstLine(e)}; check --db or GIS_DB", GisCommand.Refused),
            IOException or UnauthorizedAccessException => ($"{FirstLine(e)}{details}", GisCommand.Refused),
            _ => ($"internal error: {e.GetType().Name}: {FirstLine(e)}; details in {log ?? "(the log could not be written)"}", Internal),
        };
    }

    private static string FirstLine(Exception e)
    {
        var message = e.Message.Trim();
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    private sealed class StrongBox
    {
        public string? What { get; private set; }

        public string? Hint { get; private set; }

        public void Set(string what, string hint) => (What, Hint) = (what, hint);
    }
}
