using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Import;

/// <summary>The corpus of broken FIRMS files (Corpus/firms-broken/README.md) through the real command.</summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class ImportFirmsCorpusTests : IAsyncLifetime
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "Corpus", "firms-broken");
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostGis.NewDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("empty.csv", "not a FIRMS CSV file: the file is empty")]
    [InlineData("binary-png.csv", "not a FIRMS CSV file: it holds binary data")]
    [InlineData("not-firms-columns.csv",
        "required column(s) latitude, longitude, acq_date, acq_time, satellite, confidence, version, daynight missing")]
    public async Task ImportFirms_NotFirmsFile_RefusedWithExit2AndNothingStored(string file, string message)
    {
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", Path.Combine(Corpus, file));
        Assert.Equal(2, exit);
        Assert.Contains(file, error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM import_batch"));
    }

    [Fact]
    public async Task ImportFirms_MixedBadRows_StoresGoodRowsAndListsRejectedLines()
    {
        var (exit, output, _) = await CliRunner.RunAsync(_db.ConnectionString, "import", "firms",
            Path.Combine(Corpus, "mixed-bad-rows.csv"));
        Assert.Equal(0, exit);
        Assert.Contains("8 read, 2 stored, 0 duplicate, 6 rejected", output, StringComparison.Ordinal);
        foreach (var line in new[] { "line 3: latitude '18.5x'", "line 4: latitude '91.0'", "line 5: acq_date '2026-02-29'",
            "line 6: confidence 'maybe'", "line 7: expected 14 fields" })
            Assert.Contains(line, output, StringComparison.Ordinal);
        Assert.Contains("1 more: SELECT * FROM import_rejection", output, StringComparison.Ordinal);
        Assert.Equal("3,4,5,6,7,8",
            await _db.ScalarAsync<string>("SELECT string_agg(line::text, ',' ORDER BY line) FROM import_rejection"));
        Assert.Equal(2L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
        // 23:59 UTC on 1 March is 06:59 on 2 March in Bangkok.
        Assert.Equal(new DateOnly(2026, 3, 2), await _db.ScalarAsync<DateOnly>("SELECT local_day FROM hotspot WHERE daynight = 'N'"));
    }

    [Fact]
    public async Task ImportFirms_Strict_RefusesFileButImportsCleanOnesOfTheSameRun()
    {
        var clean = Path.Combine(SharedData.PathOf("firms", "viirs-noaa20-nrt-2026"), "firms_snapshot_20260518_1003.csv");
        var (exit, output, _) = await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", "--strict",
            Path.Combine(Corpus, "modis-bad-confidence.csv"), clean);
        Assert.Equal(2, exit);
        Assert.Contains("REFUSED (--strict), nothing stored", output, StringComparison.Ordinal);
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot WHERE instrument = 'MODIS'"));
        Assert.Equal(4L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
        Assert.Equal(3, await _db.ScalarAsync<int>("SELECT rows_rejected FROM import_batch WHERE status = 'refused'"));
    }

    [Fact]
    public async Task ImportFirms_ZipAndDirectory_AreExpanded()
    {
        var dir = Directory.CreateTempSubdirectory("firms-zip-").FullName;
        try
        {
            var source = SharedData.PathOf("firms", "viirs-noaa20-nrt-2026");
            using (var zip = System.IO.Compression.ZipFile.Open(Path.Combine(dir, "snapshots.zip"),
                System.IO.Compression.ZipArchiveMode.Create))
            {
                foreach (var name in new[] { "firms_snapshot_20260511_0938.csv", "firms_snapshot_20260513_0843.csv" })
                    System.IO.Compression.ZipFileExtensions.CreateEntryFromFile(zip, Path.Combine(source, name), "2026/" + name);
            }
            var (exit, output, _) = await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", dir, "--json");
            Assert.Equal(0, exit);
            using var json = System.Text.Json.JsonDocument.Parse(output);
            var batches = json.RootElement.GetProperty("batches");
            Assert.Equal(2, batches.GetArrayLength());
            Assert.EndsWith("snapshots.zip!2026/firms_snapshot_20260511_0938.csv", batches[0].GetProperty("source").GetString(),
                StringComparison.Ordinal);
            Assert.Equal(8, batches.EnumerateArray().Sum(b => b.GetProperty("rows_stored").GetInt32()));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
