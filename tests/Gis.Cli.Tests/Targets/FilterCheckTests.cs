using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Targets;

/// <summary>
/// Filters are checked in one place (HotspotFilter.Parse, the imported provinces): an unknown value is exit 2 with the
/// valid values, and an empty selection says which other series the store has rather than "no detections at all".
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class FilterCheckTests : IAsyncLifetime
{
    private static readonly string SampleData = Path.Combine(SharedData.RepoRoot, "sample-data");
    private readonly string _dir = Directory.CreateTempSubdirectory("filter-check-").FullName;
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        await Run(0, "import", "boundaries", Path.Combine(SampleData, "boundaries", "chiang-mai-districts.geojson"));
        await Run(0, "import", "firms", Path.Combine(SampleData, "firms", "viirs-snpp-2025.csv"),
            Path.Combine(SampleData, "firms", "viirs-snpp-2026.csv"));
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("--satellite", "XYZ", "satellite 'XYZ' is not known; valid: N (S-NPP), N20 (NOAA-20), N21 (NOAA-21), Terra, Aqua.")]
    [InlineData("--instrument", "AVHRR", "instrument 'AVHRR' is not known; valid: VIIRS, MODIS, all.")]
    [InlineData("--confidence", "x", "confidence 'x' is not known; valid: l (low), n (nominal), h (high).")]
    [InlineData("--daynight", "M", "day/night 'M' is not known; valid: D (day), N (night).")]
    [InlineData("--province", "99", "province 99: no districts of it are imported; provinces with districts: 50")]
    public async Task TargetsHotspots_UnknownValue_Exit2NamingTheValidOnes(string option, string value, string message)
    {
        var (_, error) = await Run(2, "targets", "hotspots", "--period", "season:2569", option, value);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hotspots_UnknownProvince_Exit2InsteadOfAnEmptyTable()
    {
        var (output, error) = await Run(2, "hotspots", "--from", "2026-01-01", "--to", "2026-01-31", "--province", "99");
        Assert.Equal("", output);
        Assert.Contains("province 99: no districts of it are imported; provinces with districts: 50", error, StringComparison.Ordinal);
        await Run(2, "targets", "green", "--from", "2565", "--to", "2566", "--province", "99");
        await Run(2, "map", "--period", "season:2569", "--province", "99", "--out", Path.Combine(_dir, "m.png"));
    }

    [Fact]
    public async Task SatelliteTerra_CountsMODIS_AndNamesTheSeriesThatIsStored()
    {
        var (output, _) = await Run(0, "targets", "hotspots", "--period", "season:2569", "--satellite", "Terra", "--format", "json");

        // Terra implies MODIS; the sample has only VIIRS S-NPP, which the notes name with their counts and the option.
        Assert.Contains("no detections of the selection (MODIS Terra) are stored for the period fire season 2569, but other series are: "
            + "VIIRS N ", output, StringComparison.Ordinal);
        Assert.Contains("for the baseline period fire season 2568, but other series are: VIIRS N ", output, StringComparison.Ordinal);
        Assert.Contains("choose one with --instrument VIIRS", output, StringComparison.Ordinal);
        Assert.DoesNotContain("no detections at all", output, StringComparison.Ordinal);
        var stored = await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_counted "
            + "WHERE local_day BETWEEN '2025-01-01' AND '2025-05-31' AND left(district_code, 2) = '50'");
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"VIIRS N {stored:N0}"), output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapAndReport_TakeTheInstrument()
    {
        var (mapOut, _) = await Run(0, "map", "--theme", "reduction", "--layers", "districts,hotspots", "--period", "season:2569",
            "--instrument", "MODIS", "--out", Path.Combine(_dir, "modis.svg"));
        Assert.Contains(", 0 hotspots,", mapOut, StringComparison.Ordinal);
        Assert.Contains("MODIS", await File.ReadAllTextAsync(Path.Combine(_dir, "modis.svg")), StringComparison.Ordinal);
        await Run(2, "report", "--period", "season:2569", "--instrument", "XYZ", "--out", Path.Combine(_dir, "r.pdf"));
        await Run(0, "report", "--period", "season:2569", "--instrument", "MODIS", "--lang", "en", "--trend", "1",
            "--out", Path.Combine(_dir, "r.pdf"));
        Assert.Contains("Hotspots (MODIS)", await Pdf.TextAsync(Path.Combine(_dir, "r.pdf"), 1), StringComparison.Ordinal);
    }

    private async Task<(string Output, string Error)> Run(int expectedExit, params string[] args)
    {
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, args);
        Assert.True(exit == expectedExit, $"gis {string.Join(' ', args)}: exit {exit}, expected {expectedExit}: {error}");
        return (output, error);
    }
}
