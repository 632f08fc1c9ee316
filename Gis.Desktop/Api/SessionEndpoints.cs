


namespace Gis.Desktop.Api;

/// <summary>
/// <c>/api/health</c> (200 when the database answers a query, else 503 with the reason) and <c>/api/session</c>: what the
/// page needs before anything else.
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
            return Results.Ok(new { csrf = tokens.Csrf, province = options.ProvinceCode });
        });
    }
}
