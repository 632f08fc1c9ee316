using System.Globalization;
using System.Text.Json;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Import;

/// <summary>
/// <c>gis import landuse</c> with parcels that overlap: the areas printed are of the union (land counted once), checked
/// against a plain PostGIS union, and the overlap is named.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class LandUseImportTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("landuse-cli-").FullName;
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostGis.NewDatabaseAsync();

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Two forest parcels of 0.01 x 0.01 degrees, the second shifted half a width east, and a paddy field apart.</summary>
    private string OverlappingParcels()
    {
        static string Feature(string code, double west, double south)
        {
            var (east, north) = (west + 0.01, south + 0.01);
            var ring = string.Create(CultureInfo.InvariantCulture,
                $"[[{west},{south}],[{east},{south}],[{east},{north}],[{west},{north}],[{west},{south}]]");
            return $"{{\"type\":\"Feature\",\"properties\":{{\"LU_CODE\":\"{code}\"}},"
                + $"\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[{ring}]}}}}";
        }
        var path = Path.Combine(_dir, "overlap.geojson");
        File.WriteAllText(path, "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",",
            Feature("F201", 98.90, 18.80), Feature("F201", 98.905, 18.80), Feature("A101", 98.95, 18.80)) + "]}");
        return path;
    }

    [Fact]
    public async Task Import_OverlappingParcels_PrintsTheUnionAndWarnsOfTheOverlap()
    {
        var path = OverlappingParcels();
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "import", "landuse", path, "--snapshot", "2566");
        Assert.True(exit == 0, error);

        var union = await _db.ScalarAsync<double>(
            "SELECT ST_Area(ST_Union(geom)::geography) / 1600 FROM landuse_parcel WHERE snapshot = 2566");
        var greenUnion = await _db.ScalarAsync<double>(
            "SELECT ST_Area(ST_Union(geom)::geography) / 1600 FROM landuse_parcel WHERE snapshot = 2566 AND is_green");
        var greenSum = await _db.ScalarAsync<double>(
            "SELECT sum(ST_Area(geom::geography)) / 1600 FROM landuse_parcel WHERE snapshot = 2566 AND is_green");
        // Two green squares of which half of each lies under the other: the union is three quarters of the sum.
        Assert.Equal(0.75, greenUnion / greenSum, 3);
        var rai = (double x) => x.ToString("N2", CultureInfo.InvariantCulture);
        Assert.Contains($"area {rai(union)} rai", output, StringComparison.Ordinal);
        Assert.Contains($"green {rai(greenUnion)} rai", output, StringComparison.Ordinal);
        Assert.Contains($"2 parcel(s) overlap others: {rai(greenSum - greenUnion)} rai lie under more than one parcel",
            output, StringComparison.Ordinal);

        var (_, json, _) = await CliRunner.RunAsync(_db.ConnectionString, "import", "landuse", path, "--snapshot", "2566", "--json");
        var result = JsonDocument.Parse(json).RootElement;
        Assert.Equal(greenUnion, result.GetProperty("green_area_rai").GetDouble(), 3);
        Assert.Equal(2, result.GetProperty("overlapping_parcels").GetInt32());
        Assert.Equal(greenSum - greenUnion, result.GetProperty("overlap_rai").GetDouble(), 3);
    }
}
