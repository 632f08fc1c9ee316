using System.Security.Cryptography;
using System.Text;
using Gis.Importers.Accounts;

namespace Gis.Desktop.Api;

/// <summary>
/// Who a request acts for, set by <see cref="DesktopSecurity"/>: a signed-in account, the holder of the access
/// token (a read-only kiosk), or the one person on their own machine (loopback without accounts).
/// </summary>
/// <param name="Name">The account's name; null for the token holder and for the person on their own machine.</param>
/// <param name="Csrf">The session's anti-forgery token; null without a session (the process's token applies).</param>
internal sealed record DesktopUser(string? Name, string? DisplayName, AccountRole Role, string? Csrf = null)
{
    /// <summary>Loopback without accounts, as before accounts existed: everything, changes named after the OS user.</summary>
    public static readonly DesktopUser Owner = new(null, null, AccountRole.Admin);

    /// <summary>The access token without an account: maps, numbers and exports.</summary>
    public static readonly DesktopUser Kiosk = new(null, null, AccountRole.Viewer);

    /// <summary>The request's user; the owner when the gate set none (only in tests that skip the gate).</summary>
    public static DesktopUser Of(HttpContext context) => context.Features.Get<DesktopUser>() ?? Owner;
}

/// <summary>
/// Signed-in sessions, kept in the store (<see cref="AccountSessionStore"/>, ADR 0042), so a restart or another instance
/// of the workstation keeps people signed in: the cookie carries a random key, the store only its SHA-256. A session ends
/// after <see cref="Idle"/> without a request (counted to the minute), <see cref="Absolute"/> after sign-in, at sign-out,
/// and at once when its account is disabled; a new role counts from the next request.
/// </summary>
internal sealed class AccountSessions(GisStore store, TimeProvider time)
{
    public const string Cookie = "gis_session";
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(10);

    private readonly AccountSessionStore _sessions = new(store);

    /// <summary>Starts a session and sets its cookie (Secure when the request came over TLS, also through a proxy).</summary>
    public async Task StartAsync(HttpContext context, Account account)
    {
        var now = time.GetUtcNow();
        var key = RandomKey();
        await _sessions.StartAsync(Hash(key), account.Name, RandomKey(), now, now - Idle, now - Absolute, context.RequestAborted);
        context.Response.Cookies.Append(Cookie, key, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
    }

    /// <summary>Ends the request's session, if any, and clears its cookie.</summary>
    public async Task EndAsync(HttpContext context)
    {
        if (context.Request.Cookies[Cookie] is { } key)
            await _sessions.EndAsync(Hash(key), context.RequestAborted);
        context.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/", Secure = context.Request.IsHttps });
    }

    /// <summary>The account of the request's session, or null when it has none that is still valid.</summary>
    public async Task<DesktopUser?> ResumeAsync(HttpContext context)
    {
        if (context.Request.Cookies[Cookie] is not { Length: > 0 } key)
            return null;
        var now = time.GetUtcNow();
        return await _sessions.ResumeAsync(Hash(key), now, now - Idle, now - Absolute, context.RequestAborted) is { } session
            ? new DesktopUser(session.Name, session.DisplayName, session.Role, session.Csrf)
            : null;
    }

    private static string RandomKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
