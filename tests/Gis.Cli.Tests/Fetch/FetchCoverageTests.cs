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

    private async Task<JsonElement> FetchAsync(string source, params string[] area) =>
        (await FetchWindowAsync(source, "2026-03-25", area)).Json;

    private async Task<(JsonElement Json, string Error)> FetchWindowAsync(string source, string date, params string[] area)
    {
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString,
            ["fetch", "firms", "--map-key", FakeFirmsServer.Key, "--source", source,
            .. area, "--days", "5", "--date", date, "--base-url", _server.BaseUrl, "--json"]);
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        return (json.RootElement.Clone(), error);
    }

    /// <summary>The series and box of a batch's pull claim and the days it covers, as one text.</summary>
    private Task<string> PullDaysAsync(JsonElement pull) => _db.ScalarAsync<string>("""
        SELECT coalesce(string_agg(DISTINCT satellite || ':' || is_nrt || ':' || ST_XMin(area) || ',' || ST_YMin(area) || ','
                          || ST_XMax(area) || ',' || ST_YMax(area), ' ')
               || ' ' || string_agg(to_char(day, 'MM-DD'), ',' ORDER BY day), '')
        FROM data_coverage WHERE batch_id = $1 AND basis = 'pull'
        """, pull.GetProperty("batch_id").GetInt64());

    [Fact]
    public async Task NrtPull_CoversTheWholeBangkokDaysOfItsWindow_InItsBox()
    {
        // UTC 25-29 March: Bangkok's 25th began at 17:00 UTC on the 24th, so the 26th to the 29th are whole.
        var pull = await FetchAsync("VIIRS_NOAA20_NRT", "--area", "90,5,110,30");
        Assert.Equal("N20:true:90,5,110,30 03-26,03-27,03-28,03-29", await PullDaysAsync(pull));
        Assert.Equal("2026-03-26", pull.GetProperty("covered").GetProperty("from").GetString());
        Assert.Equal(JsonValueKind.Null, pull.GetProperty("note").ValueKind);
    }

    [Fact]
    public async Task StandardPull_CoversOnlyDaysInsideTheArchive_AndAnEmptyAnswerOutsideItSaysSo()
    {
        _server.StandardLastDay = new DateOnly(2026, 3, 27);
        var inside = await FetchAsync("VIIRS_NOAA20_SP", "--area", "90,5,110,30");
        Assert.Equal("N20:false:90,5,110,30 03-26,03-27", await PullDaysAsync(inside));

        var (outside, _) = await FetchWindowAsync("VIIRS_NOAA20_SP", "2026-04-01", "--area", "90,5,110,30");
        Assert.Equal(0, outside.GetProperty("rows_read").GetInt32());
        Assert.Equal("", await PullDaysAsync(outside));
        Assert.Equal(JsonValueKind.Null, outside.GetProperty("covered").ValueKind);
        Assert.Equal("outside the archive (VIIRS_NOAA20_SP holds 2012-01-20 to 2026-03-27)", outside.GetProperty("note").GetString());
    }

    [Fact]
    public async Task ArchiveUnknown_PullStillStoresAndRecordsItsWindow_WithANote()
    {
        _server.AvailabilityFails = true;
        var (pull, error) = await FetchWindowAsync("VIIRS_NOAA20_NRT", "2026-03-25", "--area", "90,5,110,30");
        Assert.True(pull.GetProperty("rows_new").GetInt32() > 0);
        Assert.Equal("N20:true:90,5,110,30 03-26,03-27,03-28,03-29", await PullDaysAsync(pull));
        Assert.Contains("HTTP 503", error, StringComparison.Ordinal);
        Assert.Contains("recorded as covered without checking VIIRS_NOAA20_NRT's archive", error, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeFirmsServer.Key, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullWithoutDate_CoversTheWholeWindowAskedFor_UpToTheLastBangkokDayOverByTheServersClock()
    {
        // No --date: the 5 most recent UTC days by the server's clock (noon UTC of 18 May): 14-18 May. Bangkok's 14th
        // began on the 13th, and its 18th runs until 17:00 UTC: the 15th to the 17th are whole, with or without fire.
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "fetch", "firms", "--map-key", FakeFirmsServer.Key,
            "--source", "VIIRS_NOAA20_NRT", "--area", "90,5,110,30", "--days", "5", "--base-url", _server.BaseUrl, "--json");
        Assert.True(exit == 0, error);
        using var pull = JsonDocument.Parse(output);
        Assert.Equal("N20:true:90,5,110,30 05-15,05-16,05-17", await PullDaysAsync(pull.RootElement));
    }

    [Fact]
    public async Task ArchiveLookupFailingOnce_IsTriedAgain_AndItsAnswerCutsTheWindow()
    {
        _server.AvailabilityFailuresLeft = 1;
        _server.StandardLastDay = new DateOnly(2026, 3, 27);
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "fetch", "firms", "--map-key", FakeFirmsServer.Key,
            "--source", "VIIRS_NOAA20_SP", "--area", "90,5,110,30", "--days", "5", "--date", "2026-03-25", "--base-url",
            _server.BaseUrl, "--retry-delay", "0", "--json");
        Assert.True(exit == 0, error);
        Assert.Contains("data_availability", error, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", error, StringComparison.Ordinal);
        Assert.Contains("try 2 of 3", error, StringComparison.Ordinal);
        Assert.DoesNotContain("without checking", error, StringComparison.Ordinal);
        using var pull = JsonDocument.Parse(output);
        Assert.Equal("N20:false:90,5,110,30 03-26,03-27", await PullDaysAsync(pull.RootElement));
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
