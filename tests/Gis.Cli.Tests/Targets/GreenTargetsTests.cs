using System.Text.Json;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Targets;

/// <summary>
/// <c>gis import landuse</c> and <c>gis targets green</c> on sample-data/, checked district by district against an
/// independent parcel-by-parcel PostGIS query over the stored tables.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class GreenTargetsTests : IAsyncLifetime
{
    private static readonly string SampleData = Path.Combine(SharedData.RepoRoot, "sample-data");
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        Assert.Equal(0, (await Run("import", "boundaries", Path.Combine(SampleData, "boundaries",
            "chiang-mai-districts.geojson"))).ExitCode);
        Assert.Equal(0, (await Run("import", "landuse", Path.Combine(SampleData, "landuse", "landuse-2565.geojson"), "--snapshot",
            "2565")).ExitCode);
        // The same year written in CE: 2023 + 543 = 2566.
        Assert.Equal(0, (await Run("import", "landuse", Path.Combine(SampleData, "landuse", "landuse-2566.geojson"), "--snapshot", "2023",
            "--ce")).ExitCode);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task TargetsGreen_SampleData_EqualsIndependentQuery()
    {
        var (exit, output, error) = await Run("targets", "green", "--from", "2565", "--to", "2566", "--province", "50", "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(("2565", "2566"), (json.RootElement.GetProperty("from").GetString(), json.RootElement.GetProperty("to").GetString()));
        var districts = json.RootElement.GetProperty("districts").EnumerateArray().ToList();
        Assert.Equal(25, districts.Count);
        double gainSum = 0, lossSum = 0;
        foreach (var d in districts)
        {
            var code = d.GetProperty("code").GetString()!;
            var (gain, loss) = await IndependentGreenChange.OfDistrictAsync(_db, code, 2565, 2566);
            // 0.01 rai = 16 m². In San Pa Tong a parcel edge runs 1.4 cm from the district border over 760 m; GEOS
            // overlay resolves that 10.7 m² sliver differently in the two methods (seen, not a method error).
            Assert.Equal(gain, d.GetProperty("gain_rai").GetDouble(), 0.01);
            Assert.Equal(loss, d.GetProperty("loss_rai").GetDouble(), 0.01);
            Assert.Equal(gain - loss, d.GetProperty("net_rai").GetDouble(), 0.01);
            (gainSum, lossSum) = (gainSum + gain, lossSum + loss);
        }
        var province = json.RootElement.GetProperty("province");
        Assert.Equal("50", province.GetProperty("code").GetString());
        Assert.Equal(gainSum, province.GetProperty("gain_rai").GetDouble(), 0.05);
        Assert.Equal(lossSum, province.GetProperty("loss_rai").GetDouble(), 0.05);
        // The generator turns some parcels green and some not: a test of zeros would prove nothing.
        Assert.True(gainSum > 1000 && lossSum > 100, $"gain {gainSum}, loss {lossSum}");
    }

    [Fact]
    public async Task TargetsGreen_Table_HasRaiNganWahAndTotal()
    {
        var (exit, output, _) = await Run("targets", "green", "--from", "2565", "--to", "2566");

        Assert.Equal(0, exit);
        Assert.Contains("ไร่-งาน-วา", output, StringComparison.Ordinal);
        Assert.Contains("Mueang Chiang Mai", output, StringComparison.Ordinal);
        Assert.Contains("outside every district", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportLanduse_CeYearWithoutFlag_Refused()
    {
        var (exit, _, error) = await Run("import", "landuse", Path.Combine(SampleData, "landuse", "landuse-2565.geojson"), "--snapshot",
            "2022");

        Assert.Equal(2, exit);
        Assert.Contains("--ce", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetsGreen_MissingSnapshot_Refused()
    {
        var (exit, _, error) = await Run("targets", "green", "--from", "2564", "--to", "2566");

        Assert.Equal(2, exit);
        Assert.Contains("2564 is not imported", error, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output, string Error)> Run(params string[] args) => CliRunner.RunAsync(_db.ConnectionString, args);
}
