using System.Net;
using System.Text.Json;
using Gis.Importers.Store;
using Gis.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gis.Desktop.Tests;

/// <summary>
/// The workstation across a restart of its database: health answers 503 with the reason while the database is down,
/// and the same running workstation answers again once it is back (on the same port), without a restart of its own.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class HealthTests(OwnCluster own) : IClassFixture<OwnCluster>
{
    [Fact]
    public async Task Health_DatabaseStoppedThenStarted_503WithReasonThenTheSameWorkstationAnswersAgain()
    {
        var connectionString = own.Cluster.Start();
        var port = own.Cluster.Status().Port;
        await using var store = await GisStore.OpenAsync(connectionString);
        await using var app = DesktopHost.Build(store, 0);
        await app.StartAsync();
        using var http = new HttpClient
        {
            BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()),
        };
        // A request that reads the store, so the pool holds connections to the server that is about to stop.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/catalog", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/health", UriKind.Relative))).StatusCode);

        // Restarted with connections to the old server in the pool: the first request after it already succeeds.
        own.Cluster.Stop();
        own.Cluster.Start();
        Assert.Equal(port, own.Cluster.Status().Port);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/catalog", UriKind.Relative))).StatusCode);

        own.Cluster.Stop();
        using var down = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        using (var json = JsonDocument.Parse(await down.Content.ReadAsStringAsync()))
        {
            Assert.StartsWith("the database is not available (", json.RootElement.GetProperty("error").GetString(),
                StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri("/api/catalog", UriKind.Relative))).StatusCode);

        own.Cluster.Start();
        using var up = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/health", UriKind.Relative)));
        Assert.Equal("ok", up.RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/catalog", UriKind.Relative))).StatusCode);
        await app.StopAsync();
    }
}
