namespace Gis.Importers.Accounts;

/// <summary>
/// What an account may do, each role including the ones before it (ADR 0034): a viewer sees maps, numbers, exports
/// and OGC; an officer also imports and sets alert rules; a planner also edits project areas and the allocation and
/// undoes; an admin also manages accounts.
/// </summary>
public enum AccountRole
{
    Viewer,
    Officer,
    Planner,
    Admin,
}

/// <summary>The roles as stored and typed: lower-case English words.</summary>
public static class AccountRoles
{
    public static string ToText(AccountRole role) => role.ToString().ToLowerInvariant();

    /// <exception cref="FormatException">Not one of viewer, officer, planner, admin.</exception>
    public static AccountRole Parse(string text) =>
        Enum.TryParse<AccountRole>(text?.Trim(), ignoreCase: true, out var role) && Enum.IsDefined(role) && !int.TryParse(text, out _)
            ? role
            : throw new FormatException($"role '{text}' is not viewer, officer, planner or admin");
}
