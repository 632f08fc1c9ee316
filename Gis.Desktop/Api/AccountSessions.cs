using System.Collections.Concurrent;
using System.Security.Cryptography;
using Gis.Importers.Accounts;

namespace Gis.Desktop.Api;

/// <summary>
/// Who a request acts for, set by <see cref="DesktopSecurity"/>: a signed-in account, the holder of the access
/// token (a read-only kiosk), or the one person on their own machine (loopback without accounts).
/// </summary>
/// <param name="Name">The account's name; null for the token holder and for the person on their own machine.</param>
internal sealed record DesktopUser(string? Name, string? DisplayName, AccountRole Role)
{
    /// <summary>Loopback without accounts, as before accounts existed: everything, changes named after the OS user.</summary>
    public static readonly DesktopUser Owner = new(null, null, AccountRole.Admin);

    /// <summary>The access token without an account: maps, numbers and exports.</summary>
    public static readonly DesktopUser Kiosk = new(null, null, AccountRole.Viewer);

    /// <summary>The request's user; the owner when the gate set none (only in tests that skip the gate).</summary>
    public static DesktopUser Of(HttpContext context) => context.Features.Get<DesktopUser>() ?? Owner;
}

/// <summary>
/// Signed-in sessions, held in memory: the cookie carries a random key, nothing else; signing out or a restart ends
/// them. A session ends after <see cref="Idle"/> without a request and <see cref="Absolute"/> after sign-in, and at
/// the next request once its account is disabled or removed; a new role applies within <see cref="Recheck"/>.
/// </summary>
internal sealed class AccountSessions(GisStore store, TimeProvider time)
{
    public const string Cookie = "gis_session";
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(10);
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>Starts a session and sets its cookie (Secure when the request came over TLS, also through a proxy).</summary>
    public void Start(HttpContext context, Account account)
    {
        var now = time.GetUtcNow();
        // Expired sessions of people who never came back are dropped here, so the table stays as small as the office.
        foreach (var (stale, old) in _sessions)
        {
            if (old.Expired(now))
                _sessions.TryRemove(stale, out _);
        }
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _sessions[key] = new Session(new DesktopUser(account.Name, account.DisplayName, account.Role), now);
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
    public void End(HttpContext context)
    {
        if (context.Request.Cookies[Cookie] is { } key)
            _sessions.TryRemove(key, out _);
        context.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/", Secure = context.Request.IsHttps });
    }

    /// <summary>The account of the request's session, or null when it has none that is still valid.</summary>
    public async Task<DesktopUser?> ResumeAsync(HttpContext context)
    {
        if (context.Request.Cookies[Cookie] is not { } key || !_sessions.TryGetValue(key, out var session))
            return null;
        var now = time.GetUtcNow();
        if (session.Expired(now))
        {
            _sessions.TryRemove(key, out _);
            return null;
        }
        session.LastSeen = now;
        if (now - session.Checked > Recheck)
        {
            var found = await new AccountStore(store).FindAsync(session.User.Name!, context.RequestAborted);
            if (found is not { Account: { Disabled: false } account })
            {
                _sessions.TryRemove(key, out _);
                return null;
            }
            session.User = session.User with { Role = account.Role, DisplayName = account.DisplayName };
            session.Checked = now;
        }
        return session.User;
    }

    private sealed class Session(DesktopUser user, DateTimeOffset started)
    {
        public DesktopUser User { get; set; } = user;

        public DateTimeOffset Started { get; } = started;

        public DateTimeOffset LastSeen { get; set; } = started;

        public DateTimeOffset Checked { get; set; } = started;

        public bool Expired(DateTimeOffset now) => now - LastSeen > Idle || now - Started > Absolute;
    }
}
