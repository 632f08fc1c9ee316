using Npgsql;

namespace Gis.Importers.Tests.Firms;

/// <summary>
/// Import progress that, at its first report, terminates every other session of the database: the import's connection
/// dies mid-COPY as in a crash or a server restart. Reports arrive on the calling thread (unlike
/// <see cref="Progress{T}"/>), so the kill lands at a known point of the import.
/// </summary>
internal sealed class KillOnFirstProgress(string connectionString) : IProgress<long>
{
    public bool Killed { get; private set; }

    public void Report(long value)
    {
        if (Killed)
            return;
        Killed = true;
        using var admin = new NpgsqlConnection(connectionString);
        admin.Open();
        using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
        kill.ExecuteNonQuery();
    }
}
