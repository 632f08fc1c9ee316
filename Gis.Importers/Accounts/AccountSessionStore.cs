using Gis.Importers.Store;

namespace Gis.Importers.Accounts;

/// <summary>A live session's account as the store reads it at each request, and the session's anti-forgery token.</summary>
public sealed record StoredSession(string Name, string DisplayName, AccountRole Role, string Csrf);

/// <summary>
/// The workstation's signed-in sessions (<c>app_session</c>, ADR 0042): in the store, so a restart or another instance
/// of the workstation keeps people signed in. Keyed by a hash of the cookie's key made by the caller: the table alone
/// signs no one in. Each request reads its session with its account (one primary-key lookup), so a disabled account or
/// a new role counts at the next request, on every instance.
/// </summary>
public sealed class AccountSessionStore(GisStore store)
{
    /// <summary>How often a session's last request is written: idle expiry is this much coarse, not a write per tile.</summary>
    public static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <summary>Stores a new session; drops the sessions that have expired, so the table stays as small as the office.</summary>
    /// <param name="expiredBefore">Sessions last seen before it are dropped.</param>
    /// <param name="startedBefore">Sessions started before it are dropped.</param>
    public async Task StartAsync(byte[] keyHash, string account, string csrf, DateTimeOffset now, DateTimeOffset expiredBefore,
        DateTimeOffset startedBefore, CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await Sql.ExecuteAsync(connection, null, "DELETE FROM app_session WHERE last_seen_at < $1 OR created_at < $2", ct,
            expiredBefore, startedBefore);
        await Sql.ExecuteAsync(connection, null,
            "INSERT INTO app_session (token_hash, account, csrf, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)", ct,
            keyHash, account, csrf, now);
    }

    /// <summary>
    /// The session's account when the session exists, was seen after <paramref name="expiredBefore"/>, began after
    /// <paramref name="startedBefore"/> and its account is enabled; else null. Records the request at most every
    /// <see cref="TouchEvery"/>.
    /// </summary>
    public async Task<StoredSession?> ResumeAsync(byte[] keyHash, DateTimeOffset now, DateTimeOffset expiredBefore,
        DateTimeOffset startedBefore, CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        StoredSession session;
        DateTimeOffset lastSeen;
        await using (var command = Sql.Command(connection, null, """
            SELECT u.name, u.display_name, u.role, s.csrf, s.last_seen_at
            FROM app_session s JOIN app_user u ON u.name = s.account
            WHERE s.token_hash = $1 AND NOT u.disabled AND s.last_seen_at >= $2 AND s.created_at >= $3
            """, keyHash, expiredBefore, startedBefore))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
                return null;
            session = new StoredSession(reader.GetString(0), reader.GetString(1), AccountRoles.Parse(reader.GetString(2)),
                reader.GetString(3));
            lastSeen = reader.GetFieldValue<DateTimeOffset>(4);
        }
        if (now - lastSeen >= TouchEvery)
            await Sql.ExecuteAsync(connection, null, "UPDATE app_session SET last_seen_at = $2 WHERE token_hash = $1", ct, keyHash, now);
        return session;
    }

    /// <summary>Ends one session (sign-out).</summary>
    public async Task EndAsync(byte[] keyHash, CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await Sql.ExecuteAsync(connection, null, "DELETE FROM app_session WHERE token_hash = $1", ct, keyHash);
    }
}
