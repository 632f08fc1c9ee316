using System.Text.Json;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Desktop.Tests.Planner;
using Gis.Importers.Firms;
using Gis.Importers.Targets;
using Gis.TestSupport;
using Npgsql;

namespace Gis.Desktop.Tests.Web;

/// <summary>
/// The district numbers are served from memory while the data version stays, and computed again when it moves
/// (ADR 0013). Checked against the target service run directly on the store.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class TargetCacheTests : PlannerServerTest
{
    /// <summary>VIIRS detections on 15 March 2026 (season 2569) inside Mae Chaem.</summary>
    private static FirmsInput Detections(string name, int count, int firstMinute) =>
        FirmsCsv.Detections(name, 18.575, 98.355, "2026-03-15", count, firstMinute);

    /// <summary>Mae Chaem's hotspot numbers on the page: count and baseline are null when no day of theirs is covered.</summary>
    private async Task<JsonElement> MaeChaemOnPageAsync(string query = "")
    {
        using var json = JsonDocument.Parse(await Server.Http.GetStringAsync(new Uri("/api/districts/metrics?period=season:2569" + query,
            UriKind.Relative)));
        return json.RootElement.GetProperty("districts").EnumerateArray()
            .Single(d => d.GetProperty("code").GetString() == PlannerServer.MaeChaem).GetProperty("hotspots").Clone();
    }

    private async Task<long?> MaeChaemCountOnPageAsync(string query = "") =>
        (await MaeChaemOnPageAsync(query)).GetProperty("count") is { ValueKind: JsonValueKind.Number } count ? count.GetInt64() : null;

    private async Task<long> MaeChaemCountComputedNowAsync()
    {
        var report = await new HotspotTargetService(Server.Db.Store).ComputeAsync(new HotspotTargetRequest(Period.Parse("season:2569"),
            new PreviousBaseline(1), "50", new HotspotFilter(), CountMode.Detections, new TargetSettings(), new DateOnly(2026, 11, 30)));
        return report.Districts.Single(d => d.Code == PlannerServer.MaeChaem).Count;
    }

    private async Task SetVersionTriggersAsync(bool enabled)
    {
        await using var connection = await Server.Db.Store.DataSource.OpenConnectionAsync();
        await using var command = enabled
            ? new NpgsqlCommand("ALTER TABLE hotspot ENABLE TRIGGER hotspot_changed;"
                + " ALTER TABLE import_batch ENABLE TRIGGER import_batch_changed;"
                + " ALTER TABLE data_coverage ENABLE TRIGGER data_coverage_changed", connection)
            : new NpgsqlCommand("ALTER TABLE hotspot DISABLE TRIGGER hotspot_changed;"
                + " ALTER TABLE import_batch DISABLE TRIGGER import_batch_changed;"
                + " ALTER TABLE data_coverage DISABLE TRIGGER data_coverage_changed", connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Metrics_CountTheChosenInstrument_AnUnknownOneIsRefusedNamingTheValidOnes()
    {
        await new FirmsImporter(Server.Db.Store).ImportAsync(Detections("a.csv", 3, 0), strict: true);

        Assert.Equal(3, await MaeChaemCountOnPageAsync());
        // No MODIS data is stored: no count, not 0.
        Assert.Null(await MaeChaemCountOnPageAsync("&instrument=MODIS"));
        Assert.Equal(3, await MaeChaemCountOnPageAsync("&instrument=all"));
        using var refused = await Server.Http.GetAsync(new Uri("/api/districts/metrics?period=season:2569&instrument=XYZ",
            UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("instrument 'XYZ' is not known; valid: VIIRS, MODIS, all.", await refused.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
        using var district = JsonDocument.Parse(await Server.Http.GetStringAsync(new Uri(
            $"/api/districts/{PlannerServer.MaeChaem}?period=season:2569&instrument=MODIS", UriKind.Relative)));
        // No MODIS day is stored: the season is "no data" for MODIS, not 0 (ADR 0015).
        Assert.Equal(JsonValueKind.Null, district.RootElement.GetProperty("trend").EnumerateArray().Last().GetProperty("count").ValueKind);
    }

    [Fact]
    public async Task Metrics_APeriodOrBaselineWithoutData_HasNoNumber_NotZero()
    {
        // Nothing stored: the season has no data, its count is no number at all.
        var empty = await MaeChaemOnPageAsync();
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("count").ValueKind);
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("baseline").ValueKind);

        // Detections of 15 March 2569 only: the season has data (3), the baseline season 2568 none.
        await new FirmsImporter(Server.Db.Store).ImportAsync(Detections("a.csv", 3, 0), strict: true);
        var row = await MaeChaemOnPageAsync();
        Assert.Equal(3, row.GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("baseline").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("change_pct").ValueKind);
        using var district = JsonDocument.Parse(await Server.Http.GetStringAsync(new Uri(
            $"/api/districts/{PlannerServer.MaeChaem}?period=season:2569", UriKind.Relative)));
        Assert.Equal(JsonValueKind.Null, district.RootElement.GetProperty("hotspots").GetProperty("baseline").ValueKind);
        Assert.Equal(3, district.RootElement.GetProperty("hotspots").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Metrics_AfterAnImport_ComputedAgain_WithoutAChange_ServedFromMemory()
    {
        Assert.Null(await MaeChaemCountOnPageAsync());

        // An import moves the version: the page shows the new detections at once.
        await new FirmsImporter(Server.Db.Store).ImportAsync(Detections("a.csv", 3, 0), strict: true);
        Assert.Equal(3, await MaeChaemCountOnPageAsync());
        Assert.Equal(3, await MaeChaemCountComputedNowAsync());

        // A change the version does not see (its triggers off) cannot reach the page: proof that the page's answer
        // comes from memory, not from a new computation, while the version stays.
        await SetVersionTriggersAsync(enabled: false);
        try
        {
            await new FirmsImporter(Server.Db.Store).ImportAsync(Detections("b.csv", 2, 10), strict: true);
        }
        finally
        {
            await SetVersionTriggersAsync(enabled: true);
        }
        Assert.Equal(5, await MaeChaemCountComputedNowAsync());
        Assert.Equal(3, await MaeChaemCountOnPageAsync());

        // The next counted change makes the cached answer stale: computed again, all 6 now.
        await new FirmsImporter(Server.Db.Store).ImportAsync(Detections("c.csv", 1, 20), strict: true);
        Assert.Equal(6, await MaeChaemCountOnPageAsync());
        var detailUri = new Uri($"/api/districts/{PlannerServer.MaeChaem}?period=season:2569", UriKind.Relative);
        using var detail = JsonDocument.Parse(await Server.Http.GetStringAsync(detailUri));
        Assert.Equal(6, detail.RootElement.GetProperty("trend").EnumerateArray().Last().GetProperty("count").GetInt64());
    }
}
