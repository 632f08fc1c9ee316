using System.Net;
using Gis.Importers.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gis.Desktop;

/// <summary>
/// The local map workstation's web host: ASP.NET Core on the loopback address only, serving from the PostGIS store.
/// For now it answers a health check; the map page and its API come with the desktop issue.
/// </summary>
public static class DesktopHost
{
    /// <summary>Builds the host on 127.0.0.1 (never another address); port 0 picks a free one.</summary>
    public static WebApplication Build(GisStore store, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddSingleton(store);
        var app = builder.Build();
        app.MapGet("/api/health", async (GisStore s, CancellationToken ct) =>
        {
            await using var connection = await s.DataSource.OpenConnectionAsync(ct);
            return Results.Ok(new { status = "ok", database = connection.Database });
        });
        return app;
    }
}
