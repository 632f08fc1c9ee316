using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Map;

/// <summary>
/// Credits from provenance (ADR 0017): a map names the sources its imports recorded, so a map of the synthetic
/// sample data never claims HDX or NASA, and a map of the real files does.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class MapCreditsTests : IAsyncLifetime
{
    private const string Synthetic = "synthetic sample data (gis sample-data generator)";
    private static readonly string SampleData = Path.Combine(SharedData.RepoRoot, "sample-data");
    private TestDatabase _db = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        _folder = Directory.CreateTempSubdirectory("gis-credit-tests-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task ImportAsync(params string[] args)
    {
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, ["import", .. args]);
        Assert.True(exit == 0, error);
    }

    /// <summary>The map's text, as an SVG holds it (one text element per run of glyphs, so the words are joined).</summary>
    private async Task<string> SvgTextAsync(params string[] args)
    {
        var file = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".svg");
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, ["map", "--lang", "en", .. args, "--out", file]);
        Assert.True(exit == 0, error);
        return await File.ReadAllTextAsync(file);
    }

    [Fact]
    public async Task SampleData_ImportedWithCredit_MapCreditsSyntheticOnly()
    {
        await ImportAsync("boundaries", Path.Combine(SampleData, "boundaries", "chiang-mai-districts.geojson"), "--credit", Synthetic);
        await ImportAsync("firms", Path.Combine(SampleData, "firms"), "--credit", Synthetic);

        var svg = await SvgTextAsync("--theme", "reduction", "--period", "season:2569", "--baseline", "season:2568");

        Assert.All(["Boundaries: " + Synthetic, "Hotspots: " + Synthetic],
            credit => Assert.Contains(credit, svg, StringComparison.Ordinal));
        Assert.All(["HDX", "NASA", "FIRMS"], claim => Assert.DoesNotContain(claim, svg, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SampleData_ImportedByHandWithoutCredit_IsCreditedSyntheticByItsCreditTxt()
    {
        // As a newcomer would type it, without --credit: the files imitate HDX, FIRMS and LDD byte for byte.
        await ImportAsync("boundaries", Path.Combine(SampleData, "boundaries", "chiang-mai-districts.geojson"));
        await ImportAsync("firms", Path.Combine(SampleData, "firms"));
        await ImportAsync("landuse", Path.Combine(SampleData, "landuse", "landuse-2565.geojson"), "--snapshot", "2565");

        var svg = await SvgTextAsync("--theme", "reduction", "--period", "season:2569", "--baseline", "season:2568");

        Assert.All(["Boundaries: " + Synthetic, "Hotspots: " + Synthetic],
            credit => Assert.Contains(credit, svg, StringComparison.Ordinal));
        Assert.All(["HDX", "NASA", "FIRMS"], claim => Assert.DoesNotContain(claim, svg, StringComparison.Ordinal));
        // What the importers recorded, read back by plain queries: every batch, district and snapshot.
        Assert.Equal(Synthetic, await _db.ScalarAsync<string>(
            "SELECT string_agg(DISTINCT credit, ' | ') FROM (SELECT credit FROM import_batch UNION ALL SELECT credit FROM admin_area " +
            "UNION ALL SELECT credit FROM landuse_snapshot) c"));
    }

    [Fact]
    public async Task CreditOption_WinsOverTheCreditTxtBesideTheFile()
    {
        await ImportAsync("boundaries", Path.Combine(SampleData, "boundaries", "chiang-mai-districts.geojson"), "--credit", "Station A");
        Assert.Equal("Station A", await _db.ScalarAsync<string>("SELECT DISTINCT credit FROM admin_area"));
    }

    [Fact]
    public async Task CreditTxt_NamingNobody_RefusesTheImportByName_AndStoresNothing()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "own")).FullName;
        var districts = Path.Combine(folder, "districts.geojson");
        File.Copy(Path.Combine(SampleData, "boundaries", "chiang-mai-districts.geojson"), districts);
        var sidecar = Path.Combine(folder, "credit.txt");
        await File.WriteAllTextAsync(sidecar, "# who made these?\n\n");

        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries", districts);

        Assert.Equal(2, exit);
        Assert.Contains(sidecar, error, StringComparison.Ordinal);
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT count(*) FROM admin_area"));
    }

    [Fact]
    public async Task ThaiMap_TranslatesTheImportersPhrases_AndWrapsALongCreditInsideThePage()
    {
        const string Long = "Chiang Mai Provincial Administrative Organisation field survey of district boundaries, revised with the "
            + "Department of Provincial Administration, 2568 edition, digitised by the provincial environment office";
        await ImportAsync("boundaries", Path.Combine(SampleData, "boundaries", "chiang-mai-districts.geojson"), "--credit", Long);
        await ImportAsync("firms", Path.Combine(SampleData, "firms"), "--credit", Synthetic);
        var file = Path.Combine(_folder, "th.svg");
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "map", "--theme", "hotspots", "--period", "season:2569",
            "--size", "a4-portrait", "--out", file);
        Assert.True(exit == 0, error);
        var svg = await File.ReadAllTextAsync(file);

        Assert.Contains("จุดความร้อน: ข้อมูลตัวอย่างสังเคราะห์", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(Synthetic, svg, StringComparison.Ordinal);
        // A user's own credit stays as given, on two lines: never one line running off the page.
        Assert.Contains("ขอบเขตอำเภอ: Chiang Mai Provincial Administrative", svg, StringComparison.Ordinal);
        Assert.Contains("provincial environment office", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(Long, svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RealFiles_CreditsReadFromTheData_NameHdxAndTheFirmsSeries()
    {
        await ImportAsync("boundaries", SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson"));
        await ImportAsync("firms", SharedData.PathOf("firms", "viirs-noaa20-nrt-2026", "firms_snapshot_20260401_0953.csv"));

        var svg = await SvgTextAsync("--theme", "hotspots", "--period", "2026-03-25..2026-04-01");

        Assert.Contains("Boundaries: HDX COD-AB (OCHA)", svg, StringComparison.Ordinal);
        Assert.Contains("Hotspots: NASA FIRMS VIIRS NOAA-20 NRT (2.0NRT)", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("synthetic", svg, StringComparison.Ordinal);
        // What the importer recorded, read back by a plain query: one batch, named by its file's series.
        Assert.Equal("NASA FIRMS VIIRS NOAA-20 NRT (2.0NRT)", await _db.ScalarAsync<string>("SELECT credit FROM import_batch"));
    }

    [Fact]
    public async Task Credit_GivenOnImport_OverridesWhatTheDataSays_AndOnlyDrawnBatchesAreCredited()
    {
        await ImportAsync("boundaries", SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson"),
            "--credit", "Chiang Mai PAO survey 2568");
        await ImportAsync("firms", SharedData.PathOf("firms", "viirs-noaa20-nrt-2026", "firms_snapshot_20260401_0953.csv"),
            "--credit", "Station A");
        await ImportAsync("firms", Path.Combine(SampleData, "firms", "viirs-snpp-2019.csv"), "--credit", "Station B");

        // The 2026 period draws only the first file's detections: the 2019 batch is not credited.
        var svg = await SvgTextAsync("--theme", "hotspots", "--period", "2026-03-25..2026-04-01");

        Assert.All(["Boundaries: Chiang Mai PAO survey 2568", "Hotspots: Station A"],
            credit => Assert.Contains(credit, svg, StringComparison.Ordinal));
        Assert.All(["Station B", "HDX", "NASA"], claim => Assert.DoesNotContain(claim, svg, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Credit_Empty_IsRefused()
    {
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "import", "firms",
            Path.Combine(SampleData, "firms", "viirs-snpp-2019.csv"), "--credit", " ");
        Assert.Equal(2, exit);
        Assert.Contains("--credit", error, StringComparison.Ordinal);
    }
}
