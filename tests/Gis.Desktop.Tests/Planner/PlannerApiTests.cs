using System.Text.Json;
using Gis.TestSupport;

namespace Gis.Desktop.Tests.Planner;

[Trait(Needs.Trait, Needs.PostGis)]
public sealed class PlannerApiTests : IAsyncLifetime
{
    private PlannerServer _server = null!;

    public async Task InitializeAsync() => _server = await PlannerServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static object Area(string wkt, int year = 2568, string? name = "ปลูกป่าบ้าน <b>แม่แจ่ม</b>") => new
    {
        geometry = PlannerServer.GeoJson(wkt),
        year,
        name = "แปลง 1",
        new_project = new { name, agency = "สำนักงานป่าไม้" },
        kind = "green",
        user = "somchai",
    };

    private Task<long> CountAsync(string table) => _server.Db.ScalarAsync<long>(table switch
    {
        "project_area" => "SELECT count(*) FROM project_area",
        "plan_project" => "SELECT count(*) FROM plan_project",
        "district_allocation" => "SELECT count(*) FROM district_allocation",
        _ => "SELECT count(*) FROM planner_change",
    });

    private async Task<string> CountsAsync() =>
        $"{await CountAsync("project_area")}/{await CountAsync("plan_project")}/"
        + $"{await CountAsync("district_allocation")}/{await CountAsync("planner_change")}";

