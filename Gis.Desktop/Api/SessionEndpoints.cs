


namespace Gis.Desktop.Api;

/// <summary><c>/api/health</c> and <c>/api/session</c>: what the page needs before anything else.</summary>
internal static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", async (GisStore s, CancellationToken ct) =>
        {
            await using var connection = await s.DataSource.OpenConnectionAsync(ct);
            return Results.Ok(new { status = "ok", database = connection.Database });
        });
        // Only this origin can read the answer (no CORS headers), so the anti-forgery token stays with the page.
        app.MapGet("/api/session", (SessionTokens tokens, DesktopOptions options, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new { csrf = tokens.Csrf, province = options.ProvinceCode });
        });
    }
}
