using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gis.Importers.Accounts;

namespace Gis.Desktop.Api;

/// <summary>The per-process anti-forgery token the page receives from <c>GET /api/session</c>.</summary>
internal sealed class SessionTokens
{
    public string Csrf { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/',
        '_');

    /// <summary>Compares in constant time, so the token cannot be found byte by byte from answer times.</summary>
    public static bool Same(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}

/// <summary>
/// The one gate every request passes (ADR 0009, ADR 0034), in this order:
/// <list type="number">
/// <item>On loopback, the Host header must name a loopback host: a web page elsewhere that rebinds its own DNS name
/// to 127.0.0.1 is refused (421) and so can never read the anti-forgery token.</item>
/// <item>Who is asking (<see cref="DesktopUser"/>): the account of the session cookie; else the holder of the access
/// token (<c>Authorization: Bearer T</c> or the cookie set by opening <c>/?token=T</c> once), a viewer; else, when
/// accounts are on (<c>--accounts</c>, or any enabled account is stored), nobody: the page is sent to the sign-in
/// form and the API answers 401; with neither accounts nor a token (loopback), the person on their own machine.</item>
/// <item>The endpoint's least role (<see cref="AccountAccess"/>): 403 for less, and for an endpoint not in the table.</item>
/// <item>Every request other than GET/HEAD/OPTIONS carries the anti-forgery token in <c>X-Gis-Csrf</c> (the session's,
/// kept with it in the store; without a session the process's); otherwise 403.
/// Another site's page can send a form here but cannot read the token. The sign-in form cannot have it yet: a
/// browser's form from another site is refused by its Origin header instead.</item>
/// </list>
/// </summary>
internal sealed class DesktopSecurity(RequestDelegate next, DesktopOptions options, SessionTokens tokens, AccountSessions sessions,
    GisStore store, TimeProvider time)
{
    public const string CsrfHeader = "X-Gis-Csrf";
    public const string AccessCookie = "gis_access";

    // Once an account exists the workstation stays closed; until then the store is asked again every few seconds,
    // so the first `gis users add` closes a running workstation without a restart.
    private static readonly TimeSpan AccountsRecheck = TimeSpan.FromSeconds(5);
    private volatile bool _accounts = options.Accounts;
    private DateTimeOffset _accountsChecked = DateTimeOffset.MinValue;

    public async Task InvokeAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        // The sign-in form's POST must carry its Origin (SignInForm), which a browser replaces by "null" under no-referrer.
        response.Headers["Referrer-Policy"] = context.Request.Path == "/signin" ? "same-origin" : "no-referrer";
        response.Headers["X-Frame-Options"] = "DENY";
        // Scripts and data only from here; images may come from the online base map the user sets (any https server).
        response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
            "img-src 'self' data: blob: https:; connect-src 'self'; worker-src 'self' blob:; " +
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

        if (IPAddress.IsLoopback(options.Address) && options.AccessToken is null && options.Proxy is null
            && !IsLoopbackHost(context.Request.Host.Host))
        {
            await ApiErrors.Write(context, StatusCodes.Status421MisdirectedRequest,
                $"This workstation answers only to 127.0.0.1 or localhost, not '{context.Request.Host.Host}'.");
            return;
        }
        var endpoint = context.GetEndpoint();
        var (listed, least) = endpoint is null ? (true, AccountRole.Viewer) : AccountAccess.Of(endpoint);
        var user = await UserAsync(context);
        if (user is null && !(listed && least is null))
        {
            await RefuseAnonymousAsync(context);
            return;
        }
        if (!listed || (least is { } needed && user is not null && user.Role < needed))
        {
            await ApiErrors.Write(context, StatusCodes.Status403Forbidden, listed
                ? $"Refused: this needs the role {AccountRoles.ToText(least!.Value)}; {Who(user!)} is {AccountRoles.ToText(user!.Role)}."
                : $"Refused: no role is set for {AccountAccess.KeyOf(endpoint!) ?? context.Request.Path.ToString()} (AccountAccess).");
            return;
        }
        if (user is not null)
            context.Features.Set(user);
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && !HttpMethods.IsOptions(context.Request.Method) && !SignInForm(context)
            && !SessionTokens.Same(context.Request.Headers[CsrfHeader].FirstOrDefault(), user?.Csrf ?? tokens.Csrf))
        {
            await ApiErrors.Write(context, StatusCodes.Status403Forbidden,
                $"Refused: a request that changes data must carry the page's anti-forgery token in the {CsrfHeader} header " +
                "(reload the page to get one).");
            return;
        }
        await next(context);
    }

    private static string Who(DesktopUser user) => user.Name is { } name ? $"account '{name}'" : "the access token";

    /// <summary>The request's user, or null when it must sign in (or bring the token) first.</summary>
    private async Task<DesktopUser?> UserAsync(HttpContext context)
    {
        if (await sessions.ResumeAsync(context) is { } account)
            return account;
        if (options.AccessToken is { } access && HasToken(context.Request, access))
            return DesktopUser.Kiosk;
        return options.AccessToken is null && !await AccountsOnAsync(context.RequestAborted) ? DesktopUser.Owner : null;
    }

    private async Task<bool> AccountsOnAsync(CancellationToken ct)
    {
        if (_accounts || time.GetUtcNow() - _accountsChecked < AccountsRecheck)
            return _accounts;
        _accounts = await new AccountStore(store).AnyEnabledAsync(ct);
        _accountsChecked = time.GetUtcNow();
        return _accounts;
    }

    // A browser names the site a form came from: another site's is refused; none at all is not a browser's form.
    private static bool SignInForm(HttpContext context)
    {
        if (context.Request.Path != "/signin")
            return false;
        var origin = context.Request.Headers.Origin.FirstOrDefault();
        return origin is null || (Uri.TryCreate(origin, UriKind.Absolute, out var from)
            && string.Equals(from.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    private static bool HasToken(HttpRequest request, string access)
    {
        var bearer = request.Headers.Authorization.FirstOrDefault();
        return (bearer is not null && bearer.StartsWith("Bearer ", StringComparison.Ordinal) && SessionTokens.Same(bearer[7..], access))
            || SessionTokens.Same(request.Cookies[AccessCookie], access);
    }

    /// <summary>
    /// Without a session or the token: the page goes to the sign-in form (when accounts are on), opening the printed
    /// address <c>/?token=T</c> stores the token in a cookie and drops it from the address bar, anything else is 401.
    /// </summary>
    private async Task RefuseAnonymousAsync(HttpContext context)
    {
        var request = context.Request;
        if (options.AccessToken is { } access && HttpMethods.IsGet(request.Method) && request.Path == "/"
            && SessionTokens.Same(request.Query["token"].FirstOrDefault(), access))
        {
            context.Response.Cookies.Append(AccessCookie, access, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = request.IsHttps,
                Path = "/",
                IsEssential = true,
            });
            context.Response.Redirect("/");
            return;
        }
        var accounts = await AccountsOnAsync(context.RequestAborted);
        if (accounts && HttpMethods.IsGet(request.Method) && request.Path == "/")
        {
            context.Response.Redirect("/signin");
            return;
        }
        if (options.AccessToken is not null)
            context.Response.Headers.WWWAuthenticate = "Bearer";
        await ApiErrors.Write(context, StatusCodes.Status401Unauthorized, accounts
            ? "Sign in first: open /signin (the session may have expired)."
            : "This workstation needs its access token: open the address printed by 'gis desktop' (…/?token=...).");
    }
}
