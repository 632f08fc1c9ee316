using System.Collections.Concurrent;
using System.Net;
using Gis.Importers.Accounts;
using Microsoft.Extensions.Logging;

namespace Gis.Desktop.Api;

/// <summary>The outcome of one sign-in attempt; <c>RetryAfter</c> is set when it was refused for a lock-out.</summary>
internal sealed record SignInOutcome(Account? Account, TimeSpan? RetryAfter);

/// <summary>
/// Checks a name and password against <c>app_user</c>, slowing and then locking out guessing (ADR 0034): per account
/// (counted in the store) and per client address (in memory, for names tried one after another). Each wrong answer
/// waits longer than the one before; attempts from one address are taken one at a time, so sending them in parallel
/// gains nothing; while locked, no password is checked at all. The log names the account and the address, never a
/// password.
/// </summary>
internal sealed class AccountSignIn(GisStore store, TimeProvider time, ILogger<AccountSignIn> logger)
{
    /// <summary>Wrong passwords in a row that lock an account.</summary>
    public const int LockAfter = 5;

    /// <summary>Wrong passwords from one address (any names) that lock the address.</summary>
    public const int AddressLockAfter = 20;

    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<IPAddress, Address> _addresses = new();

    /// <summary>The wait before answering the <paramref name="failures"/>-th wrong password in a row: 0, 0.2, 0.4, 0.8, 1.6 s.</summary>
    public static TimeSpan Delay(int failures) =>
        failures < 2 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(200 * (1 << Math.Min(failures - 2, 3)));

    public async Task<SignInOutcome> SignInAsync(string name, string password, IPAddress client, CancellationToken ct)
    {
        var address = _addresses.GetOrAdd(client, _ => new Address());
        await address.Turn.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            if (now - address.LastFailure > LockFor)
                address.Failures = 0;
            if (address.Failures >= AddressLockAfter)
                return new SignInOutcome(null, address.LastFailure + LockFor - now);
            var accounts = new AccountStore(store);
            var found = await accounts.FindAsync(name, ct);
            if (found is { Account.LockedUntil: { } until } && until > now)
                return new SignInOutcome(null, until - now);
            if (found is { Account.Disabled: false } ok && AccountPasswords.Verify(ok.PasswordHash, password))
            {
                await accounts.RecordSuccessAsync(ok.Account.Name, ct);
                return new SignInOutcome(ok.Account, null);
            }
            if (found is null)
                AccountPasswords.Verify(null, password);
            var counted = found is null ? null : await accounts.RecordFailureAsync(found.Value.Account.Name, LockAfter, LockFor, ct);
            address.Failures++;
            address.LastFailure = now;
            var failures = Math.Max(counted?.Failures ?? 0, address.Failures);
            logger.LogWarning("Sign-in refused: account '{Name}' from {Address}, {Failures} wrong in a row{Locked}",
                found?.Account.Name ?? "(no such account)", client, failures,
                counted?.LockedUntil is { } locked ? $"; locked until {locked:u}" : "");
            await Task.Delay(Delay(failures), time, ct);
            return counted?.LockedUntil is { } lockedUntil ? new SignInOutcome(null, lockedUntil - now)
                : address.Failures >= AddressLockAfter ? new SignInOutcome(null, LockFor) : new SignInOutcome(null, null);
        }
        finally
        {
            address.Turn.Release();
        }
    }

    private sealed class Address
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Failures { get; set; }

        public DateTimeOffset LastFailure { get; set; }
    }
}
