using System.Globalization;
using System.Text;
using System.Text.Json;
using Gis.Cli.Tests.Support;
using Gis.Core.Time;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Import;

/// <summary>
/// <c>gis import gistda</c> and <c>gis targets hotspots --source gistda / --compare gistda</c>: a hand-made GISTDA CSV
/// counted by hand, and a GISTDA-shaped file built from a real FIRMS snapshot, so both sources count the same points.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class GistdaTests : IAsyncLifetime
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Corpus", "gistda", "hotspots-2569-03.csv");
    private static readonly string Snapshot = SharedData.PathOf("firms", "viirs-noaa20-nrt-2026", "firms_snapshot_20260329_1401.csv");
    private static readonly string Districts = SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson");

    /// <summary>The land-class names the built file cycles through; the last is none of the six.</summary>
    private static readonly string[] LandUseNames =
        ["ป่าอนุรักษ์", "ป่าสงวนแห่งชาติ", "เขต สปก.", "พื้นที่เกษตร", "ชุมชนและอื่น ๆ", "พื้นที่ริมทางหลวง", "ทุ่งหญ้า"];

    private static readonly string[] LandClassCodes =
        ["conservation_forest", "national_reserved_forest", "alro_land", "agriculture", "community_other", "highway_side", "unmapped"];

    private const string March = "2026-03-01..2026-03-31";

    private readonly string _dir = Directory.CreateTempSubdirectory("gistda-cli-").FullName;
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries", Districts)).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task HandMadeCsv_CountsAsCountedByHand_AndAsPostGisCounts()
    {
        var batch = await ImportAsync(Fixture);
        // 11 data lines: one repeats line 4, line 10 has 30 February, line 8 lies in Bangkok.
        Assert.Equal((11, 9, 1, 1, 1), (batch.GetProperty("rows_read").GetInt32(), batch.GetProperty("rows_stored").GetInt32(),
            batch.GetProperty("rows_duplicate").GetInt32(), batch.GetProperty("rows_rejected").GetInt32(),
                batch.GetProperty("outside").GetInt32()));
        var rejection = batch.GetProperty("rejections")[0];
        Assert.Equal(10, rejection.GetProperty("line").GetInt32());
        Assert.Equal($"{Fixture} line 10: ACQ_DATE '2026-02-30' is not a date (yyyy-MM-dd or dd/MM/yyyy, CE or BE)",
            rejection.GetProperty("reason").GetString());
        Assert.Equal(1, batch.GetProperty("unknown_land_use").GetProperty("ทุ่งหญ้า").GetInt32());
        Assert.Equal("GISTDA", await _db.ScalarAsync<string>("SELECT credit FROM import_batch"));
        // Line 12 says สันทราย for a point in Mueang Chiang Mai; line 7's "อำเภอแม่แจ่ม" is Mae Chaem with its prefix.
        Assert.Equal(1, batch.GetProperty("district_name_mismatch").GetInt32());

        // By hand, March 2569 in Thai days: 5001 has lines 2, 3 (01:43 on 11 March Thai time) and 12; 5003 line 7 (line 11
        // is 1 April in Thailand); 5004 lines 4, 5, 6.
        var report = await TargetsAsync(March, "--source", "gistda");
        var districts = report.GetProperty("districts").EnumerateArray().ToDictionary(d => d.GetProperty("code").GetString()!);
        Assert.Equal(new Dictionary<string, long> { ["5001"] = 3, ["5003"] = 1, ["5004"] = 3 },
            districts.Where(d => d.Value.GetProperty("count").GetInt64() > 0).ToDictionary(d => d.Key,
                d => d.Value.GetProperty("count").GetInt64()));
        Assert.Equal(7, report.GetProperty("province").GetProperty("count").GetInt64());
        Assert.Equal("agriculture=1;community_other=1;unmapped=1", LandClasses(districts["5001"]));
        Assert.Equal("alro_land=1;conservation_forest=2", LandClasses(districts["5004"]));
        Assert.Equal("national_reserved_forest=1", LandClasses(districts["5003"]));

        // The same from the polygons and the stored times, without the importer's district tag or local day.
        foreach (var code in new[] { "5001", "5003", "5004" })
        {
            Assert.Equal(districts[code].GetProperty("count").GetInt64(), await _db.ScalarAsync<long>("""
                SELECT count(*) FROM gistda_hotspot g JOIN admin_area a ON a.code = $1
                    AND ST_Intersects(a.geom, ST_SetSRID(ST_MakePoint(g.longitude, g.latitude), 4326))
                WHERE (g.acquired_utc AT TIME ZONE 'Asia/Bangkok')::date BETWEEN '2026-03-01' AND '2026-03-31'
                """, code));
        }

        // --strict refuses the file for its bad line, stores nothing and records the refusal; a plain re-import adds nothing.
        var (exit, _, _) = await CliRunner.RunAsync(_db.ConnectionString, "import", "gistda", Fixture, "--strict");
        Assert.Equal(2, exit);
        Assert.Equal(1L, await _db.ScalarAsync<long>(
            "SELECT count(*) FROM import_batch WHERE kind = 'gistda' AND status = 'refused' AND rows_rejected = 1"));
        var again = await ImportAsync(Fixture);
        Assert.Equal((0, 10), (again.GetProperty("rows_stored").GetInt32(), again.GetProperty("rows_duplicate").GetInt32()));
        Assert.Equal(9L, await _db.ScalarAsync<long>("SELECT count(*) FROM gistda_hotspot"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
    }

    [Fact]
    public async Task Compare_HandMadeFirmsAndGistda_PerDistrictAndLandClass()
    {
        await ImportAsync(Fixture);
        // FIRMS: two detections in 5001, one in 5004, in March (Bangkok days); no land-use snapshot, so all unmapped.
        var firms = Path.Combine(_dir, "firms.csv");
        File.WriteAllText(firms, """
            latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,instrument,confidence,version,bright_ti5,frp,daynight
            18.77905,98.96909,330.5,0.4,0.4,2026-03-10,627,N,VIIRS,n,2.0NRT,290.1,5.5,D
            18.79036,98.96176,330.5,0.4,0.4,2026-03-11,627,N,VIIRS,n,2.0NRT,290.1,5.5,D
            19.53599,98.94472,330.5,0.4,0.4,2026-03-15,627,N,VIIRS,n,2.0NRT,290.1,5.5,D

            """.ReplaceLineEndings("\n"));
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", firms)).ExitCode);

        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "targets", "hotspots", "--period", March, "--compare",
            "gistda", "--format", "csv");
        Assert.True(exit == 0, error);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => (f[0], f[3]), f => (long.Parse(f[4], CultureInfo.InvariantCulture), long.Parse(f[5],
                CultureInfo.InvariantCulture), long.Parse(f[6], CultureInfo.InvariantCulture)));
        Assert.Equal((2, 3, 1), rows[("5001", "total")]);
        Assert.Equal((2, 1, -1), rows[("5001", "unmapped")]);
        Assert.Equal((0, 1, 1), rows[("5001", "community_other")]);
        Assert.Equal((0, 1, 1), rows[("5001", "agriculture")]);
        Assert.Equal((1, 3, 2), rows[("5004", "total")]);
        Assert.Equal((0, 2, 2), rows[("5004", "conservation_forest")]);
        Assert.Equal((0, 1, 1), rows[("5003", "total")]);
        Assert.Equal((3, 7, 4), rows[("50", "total")]);
        Assert.False(rows.ContainsKey(("5002", "unmapped")));
        Assert.Equal((0, 0, 0), rows[("5002", "total")]);

        var table = await CliRunner.RunAsync(_db.ConnectionString, "targets", "hotspots", "--period", March, "--compare", "gistda");
        Assert.Contains("gistda - firms", table.Output, StringComparison.Ordinal);
        Assert.Contains("no land-use snapshot is stored", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BoundariesImportedAfterwards_TagTheGistdaRecords()
    {
        await using var bare = await PostGis.NewDatabaseAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(bare.ConnectionString, "import", "gistda", Fixture, "--as", "malee")).ExitCode);
        Assert.Equal(0L, await bare.ScalarAsync<long>("SELECT count(*) FROM gistda_hotspot WHERE district_code IS NOT NULL"));
        // The batch names who imported it, as every import does.
        Assert.Equal("malee", await bare.ScalarAsync<string>("SELECT imported_by FROM import_batch WHERE kind = 'gistda'"));
        Assert.Equal(0, (await CliRunner.RunAsync(bare.ConnectionString, "import", "boundaries", Districts)).ExitCode);
        // Lines 2, 3, 12 in 5001, 4-6 in 5004, 7 and 11 in 5003; line 8 (Bangkok) in none.
        Assert.Equal("5001=3;5003=2;5004=3", await bare.ScalarAsync<string>(
            "SELECT string_agg(district_code || '=' || n, ';' ORDER BY district_code) FROM (SELECT district_code, count(*) AS n"
            + " FROM gistda_hotspot WHERE district_code IS NOT NULL GROUP BY 1) t"));
    }

    [Fact]
    public async Task NotGistda_RefusedWithReason_NothingStored()
    {
        var path = Path.Combine(_dir, "firms.csv");
        File.WriteAllText(path, "acq_date,acq_time\n2026-03-01,627\n");
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "import", "gistda", path);
        Assert.Equal(2, exit);
        Assert.Contains($"{path}: is not a GISTDA hotspot file: no LATITUDE and LONGITUDE", error, StringComparison.Ordinal);
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM import_batch WHERE kind = 'gistda'"));
    }

    [Fact]
    public async Task BuiltFromRealFirmsSnapshot_SameCountsBothSources_FirmsCountsUnchanged_ComparisonByClass()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", Snapshot)).ExitCode);
        var firmsBefore = Counts(await TargetsAsync(March));
        var countedBefore = await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_counted");
        var (gistda, byClass) = WriteGistdaFromFirms();
        var batch = await ImportAsync(gistda);
        Assert.Equal(0, batch.GetProperty("rows_rejected").GetInt32());

        // GISTDA data in the store changes no FIRMS count.
        Assert.Equal(firmsBefore, Counts(await TargetsAsync(March)));
        Assert.Equal(countedBefore, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_counted"));

        // Same points, same times (via BE dates and Thai time): the same per-district counts, and those of a plain query.
        var gistdaCounts = Counts(await TargetsAsync(March, "--source", "gistda"));
        Assert.Equal(firmsBefore, gistdaCounts);
        Assert.True(gistdaCounts.Values.Sum() > 100);
        var plain = await _db.ScalarAsync<string>("""
            SELECT string_agg(code || '=' || n, ';' ORDER BY code) FROM (
                SELECT d.code, count(*) AS n FROM gistda_hotspot g
                CROSS JOIN LATERAL (SELECT a.code FROM admin_area a WHERE a.level = 4 AND ST_Intersects(a.geom, g.geom)
                    ORDER BY a.code LIMIT 1) d
                WHERE (g.acquired_utc AT TIME ZONE 'Asia/Bangkok')::date BETWEEN '2026-03-01' AND '2026-03-31' AND d.code LIKE '50%'
                GROUP BY 1) t
            """);
        Assert.Equal(plain, string.Join(';', gistdaCounts.Where(kv => kv.Value > 0
            && kv.Key.Length == 4).Select(kv => $"{kv.Key}={kv.Value}")));

        // The comparison: totals agree everywhere, and GISTDA's class counts are those the file was written with.
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "targets", "hotspots", "--period", March,
            "--compare", "gistda", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.All(rows.Where(r => r.GetProperty("land_class").GetString() == "total"),
            r => Assert.Equal(0, r.GetProperty("difference").GetInt64()));
        var provinceByClass = rows.Where(r => r.GetProperty("code").GetString() == "50"
            && r.GetProperty("land_class").GetString() != "total")
            .ToDictionary(r => r.GetProperty("land_class").GetString()!, r => r.GetProperty("theirs").GetInt64());
        var expected = await _db.ScalarAsync<string>("""
            SELECT string_agg(coalesce(land_class, 'unmapped') || '=' || n, ';' ORDER BY coalesce(land_class, 'unmapped')) FROM (
                SELECT land_class, count(*) AS n FROM gistda_hotspot g
                WHERE EXISTS (SELECT 1 FROM admin_area a WHERE a.level = 4 AND a.province_code = '50' AND ST_Intersects(a.geom, g.geom))
                GROUP BY 1) t
            """);
        Assert.Equal(expected, string.Join(';', provinceByClass.OrderBy(kv => kv.Key,
            StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")));
        // Every stored record carries the class its line was written with.
        Assert.Equal(string.Join(';', byClass.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")),
            await _db.ScalarAsync<string>("""
                SELECT string_agg(c || '=' || n, ';' ORDER BY c) FROM (
                    SELECT coalesce(land_class, 'unmapped') AS c, count(*) AS n FROM gistda_hotspot GROUP BY 1) t
                """));
    }

    /// <summary>
    /// The snapshot as GISTDA would publish it: Thai (BE) date and Thai time instead of UTC, Thai land classes cycling
    /// through <see cref="LandUseNames"/>; returns the file and how many of its distinct detections carry each class.
    /// </summary>
    private (string Path, Dictionary<string, int> ByClass) WriteGistdaFromFirms()
    {
        var lines = File.ReadAllLines(Snapshot);
        var header = lines[0].Split(',');
        int lat = Array.IndexOf(header, "latitude"), lon = Array.IndexOf(header, "longitude"), date = Array.IndexOf(header, "acq_date"),
            time = Array.IndexOf(header, "acq_time"), sat = Array.IndexOf(header, "satellite"), conf = Array.IndexOf(header, "confidence"),
            frp = Array.IndexOf(header, "frp");
        var text = new StringBuilder("LATITUDE,LONGITUDE,TH_DATE,TH_TIME,SATELLITE,CONFIDENCE,FRP,PV_TN,LU_NAME\n");
        var byClass = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            var hhmm = int.Parse(f[time], CultureInfo.InvariantCulture);
            var utc = DateTime.ParseExact(f[date], "yyyy-MM-dd", CultureInfo.InvariantCulture).AddHours(hhmm / 100).AddMinutes(hhmm % 100);
            var local = utc + Bangkok.UtcOffset;
            var th = $"{local.Day:00}/{local.Month:00}/{(local.Year + 543).ToString(CultureInfo.InvariantCulture)}";
            text.Append(CultureInfo.InvariantCulture,
                $"{f[lat]},{f[lon]},{th},{local:HHmm},{f[sat]},{f[conf]},{f[frp]},เชียงใหม่,{LandUseNames[i % 7]}\n");
            if (seen.Add(string.Join('|', f[sat], f[date], f[time], f[lat], f[lon])))
                byClass[LandClassCodes[i % 7]] = byClass.GetValueOrDefault(LandClassCodes[i % 7]) + 1;
        }
        var path = Path.Combine(_dir, "gistda-from-firms.csv");
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        return (path, byClass);
    }

    private async Task<JsonElement> ImportAsync(string file)
    {
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "import", "gistda", file, "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("batches")[0].Clone();
    }

    private async Task<JsonElement> TargetsAsync(string period, params string[] more)
    {
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString,
            ["targets", "hotspots", "--period", period, "--format", "json", .. more]);
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    private static Dictionary<string, long> Counts(JsonElement report) =>
        report.GetProperty("districts").EnumerateArray().Append(report.GetProperty("province"))
            .ToDictionary(d => d.GetProperty("code").GetString()!, d => d.GetProperty("count").GetInt64());

    private static string LandClasses(JsonElement row) =>
        string.Join(';', row.GetProperty("by_land_class").EnumerateObject().OrderBy(p => p.Name,
            StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.GetInt64()}"));
}
