using System.Net.Http.Json;
using System.Text.Json;
using Gis.Core.Plans;
using Gis.Importers.Boundaries;
using Gis.Importers.Projects;
using Gis.Importers.Store;
using Gis.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gis.Desktop.Tests.Planner;

/// <summary>
/// The workstation on a free loopback port over a fresh database holding the 25 real Chiang Mai districts (HDX) and a
/// green project G1 with one area in Mae Chaem, with an HTTP client that carries the session's anti-forgery token.
/// </summary>
public sealed class PlannerServer : IAsyncDisposable
{
    public const string MaeChaem = "5003";

    /// <summary>A 0.01° square inside Mae Chaem.</summary>
    public const string InMaeChaem = "POLYGON ((98.35 18.57, 98.36 18.57, 98.36 18.58, 98.35 18.58, 98.35 18.57))";

    private PlannerServer(TestDatabase db, WebApplication app, Uri address, string csrf)
    {
        (Db, App, Address, Csrf) = (db, app, address, csrf);
        Http = new HttpClient { BaseAddress = address };
        Http.DefaultRequestHeaders.Add("X-Gis-Csrf", csrf);
    }

    public TestDatabase Db { get; }

    public WebApplication App { get; }

    public Uri Address { get; }

    public string Csrf { get; }

    /// <summary>Sends the anti-forgery token with every request.</summary>
    public HttpClient Http { get; }

    public static async Task<PlannerServer> StartAsync()
    {
        var db = await PostGis.NewDatabaseAsync();
        var boundaries = BoundaryReader.Read(SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson"));
        await new BoundaryImporter(db.Store).ReplaceAsync(boundaries.Areas, "hdx");
        await AddProjectAsync(db.Store);
        var app = DesktopHost.Build(db.Store, 0);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        using var plain = new HttpClient { BaseAddress = address };
        using var session = JsonDocument.Parse(await plain.GetStringAsync(new Uri("/api/session", UriKind.Relative)));
        return new PlannerServer(db, app, address, session.RootElement.GetProperty("csrf").GetString()!);
    }

    /// <summary>The green project G1 with its one area, "plot 1", a 0.01° square in Mae Chaem (98.30..98.31 E, 18.60..18.61 N).</summary>
    public static Task AddProjectAsync(GisStore store) => new ProjectImporter(store).ReplaceAsync(new ProjectReadResult("fixture", 1,
        [new PlanProject("G1", "ปลูกป่าแม่แจ่ม", "Mae Chaem reforestation", "RFD", 2568, null, 4, TargetKind.GreenArea, 500, "rai", [])],
        [new ProjectArea("G1", 2568, "plot 1",
            Wkt.MultiPolygon("POLYGON ((98.30 18.60, 98.31 18.60, 98.31 18.61, 98.30 18.61, 98.30 18.60))"))], [], []), "fixture");

    /// <summary>The district's green-project rai of the year as the planner's allocation endpoint reports it.</summary>
    public async Task<double> GreenRaiAsync(string district, int year)
    {
        using var table = JsonDocument.Parse(await Http.GetStringAsync(new Uri($"/api/planner/allocation?year={year}", UriKind.Relative)));
        return table.RootElement.GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("code").GetString() == district).GetProperty("projects_rai").GetDouble();
    }

    /// <summary>The version of a stored area as the planner's area list gives it to the page.</summary>
    public async Task<long> AreaVersionAsync(long id, int year = 2568)
    {
        using var areas = JsonDocument.Parse(await Http.GetStringAsync(new Uri($"/api/planner/areas?year={year}", UriKind.Relative)));
        return areas.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"))
            .Single(p => p.GetProperty("id").GetInt64() == id).GetProperty("version").GetInt64();
    }

    /// <summary>The version of a year's allocation table as the planner's endpoint gives it to the page.</summary>
    public async Task<long> AllocationVersionAsync(int year)
    {
        using var table = JsonDocument.Parse(await Http.GetStringAsync(new Uri($"/api/planner/allocation?year={year}", UriKind.Relative)));
        return table.RootElement.GetProperty("version").GetInt64();
    }

    /// <summary>POSTs JSON and returns the status with the parsed answer.</summary>
    public async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method,
            new Uri(path, UriKind.Relative))
        { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await (client ?? Http).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>GeoJSON of a WKT polygon, as the page's OpenLayers writer would send it.</summary>
    public static JsonElement GeoJson(string wkt) =>
        JsonSerializer.SerializeToElement(new NetTopologySuite.IO.WKTReader().Read(wkt), GeoJsonOptions);

    private static readonly JsonSerializerOptions GeoJsonOptions =
        new() { Converters = { new NetTopologySuite.IO.Converters.GeoJsonConverterFactory() } };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Db.DisposeAsync();
    }
}

/// <summary>A test class with its own workstation over a fresh database (<see cref="PlannerServer"/>), started per test.</summary>
public abstract class PlannerServerTest : IAsyncLifetime
{
    protected PlannerServer Server { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Server = await PlannerServer.StartAsync();

    public virtual async Task DisposeAsync() => await Server.DisposeAsync();
}
