using System.IO.Compression;
using System.Text.Json;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Import;

/// <summary>
/// Issue 13's broken inputs through the real command, on top of the real 29 March 2026 snapshot (Chiang Mai, 25-29
/// March: 2,247 detections): each damaged line or file is refused by name and reason, and what was stored stays.
/// Corpus/firms-broken/README.md and Corpus/gistda/README.md list the files and what each must give.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class ImportBrokenInputTests : IAsyncLifetime
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "Corpus", "firms-broken");
    private static readonly string Snapshot = SharedData.PathOf("firms", "viirs-noaa20-nrt-2026", "firms_snapshot_20260329_1401.csv");
    private static readonly string Districts = SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson");

    /// <summary>The plain count of the issue: counted detections in Chiang Mai's districts.</summary>
    private const string ChiangMai = "SELECT count(*) FROM hotspot_counted WHERE district_code LIKE '50%'";

    private readonly string _dir = Directory.CreateTempSubdirectory("broken-input-").FullName;
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries", Districts)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", Snapshot)).ExitCode);
        Assert.Equal(2247L, await _db.ScalarAsync<long>(ChiangMai));
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("version-garbled.csv", "line 2: version '2.0NRT\uFFFD' is not a FIRMS VIIRS version (1, 1.0, 1.0NRT, 2, 2.0, 2.0NRT)")]
    [InlineData("version-empty.csv", "line 2: version is empty: without it the line cannot be told NRT or standard")]
    public async Task DamagedVersion_AfterRealSnapshot_IsARejectedLine_AndChiangMaiKeeps2247(string file, string message)
    {
        var (exit, output, _) = await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", Path.Combine(Corpus, file));

        Assert.Equal(0, exit);
        Assert.Contains("1 read, 0 stored, 0 duplicate, 1 rejected", output, StringComparison.Ordinal);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("replaced", output, StringComparison.Ordinal);
        Assert.Equal(2247L, await _db.ScalarAsync<long>(ChiangMai));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot WHERE superseded_by_batch IS NOT NULL"));
    }

    [Fact]
    public async Task OneStandardRow_ReplacingADayOfNrt_IsReportedLoudly()
    {
        // What a standard row of a real version does on 25 March: it stands for the whole (N20, UTC day) pair.
        var nrtThatDay = await _db.ScalarAsync<long>(
            "SELECT count(*) FROM hotspot WHERE satellite = 'N20' AND is_nrt AND (acquired_utc AT TIME ZONE 'UTC')::date = '2026-03-25'");
        Assert.Equal(3386L, nrtThatDay);
        var path = Path.Combine(_dir, "one-standard.csv");
        File.WriteAllText(path, FirmsCsv.Header + "\n18.79,98.9,330.1,0.4,0.4,2026-03-25,627,N20,VIIRS,n,2,290.1,5.5,D\n");

        var (exit, output, _) = await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", path);

        Assert.Equal(0, exit);
        Assert.Contains($"WARNING: {path}: a few standard rows replaced many NRT detections of N20 " +
            "(UTC days 2026-03-25: 1 standard row(s) replaced 3,386 NRT detection(s))", output, StringComparison.Ordinal);
        var json = await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", path, "--json");
        using var again = JsonDocument.Parse(json.Output);
        // Imported again it replaces nothing more, so it warns no more.
        Assert.Equal(0, again.RootElement.GetProperty("batches")[0].GetProperty("nrt").GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task ImpossibleDates_AreRejectedLines_WithTheBuddhistEraHint()
    {
        var (exit, output, _) = await CliRunner.RunAsync(_db.ConnectionString, "import", "firms",
            Path.Combine(Corpus, "dates-impossible.csv"));

        Assert.Equal(0, exit);
        Assert.Contains("5 read, 1 stored, 0 duplicate, 4 rejected", output, StringComparison.Ordinal);
        Assert.Contains("line 2: acq_date '2569-03-29' is after tomorrow (", output, StringComparison.Ordinal);
        Assert.Contains("looks like a Buddhist-era year; did you mean 2026-03-29?", output, StringComparison.Ordinal);
        Assert.Contains("line 3: acq_date '2099-01-01' is after tomorrow", output, StringComparison.Ordinal);
        Assert.Contains("line 4: acq_date '1900-01-01' is before N20 was launched (2017-11-18)", output, StringComparison.Ordinal);
        Assert.Contains("line 5: acq_date '2016-06-01' is before N20 was launched (2017-11-18)", output, StringComparison.Ordinal);
        Assert.Equal("2026-03-25..2026-03-29", await _db.ScalarAsync<string>(
            "SELECT min(acquired_utc AT TIME ZONE 'UTC')::date || '..' || max(acquired_utc AT TIME ZONE 'UTC')::date FROM hotspot"));
    }

    [Fact]
    public async Task NulByte_IsARejectedLine_NotACrash()
    {
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", Path.Combine(Corpus, "nul-byte.csv"));

        Assert.Equal(0, exit);
        Assert.Contains("2 read, 1 stored, 0 duplicate, 1 rejected", output, StringComparison.Ordinal);
        Assert.Contains("line 2: control character U+0000 at column 5: not text", output, StringComparison.Ordinal);
        Assert.Equal("", error);
        Assert.Equal(@"18.5\u000000,98.90000", await _db.ScalarAsync<string>("SELECT left(raw, 21) FROM import_rejection"));
    }

    [Fact]
    public async Task QuotedCommaInAnExtraColumn_IsRead()
    {
        var (exit, output, _) = await CliRunner.RunAsync(_db.ConnectionString, "import", "firms",
            Path.Combine(Corpus, "quoted-extra-column.csv"));

        Assert.Equal(0, exit);
        Assert.Contains("3 read, 3 stored, 0 duplicate, 0 rejected", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenZips_AreRefusedByName_TheOtherFilesOfTheRunAreImported()
    {
        var good = SharedData.PathOf("firms", "viirs-noaa20-nrt-2026", "firms_snapshot_20260518_1003.csv");
        var truncated = Path.Combine(_dir, "truncated.zip");
        using (var zip = ZipFile.Open(truncated, ZipArchiveMode.Create))
            zip.CreateEntryFromFile(good, "firms.csv");
        var bytes = File.ReadAllBytes(truncated);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var batchesBefore = await _db.ScalarAsync<long>("SELECT count(*) FROM import_batch");

        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "import", "firms",
            Path.Combine(Corpus, "not-a-zip.zip"), Path.Combine(Corpus, "no-csv-inside.zip"), truncated, good,
            Path.Combine(_dir, "missing.csv"));

        Assert.Equal(2, exit);
        Assert.Contains($"{Path.Combine(Corpus, "not-a-zip.zip")}: not a readable zip archive: ", error, StringComparison.Ordinal);
        Assert.Contains($"{truncated}: not a readable zip archive: ", error, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(Corpus, "no-csv-inside.zip")}: no .csv inside (it holds readme.txt, fire_nrt.shp).", error,
            StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(_dir, "missing.csv")}: no such file or directory.", error, StringComparison.Ordinal);
        Assert.Contains($"{good}: 4 read, 4 stored", output, StringComparison.Ordinal);
        Assert.Contains("total: 5 file(s), 4 read, 4 stored, 0 duplicate, 0 rejected, 4 file(s) refused", output, StringComparison.Ordinal);
        // Nothing of a refused file is recorded; the good one is one batch.
        Assert.Equal(batchesBefore + 1, await _db.ScalarAsync<long>("SELECT count(*) FROM import_batch"));
        Assert.Equal(2247L, await _db.ScalarAsync<long>(ChiangMai + " AND local_day <= '2026-03-30'"));
    }

    [Fact]
    public async Task Gistda_BrokenLines_AreRejectedByLine_TheRestIsStored()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Corpus", "gistda", "broken-lines.csv");
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "import", "gistda", file, "--json");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var batch = json.RootElement.GetProperty("batches")[0];
        Assert.Equal((7, 2, 5), (batch.GetProperty("rows_read").GetInt32(), batch.GetProperty("rows_stored").GetInt32(),
            batch.GetProperty("rows_rejected").GetInt32()));
        var reasons = batch.GetProperty("rejections").EnumerateArray()
            .ToDictionary(r => r.GetProperty("line").GetInt32(), r => r.GetProperty("reason").GetString()!);
        Assert.Equal([2, 3, 4, 5, 8], reasons.Keys.Order());
        Assert.EndsWith("TH_DATE '15/03/2600' (UTC day 2057-03-15) is after tomorrow (" +
            DateTime.UtcNow.Date.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ")", reasons[2],
            StringComparison.Ordinal);
        Assert.Contains("ACQ_DATE '2099-03-15' (UTC day 2099-03-15) is after tomorrow", reasons[3], StringComparison.Ordinal);
        Assert.Contains("ACQ_DATE '1900-03-15' (UTC day 1900-03-15) is before N was launched (2011-10-28)", reasons[4],
            StringComparison.Ordinal);
        Assert.EndsWith("line 5: control character U+0000 at column 34: not text", reasons[5], StringComparison.Ordinal);
        Assert.EndsWith("line 8: a quoted field is not closed on its line", reasons[8], StringComparison.Ordinal);
        // Line 6 quotes a comma in LU_HP_NAME: read, not "15 fields, the header has 14".
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM gistda_hotspot WHERE latitude = 18.77909"));
        Assert.Equal(2L, await _db.ScalarAsync<long>("SELECT count(*) FROM gistda_hotspot"));
    }

    [Fact]
    public async Task Gistda_MissingFile_IsRefusedByName_TheOthersAreImported()
    {
        var good = Path.Combine(AppContext.BaseDirectory, "Corpus", "gistda", "hotspots-2569-03.csv");
        var missing = Path.Combine(_dir, "missing.csv");

        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "import", "gistda", missing, _dir, good);

        Assert.Equal(2, exit);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.Contains(_dir, error, StringComparison.Ordinal);
        Assert.Equal(9L, await _db.ScalarAsync<long>("SELECT count(*) FROM gistda_hotspot"));
    }
}
