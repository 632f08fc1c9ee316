using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Gis.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gis.Desktop.Tests.Web;

/// <summary>The safe-by-default rules of the workstation, over plain HTTP against the shared host.</summary>
[Trait(Needs.Trait, Needs.PostGis)]
[Trait(Needs.Trait, Needs.Browser)]
[Collection(DesktopGroup.Name)]
public sealed class DesktopSecurityTests(DesktopFixture fixture)
{
    private static readonly object ExportBody =
        new { theme = "reduction", period = DesktopFixture.Season, format = "png", language = "th" };

    [Fact]
    public async Task MutatingRequest_WithoutAntiForgeryToken_403AndNothingMade()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        using var refused = await http.PostAsJsonAsync(new Uri("/api/export", UriKind.Relative), ExportBody);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("X-Gis-Csrf", await ErrorOf(refused), StringComparison.Ordinal);

        using var wrong = new HttpRequestMessage(HttpMethod.Post,
            new Uri("/api/export", UriKind.Relative))
        { Content = JsonContent.Create(ExportBody) };
        wrong.Headers.Add("X-Gis-Csrf", "guessed");
        using var refusedAgain = await http.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Forbidden, refusedAgain.StatusCode);

        // With the page's token the same request makes a PNG map through the renderer.
        using var session = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/session", UriKind.Relative)));
        using var ok = new HttpRequestMessage(HttpMethod.Post,
            new Uri("/api/export", UriKind.Relative))
        { Content = JsonContent.Create(ExportBody) };
        ok.Headers.Add("X-Gis-Csrf", session.RootElement.GetProperty("csrf").GetString());
        using var made = await http.SendAsync(ok);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var png = await made.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    [Theory]
    [InlineData("/../../../../etc/passwd")]
    [InlineData("/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/app.js/..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/web/index.html")]
    [InlineData("/Gis.Desktop.dll")]
    public async Task PathOutsideTheBundle_404(string path)
    {
        // Raw HTTP, so the path reaches the server exactly as written (HttpClient would normalise the dots).
        var (status, body) = await RawGetAsync(fixture.Address, path, fixture.Address.Authority);
        Assert.Equal(404, status);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForeignHostHeader_Refused()
    {
        // A page elsewhere whose DNS name is rebound to 127.0.0.1 sends its own name as Host.
        var (status, _) = await RawGetAsync(fixture.Address, "/api/session", "attacker.example");
        Assert.Equal(421, status);
    }

    [Fact]
    public async Task BadInput_400WithJsonMessage()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        using var period = await http.GetAsync(new Uri("/api/districts/metrics?period=season:99", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, period.StatusCode);
        Assert.Contains("Buddhist Era", await ErrorOf(period), StringComparison.Ordinal);
        using var tile = await http.GetAsync(new Uri("/api/tiles/hotspots/3/9/1.pbf?period=season:2569", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, tile.StatusCode);
        using var sensor = await http.GetAsync(new Uri("/api/tiles/hotspots/8/198/114.pbf?period=season:2569&instrument=GOES",
            UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, sensor.StatusCode);
        using var notNumber = await http.GetAsync(new Uri("/api/layers/landuse?snapshot=abc", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, notNumber.StatusCode);
        Assert.NotEmpty(await ErrorOf(notNumber));
    }

    [Fact]
    public void NonLoopbackListen_WithoutToken_Refused()
    {
        var e = Assert.Throws<ArgumentException>(() => DesktopHost.Build(fixture.Db.Store, new DesktopOptions(0, IPAddress.Any)));
        Assert.Contains("--token", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DesktopHost.Build(fixture.Db.Store, new DesktopOptions(0, IPAddress.Any, "short")));
    }

    [Fact]
    public async Task AccessToken_RequestsWithoutIt401_WithItServed()
    {
        // Token mode on the loopback address: the same gate as on a LAN address, tested without leaving the machine.
        const string Token = "a-long-enough-test-token";
        await using var app = DesktopHost.Build(fixture.Db.Store, new DesktopOptions(0, IPAddress.Loopback, Token));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = address };

        using var anonymous = await http.GetAsync(new Uri("/api/session", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var page = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);

        using var bearer = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/session", UriKind.Relative));
        bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(bearer)).StatusCode);

        // Opening the printed address sets the cookie and redirects to the bare page, which is then served.
        using var opened = await http.GetAsync(new Uri("/?token=" + Token, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        using var served = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        await app.StopAsync();
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString()!;
    }

    private static async Task<(int Status, string Body)> RawGetAsync(Uri address, string path, string host)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var status = int.Parse(text.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, text);
    }
}
