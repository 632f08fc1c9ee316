using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Core.Time;
using Gis.Desktop.Api;
using Gis.Importers.Queries.Hotspots;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gis.Desktop;

/// <summary>How the workstation listens and whom it serves.</summary>
/// <param name="Port">TCP port; 0 picks a free one.</param>
/// <param name="Listen">Address to listen on; null is 127.0.0.1. Any other address needs accounts or an access token,
/// and TLS: a <paramref name="Certificate"/> or a <paramref name="Proxy"/> that terminates it.</param>
/// <param name="AccessToken">Token every request must carry (header, or a cookie set by opening <c>/?token=...</c>); its
/// holder is a viewer (a read-only kiosk); null on loopback.</param>
/// <param name="ProvinceCode">The province the page shows (DOPA code).</param>
/// <param name="Accounts">Everyone signs in, even before an account is stored (which turns this on by itself).</param>
/// <param name="Certificate">Serve HTTPS with this certificate (with its private key).</param>
/// <param name="Proxy">The address of a reverse proxy that terminates TLS: its X-Forwarded-For and X-Forwarded-Proto
/// are believed (from it alone), so lock-outs count the real client and cookies are marked Secure.</param>
public sealed record DesktopOptions(int Port = 0, IPAddress? Listen = null, string? AccessToken = null, string ProvinceCode = "50",
    bool Accounts = false, X509Certificate2? Certificate = null, IPAddress? Proxy = null)
{
    /// <summary>Shortest access token accepted: long enough that guessing over the network is hopeless.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>
    /// How many tiles are made at once (each one a query in the database); the others wait their turn. Default twice this
    /// machine's CPUs: a map opened or panned asks for tens of tiles at once, and as many queries side by side on a few
    /// cores made fewer tiles a second, not more (2 CPUs, 50 requests at a time: 4 makers 73-117 cold tiles/s, 50 makers
    /// 65-71/s; ADR 0047). Raise it when PostgreSQL runs on a larger machine than the workstation.
    /// </summary>
    public int TileMakers { get; init; } = 2 * Environment.ProcessorCount;

    /// <summary>The listening address actually used.</summary>
    public IPAddress Address => Listen ?? IPAddress.Loopback;

    /// <summary>
    /// Refuses a non-loopback address without accounts or a token, or without TLS, and a token too short to protect
    /// anything.
    /// </summary>
    /// <exception cref="ArgumentException">The options would expose the store unprotected.</exception>
    public void Validate()
    {
        if (!IPAddress.IsLoopback(Address) && string.IsNullOrEmpty(AccessToken) && !Accounts)
            throw new ArgumentException($"Listening on {Address} (not the loopback address) needs an access token " +
                $"(--token, at least {MinimumTokenLength} characters: a read-only kiosk) or accounts (--accounts; gis users add).");
        if (AccessToken is { Length: < MinimumTokenLength })
            throw new ArgumentException($"The access token is too short: use at least {MinimumTokenLength} characters.");
        if (!IPAddress.IsLoopback(Address) && Certificate is null && Proxy is null)
            throw new ArgumentException($"Listening on {Address} (not the loopback address) needs HTTPS, so passwords and tokens " +
                "never cross the network in clear: give --certificate FILE (.pfx, or .pem with --certificate-key), or " +
                "--behind-proxy ADDRESS for a reverse proxy that terminates TLS.");
        if (Port is < 0 or > 65535)
            throw new ArgumentException($"Port {Port} is not a TCP port (0-65535).");
        if (TileMakers < 1)
            throw new ArgumentException($"Tiles made at once: {TileMakers}; at least 1.");
    }
}

/// <summary>
/// The local map workstation's web host: ASP.NET Core serving the embedded page and its JSON/tile API from the
/// PostGIS store. Security (ADR 0009, ADR 0034): loopback by default; accounts with roles, or an access token, and TLS
/// for any other address; an anti-forgery token on every request that changes something.
/// </summary>
public static class DesktopHost
{
    /// <summary>Builds the host on 127.0.0.1; port 0 picks a free one.</summary>
    public static WebApplication Build(GisStore store, int port) => Build(store, new DesktopOptions(port));

    /// <exception cref="ArgumentException">See <see cref="DesktopOptions.Validate"/>.</exception>
    public static WebApplication Build(GisStore store, DesktopOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddProvider(new GisLogLoggerProvider(Console.Error));
        builder.WebHost.ConfigureKestrel(k => k.Listen(options.Address, options.Port, listen =>
        {
            if (options.Certificate is { } certificate)
                listen.UseHttps(certificate);
        }));
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new SessionTokens());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AccountSessions>();
        builder.Services.AddSingleton<AccountSignIn>();
        builder.Services.AddSingleton<TileCache>();
        builder.Services.AddSingleton<TargetComputations>();
        // Same field names as the CLI's JSON output (change_pct, ...), so the two read alike.
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        // Binding failures (a text where a number belongs) throw, so ApiErrors answers them as JSON like any other bad input.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        var app = builder.Build();
        if (options.Proxy is { } proxy)
        {
            var forwarded = new ForwardedHeadersOptions
            {
                ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            forwarded.KnownProxies.Add(proxy);
            app.UseForwardedHeaders(forwarded);
        }
        app.UseMiddleware<ApiErrors>();
        app.UseMiddleware<DesktopSecurity>();
        DesktopApi.MapAll(app);
        app.Lifetime.ApplicationStarted.Register(() => _ = WarmAsync(app));
        return app;
    }

    /// <summary>
    /// Prepares the page's first view in the background: the district numbers of the latest season (the slowest answer
    /// the page waits for), then its province-wide hotspot tiles. A failure only costs the warm start, so it is
    /// logged, not thrown.
    /// </summary>
    private static async Task WarmAsync(WebApplication app)
    {
        var services = app.Services;
        var store = services.GetRequiredService<GisStore>();
        var options = services.GetRequiredService<DesktopOptions>();
        var ct = app.Lifetime.ApplicationStopping;
        try
        {
            if (await new HotspotCounts(store).StoredDaysAsync(ct) is not var (_, last))
                return;
            // The page's first view: the season of the latest year with detections, against the previous one. Numbers
            // and tiles side by side: each is one database backend at a time, and the page waits for both.
            var season = Period.Season(ThaiCalendar.BuddhistYear(last));
            var numbers = services.GetRequiredService<TargetComputations>().ComputeAsync(store,
                new TargetViewRequest(options.ProvinceCode, season, new PreviousBaseline(1), new HotspotFilter()), ct);
            var tiles = TileWarmer.WarmAsync(store, options, services.GetRequiredService<TileCache>(), season, ct);
            await Task.WhenAll(numbers, tiles);
        }
        catch (OperationCanceledException)
        {
            // Stopped before it finished.
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or StoreException or ObjectDisposedException or ApiInputException)
        {
            app.Logger.LogWarning(e, "Preparing the first view failed");
        }
    }
}
