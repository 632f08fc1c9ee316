using System.Globalization;
using System.Text.Json;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;
using Npgsql;
using NpgsqlTypes;

namespace Gis.Cli.Tests.Acceptance;

/// <summary>
/// The foundation's acceptance test on real data: all 928 HDX districts and the 29 FIRMS NOAA-20 snapshots of 2026
/// (overlapping downloads with real duplicates), checked against numbers computed a second, independent way.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class RealDataAcceptanceTests(RealDataAcceptanceTests.ImportedStore store)
    : IClassFixture<RealDataAcceptanceTests.ImportedStore>
{
    private static readonly string Snapshots = SharedData.PathOf("firms", "viirs-noaa20-nrt-2026");
    private readonly TestDatabase _db = store.Database;

    /// <summary>One database with the districts and all snapshots imported by the real commands, shared by the tests.</summary>
    public sealed class ImportedStore : IAsyncLifetime
    {
        public TestDatabase Database { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Database = await PostGis.NewDatabaseAsync();
            var boundaries = await CliRunner.RunAsync(Database.ConnectionString, "import", "boundaries",
                SharedData.PathOf("boundaries", "hdx-thailocate", "amphoe.geojson"));
            Assert.Equal(0, boundaries.ExitCode);
            var firms = await CliRunner.RunAsync(Database.ConnectionString, "import", "firms", Snapshots);
            Assert.Equal(0, firms.ExitCode);
        }

        public async Task DisposeAsync() => await Database.DisposeAsync();
    }

    [Fact]
    public async Task Import_AllSnapshots_StoresEachDetectionOnce()
    {
        Assert.Equal(928L, await _db.ScalarAsync<long>("SELECT count(*) FROM admin_area WHERE level = 4"));
        Assert.Equal(29L, await _db.ScalarAsync<long>("SELECT count(*) FROM import_batch"));
        Assert.Equal(24_344L, await _db.ScalarAsync<long>("SELECT sum(rows_read) FROM import_batch"));
        Assert.Equal(21_748L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
        Assert.Equal(24_344L - 21_748L, await _db.ScalarAsync<long>("SELECT sum(rows_duplicate) FROM import_batch"));

        // Importing everything again adds nothing.
        var again = await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", Snapshots, "--json");
        using var json = JsonDocument.Parse(again.Output);
        Assert.Equal(0, json.RootElement.GetProperty("batches").EnumerateArray().Sum(b => b.GetProperty("rows_stored").GetInt32()));
        Assert.Equal(21_748L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
    }

    [Fact]
    public async Task Hotspots_ChiangMai_EqualIndependentCountOverRawRows()
    {
        var (exit, output, _) = await CliRunner.RunAsync(_db.ConnectionString,
            "hotspots", "--from", "2026-03-25", "--to", "2026-05-18", "--province", "TH50", "--format", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("2026-03-25", root.GetProperty("from").GetString());
        Assert.Equal("2026-05-18", root.GetProperty("to").GetString());
        var districts = root.GetProperty("districts").EnumerateArray().ToList();
        Assert.Equal(25, districts.Count);
        var maeChaem = districts.Single(d => d.GetProperty("code").GetString() == "5003");
        Assert.Equal("แม่แจ่ม", maeChaem.GetProperty("name_th").GetString());
        Assert.Equal("Mae Chaem", maeChaem.GetProperty("name_en").GetString());

        var expected = await IndependentCountsAsync();
        var actual = districts.ToDictionary(d => d.GetProperty("code").GetString()!, d => d.GetProperty("count").GetInt64());
        Assert.Equal(expected.PerDistrict.Where(kv => kv.Key.StartsWith("50", StringComparison.Ordinal)).OrderBy(kv => kv.Key),
            actual.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key));
        Assert.Equal(expected.Outside, root.GetProperty("outside").GetInt64());
        Assert.InRange(actual.Values.Sum(), 4_000, 5_000); // the data README: ~4,500 of the detections fall in Chiang Mai
    }

    [Fact]
    public async Task Hotspots_NarrowRange_OnlyCountsThoseLocalDays()
    {
        var (_, output, _) = await CliRunner.RunAsync(_db.ConnectionString, "hotspots", "--from", "2026-04-12", "--to", "2026-04-12",
            "--province", "all", "--format", "csv");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("code,name_th,name_en,count", lines[0]);
        Assert.Equal(928 + 2, lines.Length);
        var inDistricts = lines[1..^1].Sum(l => long.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture));
        var outside = long.Parse(lines[^1].Split(',')[^1], CultureInfo.InvariantCulture);
        var onTheDay = await _db.ScalarAsync<long>(
            "SELECT count(*) FROM hotspot WHERE (acquired_utc AT TIME ZONE 'Asia/Bangkok')::date = '2026-04-12'");
        Assert.Equal(onTheDay, inDistricts + outside);
    }

    /// <summary>
    /// The second computation: the snapshot files read with a plain split (not the project's reader), deduplicated on
    /// the identity's raw text, shifted to Bangkok days by hand, then placed in districts by PostGIS itself
    /// (<c>ST_Covers</c> over the stored boundaries, not the importer's tags).
    /// </summary>
    private async Task<(Dictionary<string, long> PerDistrict, long Outside)> IndependentCountsAsync()
    {
        var seen = new HashSet<string>();
        var lons = new List<double>();
        var lats = new List<double>();
        foreach (var file in Directory.GetFiles(Snapshots, "*.csv"))
        {
            var header = File.ReadLines(file).First().Split(',');
            int Col(string name) => Array.IndexOf(header, name);
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var f = line.Split(',');
                var identity = $"{f[Col("satellite")]}|{f[Col("acq_date")]}|{int.Parse(f[Col("acq_time")], CultureInfo.InvariantCulture)}|"
                    + $"{f[Col("latitude")]}|{f[Col("longitude")]}";
                if (!seen.Add(identity))
                    continue;
                var hhmm = int.Parse(f[Col("acq_time")], CultureInfo.InvariantCulture);
                var utc = DateTime.ParseExact(f[Col("acq_date")], "yyyy-MM-dd",
                    CultureInfo.InvariantCulture).AddHours(hhmm / 100).AddMinutes(hhmm % 100);
                var day = utc.AddHours(7).Date;
                if (day < new DateTime(2026, 3, 25) || day > new DateTime(2026, 5, 18))
                    continue;
                lons.Add(double.Parse(f[Col("longitude")], CultureInfo.InvariantCulture));
                lats.Add(double.Parse(f[Col("latitude")], CultureInfo.InvariantCulture));
            }
        }
        Assert.Equal(21_748, seen.Count);

        await using var connection = await _db.Store.DataSource.OpenConnectionAsync();
        // The simplified HDX polygons overlap slightly in places; a point in two districts counts for the lower code
        // (the rule the domain sets for shared borders), written here in SQL rather than the importer's C#.
        await using var command = new NpgsqlCommand("""
            SELECT coalesce(d.code, 'outside'), count(*)
            FROM unnest($1::float8[], $2::float8[]) AS p(lon, lat)
            LEFT JOIN LATERAL (
                SELECT a.code FROM admin_area a
                WHERE a.level = 4 AND ST_Covers(a.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))
                ORDER BY a.code LIMIT 1) d ON true
            GROUP BY 1
            """, connection)
        {
            Parameters =
            {
                new() { Value = lons.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double },
                new() { Value = lats.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double },
            },
        };
        var counts = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            counts[reader.GetString(0)] = reader.GetInt64(1);
        var outside = counts.Remove("outside", out var o) ? o : 0;
        Assert.Equal(lons.Count, counts.Values.Sum() + outside);
        return (counts, outside);
    }
}
