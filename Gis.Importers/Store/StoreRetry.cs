using Npgsql;

namespace Gis.Importers.Store;

/// <summary>
/// Runs a whole write transaction again when PostgreSQL chose it as the victim of a deadlock (40P01) or a
/// serialization failure (40001). The write locks (<see cref="WriteLock"/>) keep the store's own writers from
/// meeting like that; this is the safety net for a writer nobody thought of. A victim's transaction was rolled
/// back whole, so running it again stores everything exactly once.
/// </summary>
internal static class StoreRetry
{
    /// <summary>Tries after the first one; a transaction that loses three times in a row is given up, with a message.</summary>
    public const int MaxRetries = 2;

    /// <param name="what">What the transaction writes (a file name), for the messages.</param>
    /// <param name="transaction">One complete transaction, from opening a connection to the commit.</param>
    /// <exception cref="StoreException">It lost <see cref="MaxRetries"/> + 1 times; nothing of it is stored.</exception>
    public static async Task<T> RunAsync<T>(GisStore store, string what, Func<CancellationToken, Task<T>> transaction,
        CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await transaction(ct);
            }
            catch (PostgresException e) when (IsConflict(e))
            {
                if (attempt == MaxRetries)
                    throw new StoreException($"{what}: another writer of the store kept conflicting with it ({e.SqlState}, "
                        + $"{attempt + 1} tries); nothing of it was stored: run it again when the other command has finished", e);
                store.Notice?.Invoke($"{what}: conflicted with another writer ({e.SqlState}), rolled back; trying again "
                    + $"({attempt + 1} of {MaxRetries})");
            }
        }
    }

    private static bool IsConflict(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
}
