using Gis.Importers.Accounts;

namespace Gis.Desktop.Api;

/// <summary>
/// <c>/api/health</c> (200 when the database answers a query, else 503 with the reason) and <c>/api/session</c>: what the
/// page needs before anything else, including who is signed in and what their role lets the page offer; and the
/// sign-in page and sign-out (<see cref="AccountEndpoints"/>).
/// </summary>
internal static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // A down database is ApiErrors' 503 with the reason.
        app.MapGet("/api/health", async (GisStore s, CancellationToken ct) =>
            Results.Ok(new { status = "ok", database = await s.PingAsync(ct) }));
        // Only this origin can read the answer (no CORS headers), so the anti-forgery token stays with the page.
        app.MapGet("/api/session", (SessionTokens tokens, DesktopOptions options, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var user = DesktopUser.Of(context);
            return Results.Ok(new
            {
                csrf = user.Csrf ?? tokens.Csrf,
                province = options.ProvinceCode,
                account = user.Name is { } name ? new { name, display_name = user.DisplayName } : null,
                role = AccountRoles.ToText(user.Role),
                // What the page offers; the server checks every request again (AccountAccess).
                can_plan = user.Role >= AccountRole.Planner,
            });
        });
        AccountEndpoints.Map(app);
    }
}
