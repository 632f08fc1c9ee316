using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Gis.Desktop.Api;
using Gis.Importers.Accounts;
using Gis.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Gis.Desktop.Tests.Accounts;

/// <summary>
/// Accounts over plain HTTP: the role table covers every endpoint, forbidden requests change nothing, guessing is
/// slowed and locked.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class AccountsApiTests(ITestOutputHelper output) : IAsyncLifetime
{
    private AccountServer _server = null!;

    public async Task InitializeAsync() => _server = await AccountServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>
    /// Two planners, each signed in as their own account, change the same district's allocation from the same loaded
    /// table: one edit is saved, the other refused with 409 naming the first planner's account (ADR 0035 under 0034).
    /// </summary>
    [Fact]
    public async Task TwoPlannerAccounts_SameAllocationAtOnce_OneSavedOneConflictNamingTheOther()
    {
        using var niran = await _server.SignedInAsync("niran");
        using var ploy = await _server.SignedInAsync("ploy");
        var allocation = new Uri("/api/planner/allocation", UriKind.Relative);
        using (var made = await niran.PostAsJsonAsync(allocation, new { year = 2568, target_rai = 1000 }))
            Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        using var table = JsonDocument.Parse(await ploy.GetStringAsync(new Uri("/api/planner/allocation?year=2568", UriKind.Relative)));
        var version = table.RootElement.GetProperty("version").GetInt64();

        var district = new Uri("/api/planner/allocation/2568/5003", UriKind.Relative);
        using var first = await niran.PutAsJsonAsync(district, new { year = 2568, allocation_rai = 250, version });
        using var second = await ploy.PutAsJsonAsync(district, new { year = 2568, allocation_rai = 100, version });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (first.StatusCode, second.StatusCode));
        using var refused = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Contains("by niran", refused.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(250, await _server.Db.ScalarAsync<int>(
            "SELECT allocation_rai FROM district_allocation WHERE year = 2568 AND district_code = '5003'"));
        Assert.Equal("niran", await _server.Db.ScalarAsync<string>("SELECT string_agg(DISTINCT changed_by, ',') FROM planner_change"));
    }

    [Fact]
    public void EveryMappedEndpoint_HasALeastRole()
    {
        var keys = _server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.Select(AccountAccess.KeyOf).ToList();

        Assert.DoesNotContain(null, keys);
        Assert.Equal([], keys.Where(k => !AccountAccess.Table.ContainsKey(k!)));
        // And no line of the table names an endpoint that is gone.
        Assert.Equal([], AccountAccess.Table.Keys.Except(keys!));
        Assert.Equal(AccountAccess.Table.Count, keys.Count);
    }

    [Fact]
    public async Task NotSignedIn_PageGoesToSignIn_ApiAnswers401()
    {
        using var client = _server.Client();
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin", page.Headers.Location?.ToString());
        using var api = await client.GetAsync(new Uri("/api/districts/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        using var form = await client.GetAsync(new Uri("/signin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("รหัสผ่าน", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_CookieHttpOnlyStrict_SignOutEndsTheSession()
    {
        using var client = _server.Client();
        using var signedIn = await AccountServer.SignInAsync(client, "NIRAN", AccountServer.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        // Plain HTTP on loopback: not marked Secure, or the browser would never send it back.
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        var session = await client.GetFromJsonAsync<Dictionary<string, object>>(new Uri("/api/session", UriKind.Relative));
        Assert.Equal("planner", session!["role"].ToString());

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/signout", UriKind.Relative));
        request.Headers.Add(DesktopSecurity.CsrfHeader, session["csrf"].ToString());
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(request)).StatusCode);
        using var after = await client.GetAsync(new Uri("/api/session", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task ForbiddenChanges_403AndNothingWritten_PlannerAllowedAndNamedInTheHistory()
    {
        foreach (var name in new[] { "somchai", "malee" })
        {
            using var client = await _server.SignedInAsync(name);
            foreach (var (method, path, body) in Requests)
            {
                using var response = await client.SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
                {
                    Content = JsonContent.Create(body),
                });
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name} {method} {path}: {(int)response.StatusCode}");
            }
            // Reading stays open to them.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/planner/history", UriKind.Relative))).StatusCode);
        }
        Assert.Equal(0, await _server.Db.ScalarAsync<long>("SELECT count(*) FROM planner_change"));
        Assert.Equal(0, await _server.Db.ScalarAsync<long>("SELECT count(*) FROM district_allocation"));
        Assert.Equal(0, await _server.Db.ScalarAsync<long>("SELECT count(*) FROM project_area"));

        using var planner = await _server.SignedInAsync("niran");
        // The body names someone else: the account is who acted.
        using var made = await planner.PostAsJsonAsync(new Uri("/api/planner/allocation", UriKind.Relative),
            new { year = 2568, target_rai = 1000, user = "somchai" });
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Equal("niran", await _server.Db.ScalarAsync<string>("SELECT string_agg(DISTINCT changed_by, ',') FROM planner_change"));
        Assert.Equal(25, await _server.Db.ScalarAsync<long>("SELECT count(*) FROM district_allocation"));
    }

    private static readonly (HttpMethod Method, string Path, object Body)[] Requests =
    [
        (HttpMethod.Post, "/api/planner/allocation", new { year = 2568, target_rai = 1000 }),
        (HttpMethod.Put, "/api/planner/allocation/2568/5003", new { year = 2568, allocation_rai = 10 }),
        (HttpMethod.Post, "/api/planner/allocation/2568/5003/lock", new { year = 2568, locked = true }),
        (HttpMethod.Post, "/api/planner/allocation/2568/rebalance", new { year = 2568, target_rai = 900 }),
        (HttpMethod.Post, "/api/planner/areas", new { year = 2568, name = "x" }),
        (HttpMethod.Put, "/api/planner/areas/1", new { year = 2568, name = "x" }),
        (HttpMethod.Delete, "/api/planner/areas/1", new { }),
        (HttpMethod.Post, "/api/planner/history/1/undo", new { }),
    ];

    [Fact]
    public async Task FiftyWrongPasswords_SlowedThenLocked_RightPasswordRefusedWhileLocked_NoPasswordLogged()
    {
        using var client = _server.Client();
        var statuses = new List<int>();
        var clock = Stopwatch.StartNew();
        var firstFive = TimeSpan.Zero;
        for (var i = 0; i < 50; i++)
        {
            using var response = await AccountServer.SignInAsync(client, "niran", $"guess-number-{i:D2}-xyzzy");
            statuses.Add((int)response.StatusCode);
            if (i == AccountSignIn.LockAfter - 1)
                firstFive = clock.Elapsed;
        }
        var all = clock.Elapsed;
        output.WriteLine(FormattableString.Invariant(
            $"50 wrong passwords: first five {firstFive.TotalSeconds:F2} s, the 45 after them {(all - firstFive).TotalSeconds:F2} s"));

        // Four wrong answers, the fifth locks; then refused without a check.
        Assert.Equal([401, 401, 401, 401, 429], statuses.Take(5));
        Assert.All(statuses.Skip(5), s => Assert.Equal(429, s));
        // Waits 0 + 0.2 + 0.4 + 0.8 + 1.6 s before the five answers.
        Assert.True(firstFive >= TimeSpan.FromSeconds(2.9), $"first five took {firstFive.TotalSeconds:F2} s");
        Assert.True(all - firstFive < TimeSpan.FromSeconds(5), $"the 45 locked answers took {(all - firstFive).TotalSeconds:F2} s");
        using var right = await AccountServer.SignInAsync(client, "niran", AccountServer.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(await _server.Db.ScalarAsync<bool>(
            "SELECT locked_until > now() + interval '14 minutes' FROM app_user WHERE name = 'niran'"));
        Assert.Equal(5, await _server.Db.ScalarAsync<int>("SELECT failed_attempts FROM app_user WHERE name = 'niran'"));

        var log = _server.LogText;
        Assert.Contains("Sign-in refused: account 'niran'", log, StringComparison.Ordinal);
        Assert.DoesNotContain("guess-number", log, StringComparison.Ordinal);
        Assert.DoesNotContain(AccountServer.Password, log, StringComparison.Ordinal);

        // Another account from the same address is not locked by niran's lock.
        using var other = await AccountServer.SignInAsync(client, "malee", AccountServer.Password);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task DisabledAccount_SessionEndsAtOnce_AndCannotSignIn()
    {
        using var client = await _server.SignedInAsync("malee");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/catalog", UriKind.Relative))).StatusCode);
        await new AccountStore(_server.Db.Store).SetDisabledAsync("malee", true);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/catalog", UriKind.Relative))).StatusCode);
        Assert.Equal(0, await _server.Db.ScalarAsync<long>("SELECT count(*) FROM app_session WHERE account = 'malee'"));
        // Enabled again, the old session stays ended.
        await new AccountStore(_server.Db.Store).SetDisabledAsync("malee", false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/catalog", UriKind.Relative))).StatusCode);
        await new AccountStore(_server.Db.Store).SetDisabledAsync("malee", true);
        using var again = await AccountServer.SignInAsync(_server.Client(), "malee", AccountServer.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task ResetPassword_EndsTheSessions_TheNewPasswordSignsIn()
    {
        using var client = await _server.SignedInAsync("ploy");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/catalog", UriKind.Relative))).StatusCode);
        // Whoever knew the old password and signed in with it is out at once.
        await new AccountStore(_server.Db.Store).SetPasswordAsync("ploy", Gis.Desktop.Api.AccountPasswords.Hash("ใหม่ new 2569"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/catalog", UriKind.Relative))).StatusCode);
        Assert.Equal(0, await _server.Db.ScalarAsync<long>("SELECT count(*) FROM app_session WHERE account = 'ploy'"));
        using var old = await AccountServer.SignInAsync(_server.Client(), "ploy", AccountServer.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using var again = await AccountServer.SignInAsync(_server.Client(), "ploy", "ใหม่ new 2569");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    /// <summary>
    /// Sessions live in the store (ADR 0042): a workstation started again over the same store, and a second one beside
    /// it (two instances behind a load balancer), know the session and its anti-forgery token; the store keeps only a
    /// hash of the cookie's key; signing out on one ends it on the other; disabling the account ends it at once.
    /// </summary>
    [Fact]
    public async Task Restart_StillSignedIn_OnEveryInstance_SignOutAndDisableEndItAtOnce()
    {
        var first = await StartAsync();
        using var signIn = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = first };
        using var signedIn = await AccountServer.SignInAsync(signIn, "niran", AccountServer.Password);
        var key = Assert.Single(signedIn.Headers.GetValues("Set-Cookie")).Split(';')[0];
        var csrf = await CsrfAsync(first, key);
        // Stored: the key's SHA-256, never the key.
        Assert.Equal("niran", await _server.Db.ScalarAsync<string>(
            "SELECT string_agg(account, ',') FROM app_session WHERE token_hash = sha256(convert_to($1, 'UTF8')) AND csrf <> $1",
            key.Split('=', 2)[1]));

        await StopAsync(first);
        var restarted = await StartAsync();
        var beside = await StartAsync();

        // The same cookie after the restart: the same account and anti-forgery token, and a change is accepted with it.
        Assert.Equal(csrf, await CsrfAsync(restarted, key));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(restarted, key, csrf, HttpMethod.Post, "/api/planner/allocation",
            new { year = 2568, target_rai = 1000 })).StatusCode);
        Assert.Equal("niran", await _server.Db.ScalarAsync<string>("SELECT string_agg(DISTINCT changed_by, ',') FROM planner_change"));

        // Signed out on one instance: refused on the other at its next request.
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(beside, key, csrf, HttpMethod.Post, "/api/signout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(restarted, key, csrf, HttpMethod.Get, "/api/session", null)).StatusCode);

        // Signed in again, then the account is disabled: the next request is refused, with no wait.
        using var besideClient = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = beside,
        };
        using var again = await AccountServer.SignInAsync(besideClient, "niran", AccountServer.Password);
        var second = Assert.Single(again.Headers.GetValues("Set-Cookie")).Split(';')[0];
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(beside, second, null, HttpMethod.Get, "/api/session", null)).StatusCode);
        await new AccountStore(_server.Db.Store).SetDisabledAsync("niran", true);
        using var refused = await SendAsync(restarted, second, null, HttpMethod.Get, "/api/session", null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        await StopAsync(restarted);
        await StopAsync(beside);
    }

    private readonly Dictionary<Uri, Microsoft.AspNetCore.Builder.WebApplication> _hosts = [];

    /// <summary>Another workstation over the same store, on its own port.</summary>
    private async Task<Uri> StartAsync()
    {
        var app = DesktopHost.Build(_server.Db.Store, new DesktopOptions(Accounts: true));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        _hosts[address] = app;
        return address;
    }

    private async Task StopAsync(Uri address)
    {
        await _hosts[address].StopAsync();
        await _hosts[address].DisposeAsync();
        _hosts.Remove(address);
    }

    /// <summary>A request with the session cookie <paramref name="cookie"/> (name=value) and the anti-forgery header.</summary>
    private static async Task<HttpResponseMessage> SendAsync(Uri host, string cookie, string? csrf, HttpMethod method, string path,
        object? body)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host };
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        request.Headers.Add("Cookie", cookie);
        if (csrf is not null)
            request.Headers.Add(DesktopSecurity.CsrfHeader, csrf);
        return await client.SendAsync(request);
    }

    private static async Task<string> CsrfAsync(Uri host, string cookie)
    {
        using var response = await SendAsync(host, cookie, null, HttpMethod.Get, "/api/session", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var session = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("niran", session.RootElement.GetProperty("account").GetProperty("name").GetString());
        return session.RootElement.GetProperty("csrf").GetString()!;
    }

    [Fact]
    public async Task OverHttps_TheSessionCookieIsSecure()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await using var app = DesktopHost.Build(_server.Db.Store, new DesktopOptions(Accounts: true, Certificate: certificate));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        Assert.Equal("https", address.Scheme);
        using var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            // The test's own self-signed certificate.
            ServerCertificateCustomValidationCallback = (_, served, _, _) => served?.Thumbprint == certificate.Thumbprint,
        };
        using var client = new HttpClient(handler) { BaseAddress = address };

        using var signedIn = await AccountServer.SignInAsync(client, "malee", AccountServer.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("secure", Assert.Single(signedIn.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        await app.StopAsync();
    }

    [Fact]
    public async Task SignInForm_FromAnotherSite_Refused()
    {
        using var client = _server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/signin", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("name", "niran"), new("password", AccountServer.Password)]),
        };
        request.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
    }
}