    [Fact]
    public async Task Post_WithoutTheAntiForgeryToken_Refused403_NothingStored()
    {
        var counts = await CountsAsync();
        using var bare = new HttpClient { BaseAddress = _server.Address };

        var (status, body) = await _server.SendAsync(HttpMethod.Post, "/api/planner/areas", Area(PlannerServer.InMaeChaem), bare);
        var (undoStatus, _) = await _server.SendAsync(HttpMethod.Post, "/api/planner/history/1/undo", new { }, bare);
        var (deleteStatus, _) = await _server.SendAsync(HttpMethod.Delete, "/api/planner/areas/1", null, bare);

        Assert.Equal((403, 403, 403), (status, undoStatus, deleteStatus));
        Assert.Contains("X-Gis-Csrf", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(counts, await CountsAsync());
    }

    [Fact]
    public async Task Post_BowTie_Refused400NamingTheSelfIntersection_NothingStored()
    {
        var counts = await CountsAsync();

        var (status, body) = await _server.SendAsync(HttpMethod.Post, "/api/planner/areas",
            Area("POLYGON ((98.35 18.57, 98.36 18.58, 98.36 18.57, 98.35 18.58, 98.35 18.57))"));

        Assert.Equal(400, status);
        Assert.Equal("the polygon is not valid: Self-intersection at 98.355 18.575", body.GetProperty("error").GetString());
        Assert.Equal(counts, await CountsAsync());
    }

    [Theory]
    [InlineData("outside",
        "{\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[100.5,13.75],[100.51,13.75],[100.51,13.76],[100.5,13.75]]]},"
        + "\"year\":2568,\"project_code\":\"G1\"}", "outside province 50")]
    [InlineData("not GeoJSON", "{\"geometry\":{\"type\":\"Polygon\",\"coordinates\":\"x\"},\"year\":2568,\"project_code\":\"G1\"}",
        "geometry is not a GeoJSON geometry")]
    [InlineData("year as text", "{\"geometry\":null,\"year\":\"soon\",\"project_code\":\"G1\"}", "")]
    [InlineData("no geometry", "{\"year\":2568,\"project_code\":\"G1\"}", "the polygon is missing")]
    [InlineData("bad kind", "{\"year\":2568,\"project_code\":\"G1\",\"kind\":\"blue\"}", "kind 'blue' is not green or hotspot")]
    public async Task Post_BadBodies_Refused400_NothingStored(string name, string json, string expected)
    {
        var counts = await CountsAsync();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await _server.Http.PostAsync(new Uri("/api/planner/areas", UriKind.Relative), content);

        Assert.True((int)response.StatusCode == 400, $"{name}: {(int)response.StatusCode}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(counts, await CountsAsync());
    }

    [Fact]
    public async Task CreateListUndo_OverHttp_GreenFigureFollows()
    {
        var before = await _server.GreenRaiAsync(PlannerServer.MaeChaem, 2568);
        var expected = await _server.Db.ScalarAsync<double>("SELECT ST_Area(ST_GeomFromText($1, 4326)::geography) / 1600",
            PlannerServer.InMaeChaem);

        var (status, created) = await _server.SendAsync(HttpMethod.Post, "/api/planner/areas", Area(PlannerServer.InMaeChaem));

        Assert.Equal(201, status);
        var area = created.GetProperty("area").GetProperty("properties");
        Assert.Equal(("PL2568-001", "ปลูกป่าบ้าน <b>แม่แจ่ม</b>", "5003"),
            (area.GetProperty("project_code").GetString(), area.GetProperty("project_name").GetString(),
                area.GetProperty("districts")[0].GetString()));
        Assert.Equal(before + expected, await _server.GreenRaiAsync(PlannerServer.MaeChaem, 2568), 1e-6);
        using (var listed = JsonDocument.Parse(await _server.Http.GetStringAsync(new Uri("/api/planner/areas?year=2568",
            UriKind.Relative))))
            Assert.Equal(2, listed.RootElement.GetProperty("features").GetArrayLength());
        using (var history = JsonDocument.Parse(await _server.Http.GetStringAsync(new Uri("/api/planner/history", UriKind.Relative))))
        {
            var change = history.RootElement[0];
            Assert.Equal(("somchai", "create", true),
                (change.GetProperty("changed_by").GetString(), change.GetProperty("action").GetString(),
                    change.GetProperty("can_undo").GetBoolean()));
            // The state after: the area row with its geometry as hex EWKB, the new project with its agency.
            var after = change.GetProperty("after");
            var row = after.GetProperty("area:"
                + area.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("PL2568-001", row.GetProperty("project_code").GetString());
            // Hex EWKB of a little-endian MultiPolygon with SRID 4326.
            Assert.StartsWith("0106000020e6100000", row.GetProperty("geom").GetString(), StringComparison.Ordinal);
            Assert.Equal("สำนักงานป่าไม้", after.GetProperty("project:PL2568-001").GetProperty("agency").GetString());
            Assert.Equal(JsonValueKind.Null, change.GetProperty("before").GetProperty("project:PL2568-001").ValueKind);
        }

        var changeId = created.GetProperty("change_id").GetInt64();
        var (undoStatus, _) = await _server.SendAsync(HttpMethod.Post, $"/api/planner/history/{changeId}/undo", new { user = "somsri" });
        var (againStatus, again) = await _server.SendAsync(HttpMethod.Post, $"/api/planner/history/{changeId}/undo",
            new { user = "somsri" });
        var (missingStatus, _) = await _server.SendAsync(HttpMethod.Post, "/api/planner/history/999/undo", new { });

        Assert.Equal((200, 409, 404), (undoStatus, againStatus, missingStatus));
        Assert.Contains("undone already", again.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await _server.GreenRaiAsync(PlannerServer.MaeChaem, 2568));
    }

    [Fact]
    public async Task Allocation_CreateSetLockRebalance_OverHttp_TotalKept()
    {
        Assert.Equal(200, (await _server.SendAsync(HttpMethod.Post, "/api/planner/allocation",
            new { year = 2568, target_rai = 1000, weight = "area" })).Status);
        Assert.Equal(200, (await _server.SendAsync(HttpMethod.Put, "/api/planner/allocation/2568/5003",
            new { allocation_rai = 300, version = await _server.AllocationVersionAsync(2568) })).Status);
        Assert.Equal(200, (await _server.SendAsync(HttpMethod.Post, "/api/planner/allocation/2568/5001/lock",
            new { locked = true, version = await _server.AllocationVersionAsync(2568) })).Status);
        Assert.Equal(200, (await _server.SendAsync(HttpMethod.Post, "/api/planner/allocation/2568/rebalance",
            new { target_rai = 1200, version = await _server.AllocationVersionAsync(2568) })).Status);
        var (tooMuch, error) = await _server.SendAsync(HttpMethod.Put, "/api/planner/allocation/2568/5003",
            new { allocation_rai = 5000, version = await _server.AllocationVersionAsync(2568) });

        Assert.Equal(400, tooMuch);
        Assert.Contains("more than the target of 1200 rai", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1200L, await _server.Db.ScalarAsync<long>("SELECT sum(allocation_rai) FROM district_allocation WHERE year = 2568"));
        Assert.Equal(300, await _server.Db.ScalarAsync<int>(
            "SELECT allocation_rai FROM district_allocation WHERE year = 2568 AND district_code = '5003'"));
        Assert.Equal(Environment.UserName,
            await _server.Db.ScalarAsync<string>("SELECT changed_by FROM planner_change ORDER BY id DESC LIMIT 1"));
    }
}
