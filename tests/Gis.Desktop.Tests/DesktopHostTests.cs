using System.Net;
using System.Text.Json;
using Gis.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gis.Desktop.Tests;

[Trait(Needs.Trait, Needs.PostGis)]
public class DesktopHostTests
{
    [Fact]
    public async Task Build_Started_ListensOnLoopbackOnlyAndReachesTheStore()
    {
        await using var db = await PostGis.NewDatabaseAsync();
        await using var app = DesktopHost.Build(db.Store, 0);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        Assert.Equal(IPAddress.Loopback.ToString(), address.Host);

        using var http = new HttpClient { BaseAddress = address };
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/health", UriKind.Relative)));
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("test_", json.RootElement.GetProperty("database").GetString(), StringComparison.Ordinal);
        await app.StopAsync();
    }
}
