using Gis.Core.Admin;
using Gis.Core.LandUse;
using Gis.Importers.Boundaries;
using Gis.Importers.Features;
using Gis.Importers.LandUse;
using Gis.Importers.Queries.LandUse;
using Gis.Importers.Store;
using Gis.Importers.Tests.Boundaries;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Queries;

/// <summary>
/// Green change on hand-made rectangles: two districts side by side (border at 98.1 E), parcels of 0.01° inside one,
/// across the border, and outside both; each expected area is worked out by hand on the ellipsoid and also by an
/// independent parcel-by-parcel PostGIS query.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class GreenChangeQueriesTests : IAsyncLifetime, IDisposable
{
    // Parcels, each 0.01° x 0.01°. Green in 2565 -> 2566:
    //   inside 5001: stays green (no change) | becomes green (gain 5001) | inside 5002: becomes non-green (loss 5002)
    //   across the border: becomes green (gain split half-half) | stays green across the border (no change)
    //   outside both districts: becomes green (gain outside)
    private const string StaysGreen = "POLYGON ((98.02 18.02, 98.03 18.02, 98.03 18.03, 98.02 18.03, 98.02 18.02))";
    private const string Greens = "POLYGON ((98.04 18.04, 98.05 18.04, 98.05 18.05, 98.04 18.05, 98.04 18.04))";
    private const string Browns = "POLYGON ((98.15 18.02, 98.16 18.02, 98.16 18.03, 98.15 18.03, 98.15 18.02))";
    private const string StraddleGreens = "POLYGON ((98.095 18.06, 98.105 18.06, 98.105 18.07, 98.095 18.07, 98.095 18.06))";
    private const string StraddleStays = "POLYGON ((98.095 18.08, 98.105 18.08, 98.105 18.09, 98.095 18.09, 98.095 18.08))";
    private const string OutsideGreens = "POLYGON ((98.30 18.02, 98.31 18.02, 98.31 18.03, 98.30 18.03, 98.30 18.02))";

    private readonly BoundaryFixtures _files = new();
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        await new BoundaryImporter(_db.Store).ReplaceAsync(
        [
            new AdminArea("5001", "เมือง", "West", Wkt.MultiPolygon("POLYGON ((98.0 18.0, 98.1 18.0, 98.1 18.1, 98.0 18.1, 98.0 18.0))")),
            new AdminArea("5002", "ตะวันออก", "East",
                Wkt.MultiPolygon("POLYGON ((98.1 18.0, 98.2 18.0, 98.2 18.1, 98.1 18.1, 98.1 18.0))")),
        ], "fixture");
        await ImportAsync(2565, ("F201", StaysGreen), ("A202", Greens), ("A413", Browns), ("M102", StraddleGreens),
            ("A305", StraddleStays), ("U201", OutsideGreens));
        await ImportAsync(2566, ("F201", StaysGreen), ("F200", Greens), ("A202", Browns), ("A305", StraddleGreens),
            ("A305", StraddleStays), ("U601", OutsideGreens));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task ChangeByDistrict_Rectangles_MatchHandComputedAreas()
    {
        var report = await new GreenChangeQueries(_db.Store).ChangeByDistrictAsync(2565, 2566, "50");

        var cell = CellRai(18.045);
        var half = CellRai(18.065) / 2;
        Assert.Equal(["5001", "5002"], report.Districts.Select(d => d.Code));
        var (west, east) = (report.Districts[0], report.Districts[1]);
        // 1e-3 relative: the hand formula treats each cell as a small trapezoid on the ellipsoid.
        Assert.Equal(cell + half, west.GainRai, (cell + half) * 1e-3);
        Assert.Equal(0, west.LossRai, 1e-6);
        Assert.Equal(half, east.GainRai, half * 1e-3);
        Assert.Equal(CellRai(18.025), east.LossRai, cell * 1e-3);
        Assert.Equal(half - CellRai(18.025), east.NetRai, cell * 1e-3);
        Assert.Equal(CellRai(18.025), report.Outside.GainRai, cell * 1e-3);
        Assert.Equal(0, report.Outside.LossRai, 1e-6);
        Assert.Equal(west.GainRai + east.GainRai, report.Total("50", "", "").GainRai, 1e-9);
    }

    [Theory]
    [InlineData("5001")]
    [InlineData("5002")]
    public async Task ChangeByDistrict_EqualsParcelByParcelQuery(string code)
    {
        var report = await new GreenChangeQueries(_db.Store).ChangeByDistrictAsync(2565, 2566, null);
        var expected = await IndependentGreenChange.OfDistrictAsync(_db, code, 2565, 2566);

        var district = Assert.Single(report.Districts, d => d.Code == code);
        // 1e-4 rai = 0.16 m².
        Assert.Equal(expected.GainRai, district.GainRai, 1e-4);
        Assert.Equal(expected.LossRai, district.LossRai, 1e-4);
    }

    [Fact]
    public async Task ChangeByDistrict_Reversed_SwapsGainAndLoss()
    {
        var queries = new GreenChangeQueries(_db.Store);
        var forward = await queries.ChangeByDistrictAsync(2565, 2566, "50");
        var back = await queries.ChangeByDistrictAsync(2566, 2565, "50");

        Assert.Equal(forward.Districts.Select(d => Math.Round(d.GainRai, 6)), back.Districts.Select(d => Math.Round(d.LossRai, 6)));
        Assert.Equal(forward.Districts.Select(d => Math.Round(d.LossRai, 6)), back.Districts.Select(d => Math.Round(d.GainRai, 6)));
    }

    [Fact]
    public async Task ChangeByDistrict_SnapshotNotImported_ListsImported()
    {
        var e = await Assert.ThrowsAsync<StoreException>(() => new GreenChangeQueries(_db.Store).ChangeByDistrictAsync(2565, 2567, "50"));

        Assert.Contains("2567 is not imported (imported: 2565, 2566)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SameSnapshotAgain_ReplacesWholly()
    {
        var result = await ImportAsync(2565, ("F201", StaysGreen));

        Assert.Equal((1, 6), (result.Parcels, result.ReplacedParcels));
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM landuse_parcel WHERE snapshot = 2565"));
        Assert.Equal(6L, await _db.ScalarAsync<long>("SELECT count(*) FROM landuse_parcel WHERE snapshot = 2566"));
    }

    [Fact]
    public async Task Import_BadFeature_RefusesWithFeatureNumberAndChangesNothing()
    {
        var sha = await _db.ScalarAsync<string>("SELECT sha256 FROM landuse_snapshot WHERE snapshot = 2565");
        var path = _files.WriteGeoJson("bad.geojson",
            BoundaryFixtures.Feature(StaysGreen, ("LU_CODE", "F201")),
            BoundaryFixtures.Feature(Greens, ("LU_CODE", "F200")),
            BoundaryFixtures.Feature("LINESTRING (98 18, 98.1 18.1)", ("LU_CODE", "A202")));

        var e = await Assert.ThrowsAsync<FeatureFormatException>(() => ImportFileAsync(path, 2565));

        Assert.Equal((path, 3), (e.FilePath, e.FeatureNumber));
        Assert.Contains("LineString", e.Message, StringComparison.Ordinal);
        Assert.Equal(6L, await _db.ScalarAsync<long>("SELECT count(*) FROM landuse_parcel WHERE snapshot = 2565"));
        Assert.Equal(sha, await _db.ScalarAsync<string>("SELECT sha256 FROM landuse_snapshot WHERE snapshot = 2565"));
    }

    [Fact]
    public async Task Import_UnmappedCode_NamesFeatureAndCode()
    {
        var path = _files.WriteGeoJson("unmapped.geojson",
            BoundaryFixtures.Feature(StaysGreen, ("LU_CODE", "F201")),
            BoundaryFixtures.Feature(Greens, ("LU_CODE", "X999")));

        var e = await Assert.ThrowsAsync<FeatureFormatException>(() => ImportFileAsync(path, 2570));

        Assert.Equal(2, e.FeatureNumber);
        Assert.Contains("'X999'", e.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM landuse_snapshot WHERE snapshot = 2570"));
    }

    [Fact]
    public async Task Import_Bowtie_RepairedAndReported()
    {
        var path = _files.WriteGeoJson("bowtie.geojson",
            BoundaryFixtures.Feature("POLYGON ((98.02 18.02, 98.03 18.03, 98.03 18.02, 98.02 18.03, 98.02 18.02))", ("LU_CODE", "F201")));

        var result = await ImportFileAsync(path, 2571);

        var repair = Assert.Single(result.Repairs);
        Assert.Equal((1, "F201"), (repair.FeatureNumber, repair.ClassCode));
        Assert.True(await _db.ScalarAsync<bool>("SELECT bool_and(ST_IsValid(geom)) FROM landuse_parcel WHERE snapshot = 2571"));
    }

    /// <summary>
    /// Area in rai of a 0.01° x 0.01° cell centred at latitude <paramref name="latitude"/> on the WGS 84 ellipsoid:
    /// meridian radius M times prime-vertical radius N times cos φ times the angles in radians.
    /// </summary>
    private static double CellRai(double latitude)
    {
        const double a = 6378137, f = 1 / 298.257223563;
        var e2 = f * (2 - f);
        var phi = latitude * Math.PI / 180;
        var w = 1 - (e2 * Math.Sin(phi) * Math.Sin(phi));
        var m = a * (1 - e2) / Math.Pow(w, 1.5);
        var n = a / Math.Sqrt(w);
        var angle = 0.01 * Math.PI / 180;
        return m * angle * n * Math.Cos(phi) * angle / 1600;
    }

    private Task<LandUseImportResult> ImportAsync(int year, params (string Code, string Wkt)[] parcels) =>
        ImportFileAsync(_files.WriteGeoJson($"lu-{year}-{Guid.NewGuid():N}.geojson",
            [.. parcels.Select(p => BoundaryFixtures.Feature(p.Wkt, ("LU_CODE", p.Code)))]), year);

    private async Task<LandUseImportResult> ImportFileAsync(string path, int year)
    {
        using var layer = LandUseReader.Open(path, LandUseMappingFile.Default);
        return await new LandUseImporter(_db.Store).ImportAsync(layer, year);
    }
}
