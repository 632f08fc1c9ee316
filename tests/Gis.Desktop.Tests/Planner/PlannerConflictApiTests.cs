using System.Globalization;
using System.Text.Json;
using Gis.TestSupport;

namespace Gis.Desktop.Tests.Planner;

/// <summary>
/// Saves based on a stale version, sent directly with the HTTP client (ADR 0035): refused with 409 naming the change
/// that came first, by whom, and its fields before and after; the stored row stays what the first save made it.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class PlannerConflictApiTests : PlannerServerTest
{
    private const string EastOfIt = "POLYGON ((98.37 18.57, 98.38 18.57, 98.38 18.58, 98.37 18.58, 98.37 18.57))";

    private static object Area(string wkt, string name, string user, long? version) => new
    {
        geometry = PlannerServer.GeoJson(wkt),
        year = 2568,
        name,
        project_code = "G1",
        user,
        version,
    };

    private Task<long> G1AreaAsync() => Server.Db.ScalarAsync<long>("SELECT id FROM project_area WHERE project_code = 'G1'");

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task AreaUpdate_OnAStaleVersion_Refused409NamingTheFirstSave_StoredRowIsTheFirstSave()
    {
        var id = await G1AreaAsync();
        var version = await Server.AreaVersionAsync(id);

        var (first, saved) = await Server.SendAsync(HttpMethod.Put, $"/api/planner/areas/{Id(id)}",
            Area(PlannerServer.InMaeChaem, "first", "somchai", version));
        var changes = await Server.Db.ScalarAsync<long>("SELECT count(*) FROM planner_change");
        var (second, refused) = await Server.SendAsync(HttpMethod.Put, $"/api/planner/areas/{Id(id)}",
            Area(EastOfIt, "second", "somsri", version));

        Assert.Equal((200, 409), (first, second));
        var savedVersion = saved.GetProperty("area").GetProperty("properties").GetProperty("version").GetInt64();
        Assert.True(savedVersion > version, $"{savedVersion} after {version}");
        var conflict = refused.GetProperty("conflict");
        Assert.Equal((version, savedVersion), (conflict.GetProperty("based_on_version").GetInt64(),
            conflict.GetProperty("current_version").GetInt64()));
        var change = conflict.GetProperty("changes").EnumerateArray().Single();
        Assert.Equal((saved.GetProperty("change_id").GetInt64(), "somchai", "update"),
            (change.GetProperty("id").GetInt64(), change.GetProperty("changed_by").GetString(), change.GetProperty("action").GetString()));
        var fields = change.GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("field").GetString()!,
                f => (f.GetProperty("before").GetString(), f.GetProperty("after").GetString()));
        Assert.Equal(("plot 1", "first"), fields["name"]);
        Assert.Equal(("fixture", "planner"), fields["source"]);
        Assert.Equal((null, null), fields["geom"]);
        var error = refused.GetProperty("error").GetString()!;
        Assert.Contains($"project area {Id(id)} was changed since you loaded it (you edited version {version}, now {savedVersion})", error,
            StringComparison.Ordinal);
        Assert.Contains($"change #{saved.GetProperty("change_id").GetInt64()} by somchai at ", error, StringComparison.Ordinal);
        Assert.Contains("name plot 1 -> first", error, StringComparison.Ordinal);
        // The stored row, by a plain query: the first save's name, polygon and version; no history entry for the refusal.
        Assert.Equal($"first/True/{savedVersion}", await Server.Db.ScalarAsync<string>("""
            SELECT name || '/' || CASE WHEN ST_Equals(geom, ST_GeomFromText($2, ST_SRID(geom))) THEN 'True' ELSE 'False' END
                   || '/' || version
            FROM project_area WHERE id = $1
            """, id, PlannerServer.InMaeChaem));
        Assert.Equal(changes, await Server.Db.ScalarAsync<long>("SELECT count(*) FROM planner_change"));
    }

    [Fact]
    public async Task AreaUpdateAndDelete_WithoutAVersion_Refused400_NothingStored()
    {
        var id = await G1AreaAsync();

        var (update, body) = await Server.SendAsync(HttpMethod.Put, $"/api/planner/areas/{Id(id)}",
            Area(PlannerServer.InMaeChaem, "first", "somchai", null));
        var (delete, _) = await Server.SendAsync(HttpMethod.Delete, $"/api/planner/areas/{Id(id)}?user=somchai", null);

        Assert.Equal((400, 400), (update, delete));
        Assert.StartsWith("version is required", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("plot 1", await Server.Db.ScalarAsync<string>("SELECT name FROM project_area WHERE id = $1", id));
    }

    [Fact]
    public async Task Delete_OfAnAreaSomeoneElseDeleted_Refused409NamingTheDelete_AndOfAStaleVersion_KeepsTheRow()
    {
        var id = await G1AreaAsync();
        var version = await Server.AreaVersionAsync(id);
        var (update, _) = await Server.SendAsync(HttpMethod.Put, $"/api/planner/areas/{Id(id)}",
            Area(PlannerServer.InMaeChaem, "first", "somchai", version));

        var (stale, staleBody) = await Server.SendAsync(HttpMethod.Delete, $"/api/planner/areas/{Id(id)}?user=somsri&version={version}",
            null);
        Assert.Equal((200, 409), (update, stale));
        Assert.Equal(1L, await Server.Db.ScalarAsync<long>("SELECT count(*) FROM project_area WHERE id = $1", id));
        Assert.Contains("by somchai", staleBody.GetProperty("error").GetString(), StringComparison.Ordinal);

        var current = await Server.AreaVersionAsync(id);
        var (deleted, _) = await Server.SendAsync(HttpMethod.Delete, $"/api/planner/areas/{Id(id)}?user=somchai&version={current}", null);
        var (again, gone) = await Server.SendAsync(HttpMethod.Delete, $"/api/planner/areas/{Id(id)}?user=somsri&version={current}", null);

        Assert.Equal((200, 409), (deleted, again));
        Assert.Contains("now deleted", gone.GetProperty("error").GetString(), StringComparison.Ordinal);
        var field = gone.GetProperty("conflict").GetProperty("changes")[0].GetProperty("fields")[0];
        Assert.Equal(("row", "stored", JsonValueKind.Null),
            (field.GetProperty("field").GetString(), field.GetProperty("before").GetString(), field.GetProperty("after").ValueKind));
    }

    [Fact]
    public async Task AllocationLock_OnAStaleTable_Refused409NamingTheSet_StoredTableIsTheSet()
    {
        Assert.Equal(200, (await Server.SendAsync(HttpMethod.Post, "/api/planner/allocation",
            new { year = 2568, target_rai = 1000, weight = "area", user = "somchai" })).Status);
        var version = await Server.AllocationVersionAsync(2568);
        var (set, _) = await Server.SendAsync(HttpMethod.Put, "/api/planner/allocation/2568/5003",
            new { allocation_rai = 300, user = "somchai", version });
        var table = await TableAsync();

        var (locked, refused) = await Server.SendAsync(HttpMethod.Post, "/api/planner/allocation/2568/5001/lock",
            new { locked = true, user = "somsri", version });

        Assert.Equal((200, 409), (set, locked));
        var change = refused.GetProperty("conflict").GetProperty("changes").EnumerateArray().Single();
        Assert.Equal(("somchai", "set"), (change.GetProperty("changed_by").GetString(), change.GetProperty("action").GetString()));
        var maeChaem = change.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "5003");
        Assert.Equal("300 locked", maeChaem.GetProperty("after").GetString());
        Assert.Contains("5003 ", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(table, await TableAsync());
        Assert.Contains("5003=300L", table, StringComparison.Ordinal);
        Assert.False(await Server.Db.ScalarAsync<bool>(
            "SELECT locked FROM district_allocation WHERE year = 2568 AND district_code = '5001'"));
    }

    [Fact]
    public async Task Undo_WithALaterEditByAnother_Refused409NamingIt()
    {
        var id = await G1AreaAsync();
        var (_, first) = await Server.SendAsync(HttpMethod.Put, $"/api/planner/areas/{Id(id)}",
            Area(PlannerServer.InMaeChaem, "first", "somchai", await Server.AreaVersionAsync(id)));
        var (_, second) = await Server.SendAsync(HttpMethod.Put, $"/api/planner/areas/{Id(id)}",
            Area(EastOfIt, "second", "somsri", await Server.AreaVersionAsync(id)));

        var (status, refused) = await Server.SendAsync(HttpMethod.Post,
            $"/api/planner/history/{first.GetProperty("change_id").GetInt64()}/undo", new { user = "somchai" });

        Assert.Equal(409, status);
        var change = refused.GetProperty("conflict").GetProperty("changes").EnumerateArray().Single();
        Assert.Equal((second.GetProperty("change_id").GetInt64(), "somsri"),
            (change.GetProperty("id").GetInt64(), change.GetProperty("changed_by").GetString()));
        Assert.Contains("name first -> second", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("second", await Server.Db.ScalarAsync<string>("SELECT name FROM project_area WHERE id = $1", id));
    }

    [Fact]
    public async Task History_FilteredOverHttp_ByPersonAndDistrict_AndABadDateRefused()
    {
        var id = await G1AreaAsync();
        await Server.SendAsync(HttpMethod.Put, $"/api/planner/areas/{Id(id)}",
            Area(PlannerServer.InMaeChaem, "first", "somchai", await Server.AreaVersionAsync(id)));
        await Server.SendAsync(HttpMethod.Post, "/api/planner/allocation", new { year = 2568, target_rai = 1000, user = "somsri" });

        using var somchai = JsonDocument.Parse(await Server.Http.GetStringAsync(new Uri("/api/planner/history?person=somchai",
            UriKind.Relative)));
        using var maeChaem = JsonDocument.Parse(await Server.Http.GetStringAsync(new Uri("/api/planner/history?district=5003&project=G1",
            UriKind.Relative)));
        var (bad, body) = await Server.SendAsync(HttpMethod.Get, "/api/planner/history?from=15.01.2026", null);

        Assert.Equal(["update"], somchai.RootElement.EnumerateArray().Select(c => c.GetProperty("action").GetString()));
        // The fixture's import (its area lies in Mae Chaem) and the update; the allocation is not of project G1.
        Assert.Equal(["update", "import"], maeChaem.RootElement.EnumerateArray().Select(c => c.GetProperty("action").GetString()));
        Assert.Equal(400, bad);
        Assert.Equal("from '15.01.2026' is not a date (yyyy-MM-dd)", body.GetProperty("error").GetString());
    }

    private Task<string> TableAsync() => Server.Db.ScalarAsync<string>("""
        SELECT string_agg(district_code || '=' || allocation_rai || (CASE WHEN locked THEN 'L' ELSE '' END), ',' ORDER BY district_code)
        FROM district_allocation WHERE year = 2568
        """);
}
