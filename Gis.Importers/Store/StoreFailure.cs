using System.Net.Sockets;
using Npgsql;

namespace Gis.Importers.Store;

/// <summary>Sorts database failures into those a user can act on (the server is away, full, or refuses) and the rest.</summary>
public static class StoreFailure
{
    /// <summary>
    /// The database cannot be reached or went away: connection refused or lost, server shutting down or starting up,
    /// out of disk or connections. Such a failure says nothing about the request that met it; a later one may succeed.
    /// </summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
                               || p.SqlState.StartsWith("53", StringComparison.Ordinal) // disk full, out of memory or connections
                               || p.SqlState.StartsWith("57P", StringComparison.Ordinal), // shutdown, crash, starting up
        NpgsqlException { InnerException: IOException or SocketException or TimeoutException or EndOfStreamException } => true,
        NpgsqlException n => n.IsTransient,
        StoreException or AggregateException => e.InnerException is { } inner && IsUnavailable(inner),
        _ => false,
    };
}
