using System.Text.RegularExpressions;
using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Accounts;

/// <summary>
/// The workstation's accounts (<c>app_user</c>, ADR 0034). Stores password hashes made elsewhere (the store never
/// sees a password) and counts failed sign-ins per account, so a lock-out holds across restarts.
/// </summary>
public sealed partial class AccountStore(GisStore store)
{
    private const string Columns = "name, display_name, role, disabled, failed_attempts, locked_until, created_at, updated_at";

    /// <summary>Lower-case: the name typed at sign-in is compared as given, so one spelling per person.</summary>
    /// <exception cref="AccountException">Not 1-64 of a-z, 0-9, '.', '_', '-' starting with a letter or digit.</exception>
    public static string NormalizeName(string name)
    {
        var normal = (name ?? "").Trim().ToLowerInvariant();
        return NamePattern().IsMatch(normal) ? normal
            : throw new AccountException($"account name '{name}' is not 1-64 of a-z, 0-9, '.', '_', '-' (starting with a letter or digit)");
    }

    /// <summary>True when at least one account can sign in: the workstation then asks everyone to.</summary>
    public async Task<bool> AnyEnabledAsync(CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        return await Sql.ScalarAsync<bool>(connection, null, "SELECT EXISTS (SELECT 1 FROM app_user WHERE NOT disabled)", ct);
    }

    /// <exception cref="AccountException">The name is taken or invalid.</exception>
    public async Task AddAsync(string name, string displayName, AccountRole role, string passwordHash, CancellationToken ct = default)
    {
        name = NormalizeName(name);
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        try
        {
            await Sql.ExecuteAsync(connection, null,
                "INSERT INTO app_user (name, display_name, role, password_hash) VALUES ($1, $2, $3, $4)", ct,
                name, string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim(), AccountRoles.ToText(role), passwordHash);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new AccountException($"account '{name}' exists already (gis users reset-password or set-role change it)");
        }
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var command = Sql.Command(connection, null, $"SELECT {Columns} FROM app_user ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var accounts = new List<Account>();
        while (await reader.ReadAsync(ct))
            accounts.Add(Read(reader));
        return accounts;
    }

    /// <summary>The account and its password hash, or null when no account has that name.</summary>
    public async Task<(Account Account, string PasswordHash)?> FindAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var command = Sql.Command(connection, null, $"SELECT {Columns}, password_hash FROM app_user WHERE name = $1",
            name.Trim().ToLowerInvariant());
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (Read(reader), reader.GetString(8)) : null;
    }

    /// <summary>
    /// A new password; also lifts a lock-out and forgets the failed attempts. The account's sessions end: a password is
    /// reset because someone else may know the old one, and may be signed in with it.
    /// </summary>
    public Task SetPasswordAsync(string name, string passwordHash, CancellationToken ct = default) => UpdateAsync(name,
        "password_hash = $2, failed_attempts = 0, locked_until = NULL", passwordHash, keepsAdmin: true, ct, endSessions: true);

    /// <exception cref="AccountException">No such account, or it is the last admin who can sign in and would stop being one.</exception>
    public Task SetRoleAsync(string name, AccountRole role, CancellationToken ct = default) =>
        UpdateAsync(name, "role = $2", AccountRoles.ToText(role), keepsAdmin: role == AccountRole.Admin, ct);

    /// <summary>A disabled account cannot sign in, and its sessions end at once (enabling it again revives none).</summary>
    /// <exception cref="AccountException">No such account, or disabling it would leave no admin who can sign in.</exception>
    public Task SetDisabledAsync(string name, bool disabled, CancellationToken ct = default) =>
        UpdateAsync(name, "disabled = $2", disabled, keepsAdmin: !disabled, ct, endSessions: disabled);

    /// <summary>
    /// Counts one wrong password; the <paramref name="lockAfter"/>-th in a row locks the account for
    /// <paramref name="lockFor"/>. One statement, so attempts sent in parallel are all counted.
    /// </summary>
    /// <returns>The failures in a row and the lock, or null when no account has that name.</returns>
    public async Task<(int Failures, DateTimeOffset? LockedUntil)?> RecordFailureAsync(string name, int lockAfter, TimeSpan lockFor,
        CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var command = Sql.Command(connection, null, """
            UPDATE app_user SET failed_attempts = failed_attempts + 1,
                locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + $3 ELSE locked_until END
            WHERE name = $1 RETURNING failed_attempts, locked_until
            """, name.Trim().ToLowerInvariant(), lockAfter, lockFor);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1))
            : null;
    }

    /// <summary>A right password: the count of failures starts again.</summary>
    public async Task RecordSuccessAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await Sql.ExecuteAsync(connection, null,
            "UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE name = $1 AND failed_attempts > 0", ct, name);
    }

    /// <param name="keepsAdmin">False when the change may take the account's admin role away (demote, disable): then it
    /// is refused for the last enabled admin, so the office is never left without someone who can manage accounts.</param>
    /// <param name="endSessions">Also ends the account's sessions, in the same transaction.</param>
    private async Task UpdateAsync(string name, string set, object value, bool keepsAdmin, CancellationToken ct, bool endSessions = false)
    {
        name = NormalizeName(name);
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (!keepsAdmin)
        {
            // The enabled admins are locked: two admins demoting each other at once are taken one after the other, and
            // the second sees that the first is no longer an admin.
            var admins = new List<string>();
            await using (var command = Sql.Command(connection, tx,
                "SELECT name FROM app_user WHERE role = 'admin' AND NOT disabled ORDER BY name FOR UPDATE"))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                    admins.Add(reader.GetString(0));
            }
            if (admins is [var only] && only == name)
            {
                throw new AccountException($"account '{name}' is the last admin who can sign in: make another account admin first " +
                    "(gis users set-role NAME --role admin), so someone can still manage the accounts");
            }
        }
        // set is one of this class's constant assignments; the values go in as parameters.
        var updated = await Sql.ExecuteAsync(connection, tx, $"UPDATE app_user SET {set}, updated_at = now() WHERE name = $1", ct,
            name, value);
        if (updated == 0)
            throw new AccountException($"no account '{name}' (gis users list shows them)");
        if (endSessions)
            await Sql.ExecuteAsync(connection, tx, "DELETE FROM app_session WHERE account = $1", ct, name);
        await tx.CommitAsync(ct);
    }

    private static Account Read(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), AccountRoles.Parse(r.GetString(2)),
        r.GetBoolean(3), r.GetInt32(4), r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5), r.GetFieldValue<DateTimeOffset>(6),
        r.GetFieldValue<DateTimeOffset>(7));

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
