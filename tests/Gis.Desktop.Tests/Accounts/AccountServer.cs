using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Gis.Desktop.Api;
using Gis.Importers.Accounts;
using Gis.Importers.Boundaries;
using Gis.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gis.Desktop.Tests.Accounts;

/// <summary>
/// The workstation with accounts on, over a fresh database with the 25 real Chiang Mai districts (HDX) and three
/// accounts: <c>somchai</c> (viewer), <c>malee</c> (officer), <c>niran</c> and <c>ploy</c> (planners), <c>anong</c>
/// (admin); everything the host logs is kept.
/// </summary>
public sealed class AccountServer : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    public static readonly (string Name, string Display, AccountRole Role)[] People =
    [
        ("somchai", "สมชาย ผู้ดู", AccountRole.Viewer),
        ("malee", "มาลี เจ้าหน้าที่", AccountRole.Officer),
        ("niran", "นิรันดร์ ผู้วางแผน", AccountRole.Planner),
        ("ploy", "พลอย ผู้วางแผน", AccountRole.Planner),
        ("anong", "อนงค์ ผู้ดูแล", AccountRole.Admin),
    ];

    private AccountServer(TestDatabase db, WebApplication app, Uri address, ConcurrentQueue<string> log) =>
        (Db, App, Address, _log) = (db, app, address, log);

    private readonly ConcurrentQueue<string> _log;

    public TestDatabase Db { get; }

    public WebApplication App { get; }

    public Uri Address { get; }

    /// <summary>Every line the host logged so far, at every level.</summary>
    public string LogText => string.Join('\n', _log);

    public static async Task<AccountServer> StartAsync()
    {
        var db = await PostGis.NewDatabaseAsync();
        var boundaries = BoundaryReader.Read(SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson"));
        await new BoundaryImporter(db.Store).ReplaceAsync(boundaries.Areas, "hdx");
        foreach (var (name, display, role) in People)
            await new AccountStore(db.Store).AddAsync(name, display, role, AccountPasswords.Hash(Password));
        var app = DesktopHost.Build(db.Store, new DesktopOptions(Accounts: true));
        var log = new ConcurrentQueue<string>();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(new Capture(log));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return new AccountServer(db, app, address, log);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, not signed in.</summary>
    public HttpClient Client() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        { BaseAddress = Address };

    /// <summary>Posts the sign-in form as a browser would (no Origin header: not a browser's cross-site form).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string name, string password)
    {
        using var form = new FormUrlEncodedContent([new("name", name), new("password", password)]);
        return await client.PostAsync(new Uri("/signin", UriKind.Relative), form);
    }

    /// <summary>A client signed in as <paramref name="name"/>, carrying the page's anti-forgery token.</summary>
    public async Task<HttpClient> SignedInAsync(string name)
    {
        var client = Client();
        using var signedIn = await SignInAsync(client, name, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var session = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/session", UriKind.Relative)));
        client.DefaultRequestHeaders.Add(DesktopSecurity.CsrfHeader, session.RootElement.GetProperty("csrf").GetString());
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Db.DisposeAsync();
    }

    private sealed class Capture(ConcurrentQueue<string> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, log);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter) =>
                log.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
