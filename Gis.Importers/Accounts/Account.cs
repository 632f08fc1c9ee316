namespace Gis.Importers.Accounts;

/// <summary>A stored account as <c>gis users list</c> shows it; never carries the password hash.</summary>
/// <param name="FailedAttempts">Wrong passwords since the last sign-in.</param>
/// <param name="LockedUntil">Sign-in refused until then, whatever the password (null: not locked).</param>
public sealed record Account(string Name, string DisplayName, AccountRole Role, bool Disabled, int FailedAttempts,
    DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Refused: the account does not exist, exists already, or its name is not a valid account name.</summary>
public sealed class AccountException(string message) : Exception(message);
