using System.Net;
using System.Security.Cryptography;
using System.Text;

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
/// The one gate every request passes (ADR 0009), in this order:
/// <list type="number">
/// <item>On loopback, the Host header must name a loopback host: a web page elsewhere that rebinds its own DNS name
/// to 127.0.0.1 is refused (421) and so can never read the anti-forgery token.</item>
/// <item>With an access token (non-loopback listening), the request carries it as <c>Authorization: Bearer T</c> or
/// as the cookie set by opening <c>/?token=T</c> once; otherwise 401.</item>
/// <item>Every request other than GET/HEAD/OPTIONS carries the session's anti-forgery token in
/// <c>X-Gis-Csrf</c>; otherwise 403. Another site's page can send a form to 127.0.0.1 but cannot read the token.</item>
/// </list>
/// </summary>
internal sealed class DesktopSecurity(RequestDelegate next, DesktopOptions options, SessionTokens tokens)
{
    public const string CsrfHeader = "X-Gis-Csrf";
    public const string AccessCookie = "gis_access";

    public async Task InvokeAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Frame-Options"] = "DENY";
        // Scripts and data only from here; images may come from the online base map the user sets (any https server).
        response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
            "img-src 'self' data: blob: https:; connect-src 'self'; worker-src 'self' blob:; " +
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

        if (options.AccessToken is null && !IsLoopbackHost(context.Request.Host.Host))
        {
            await ApiErrors.Write(context, StatusCodes.Status421MisdirectedRequest,
                $"This workstation answers only to 127.0.0.1 or localhost, not '{context.Request.Host.Host}'.");
            return;
        }
        if (options.AccessToken is { } access && !await AuthorisedAsync(context, access))
            return;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && !HttpMethods.IsOptions(context.Request.Method)
            && !SessionTokens.Same(context.Request.Headers[CsrfHeader].FirstOrDefault(), tokens.Csrf))
        {
            await ApiErrors.Write(context, StatusCodes.Status403Forbidden,
                $"Refused: a request that changes data must carry the page's anti-forgery token in the {CsrfHeader} header " +
                "(reload the page to get one).");
            return;
        }
        await next(context);
    }

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>True when the request carries the access token; answers 401 (or sets the cookie and redirects) otherwise.</summary>
    private static async Task<bool> AuthorisedAsync(HttpContext context, string access)
    {
        var request = context.Request;
        var bearer = request.Headers.Authorization.FirstOrDefault();
        if (bearer is not null && bearer.StartsWith("Bearer ", StringComparison.Ordinal) && SessionTokens.Same(bearer[7..], access))
            return true;
        if (SessionTokens.Same(request.Cookies[AccessCookie], access))
            return true;
        // Opening the printed address /?token=T once stores the token in a cookie and drops it from the address bar.
        if (HttpMethods.IsGet(request.Method) && request.Path == "/" && SessionTokens.Same(request.Query["token"].FirstOrDefault(), access))
        {
            context.Response.Cookies.Append(AccessCookie, access,
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
            context.Response.Redirect("/");
            return false;
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await ApiErrors.Write(context, StatusCodes.Status401Unauthorized,
            "This workstation needs its access token: open the address printed by 'gis desktop' (…/?token=...).");
        return false;
    }
}
