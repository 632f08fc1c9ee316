using System.Text.Json;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Fetch;

/// <summary>
/// A standard pull (<c>VIIRS_NOAA20_SP</c> with <c>--date</c>) replaces the NRT detections of its days inside its box,
/// also on a day its answer has none (ADR 8), and leaves those outside the box counted. Real snapshots, local server.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class FetchCoverageTests : IAsyncLifetime, IDisposable
{
    private static readonly string Snapshots = SharedData.PathOf("firms", "viirs-noaa20-nrt-2026");
    private static readonly string Districts = SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson");

    private const string InBox = """
        FROM hotspot h JOIN import_batch b ON b.id = $1
        WHERE h.is_nrt AND (h.acquired_utc AT TIME ZONE 'UTC')::date BETWEEN '2026-03-25' AND '2026-03-29'
            AND ST_Intersects(b.covered_area, h.geom)
        """;

    private readonly FakeFirmsServer _server = new(Snapshots, TimeSpan.FromSeconds(4));
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries", Districts)).ExitCode);
    }

    public void Dispose() => _server.Dispose();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<JsonElement> FetchAsync(string source, params string[] area)
    {
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString,
            ["fetch", "firms", "--map-key", FakeFirmsServer.Key, "--source", source,
            .. area, "--days", "5", "--date", "2026-03-25", "--base-url", _server.BaseUrl, "--json"]);
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task StandardPull_ReplacesNrtOfItsDaysInItsBox_EvenOnADayWithoutDetections()
    {
        await FetchAsync("VIIRS_NOAA20_NRT", "--area", "90,5,110,30");
        _server.StandardDropsDay = new DateOnly(2026, 3, 27);
        var sp = await FetchAsync("VIIRS_NOAA20_SP", "--province", "50");
        var batch = sp.GetProperty("batch_id").GetInt64();

        Assert.Equal("2026-03-25..2026-03-29",
            await _db.ScalarAsync<string>("SELECT covered_from || '..' || covered_to FROM import_batch WHERE id = $1", batch));
        var inBox = await _db.ScalarAsync<long>("SELECT count(*) " + InBox, batch);
        var on27 = await _db.ScalarAsync<long>("SELECT count(*) " + InBox
            + " AND (h.acquired_utc AT TIME ZONE 'UTC')::date = '2026-03-27'", batch);
        Assert.True(on27 > 0);
        Assert.Equal(0L, await _db.ScalarAsync<long>(
            "SELECT count(*) FROM hotspot WHERE NOT is_nrt AND (acquired_utc AT TIME ZONE 'UTC')::date = '2026-03-27'"));
        // Every NRT detection of the window in the box is replaced by the pull, the 27th's too; none outside it.
        Assert.Equal(inBox, sp.GetProperty("nrt").GetProperty("superseded").GetInt64());
        Assert.Equal(inBox, await _db.ScalarAsync<long>("SELECT count(*) " + InBox + " AND h.superseded_by_batch = b.id", batch));
        Assert.Equal(inBox, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot WHERE superseded_by_batch IS NOT NULL"));
        Assert.True(await _db.ScalarAsync<long>("""
            SELECT count(*) FROM hotspot_counted h JOIN import_batch b ON b.id = $1
            WHERE h.is_nrt AND NOT ST_Intersects(b.covered_area, h.geom)
            """, batch) > 0);
    }
}
