using Microsoft.AspNetCore.Identity;

namespace Gis.Desktop.Api;

/// <summary>
/// Password hashes of the workstation's accounts: ASP.NET Core Identity's hasher (PBKDF2 with HMAC-SHA512, a random
/// salt per hash, the format versioned so a later default re-hashes on sign-in; ADR 0034). Here, not in
/// <c>Gis.Importers</c>, because Identity comes with the ASP.NET Core framework this project already uses;
/// <c>gis users</c> reaches it through <c>Gis.Cli -> Gis.Desktop</c>, and the store only keeps the text.
/// </summary>
public static class AccountPasswords
{
    /// <summary>Shortest password accepted: the hash slows guessing, the length makes it hopeless.</summary>
    public const int MinimumLength = 10;

    private static readonly PasswordHasher<string> Hasher = new();

    // A hash of nothing anyone can type, checked when the account does not exist, so the answer takes as long as for
    // a real account and does not tell which names exist.
    private static readonly string Decoy = Hasher.HashPassword("", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));

    /// <exception cref="ArgumentException">Shorter than <see cref="MinimumLength"/> or only spaces.</exception>
    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Trim().Length < MinimumLength)
            throw new ArgumentException($"the password is too short: use at least {MinimumLength} characters");
        return Hasher.HashPassword("", password);
    }

    /// <summary>True when <paramref name="password"/> is the one <paramref name="hash"/> was made from.</summary>
    /// <param name="hash">The stored hash; null checks against a decoy and answers false, in the same time.</param>
    public static bool Verify(string? hash, string password) =>
        Hasher.VerifyHashedPassword("", hash ?? Decoy, password ?? "") != PasswordVerificationResult.Failed && hash is not null;
}
