using System.Text;
using Gis.Core;
using Gis.Core.Spatial;
using Gis.Importers.LandUse;
using Gis.Importers.Tests.Boundaries;
using Gis.TestSupport;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Esri;

namespace Gis.Importers.Tests.LandUse;

/// <summary>
/// Land-use shapefiles written at run time (Thai descriptions in TIS-620, Indian 1975 or WGS 84 UTM 47N), and the
/// real Land Development Department layers of three Phayao tambons.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class LandUseReaderTests : IAsyncLifetime, IDisposable
{
    // 1 km x 1 km near Chiang Mai in UTM 47N grid numbers. Read as Indian 1975, PROJ (+towgs84=210,814,289) puts
    // the first vertex at 98.9768343 E 18.8039319 N (see BoundaryReaderShapefileTests).
    private const string Square =
        "POLYGON ((497893.6 2078828.1, 498893.6 2078828.1, 498893.6 2079828.1, 497893.6 2079828.1, 497893.6 2078828.1))";

    private const string EsriIndian1975Prj =
        """PROJCS["Indian_1975_UTM_Zone_47N",GEOGCS["GCS_Indian_1975",DATUM["D_Indian_1975","""
        + """SPHEROID["Everest_Adjustment_1937",6377276.345,300.8017]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],"""
        + """PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],"""
        + """PARAMETER["Central_Meridian",99.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";

    private readonly BoundaryFixtures _files = new();
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostGis.NewDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Parcels_Indian1975Shapefile_LandsHundredsOfMetresFromSameNumbersAsUtm()
    {
        var indian = Single(WriteShapefile("indian.shp", EsriIndian1975Prj));
        var utm = Single(WriteShapefile("utm.shp", Reprojection.WktOf(Srid.Utm47N)));

        Assert.Equal(98.9768343, indian.Geometry.Coordinates[0].X, 1e-6);
        Assert.Equal(18.8039319, indian.Geometry.Coordinates[0].Y, 1e-6);
        var shift = Reprojection.Wgs84ToUtm47N.Apply(indian.Geometry.Centroid)
            .Distance(Reprojection.Wgs84ToUtm47N.Apply(utm.Geometry.Centroid));
        // The ADR measured about 450 m at Chiang Mai; a missing datum shift would give 0.
        Assert.InRange(shift, 300, 600);
    }

    [Fact]
    public async Task Import_Tis620Shapefile_ThaiNamesRoundTripThroughTheStore()
    {
        var path = WriteShapefile("thai.shp", Reprojection.WktOf(Srid.Utm47N));
        using var layer = LandUseReader.Open(path, LandUseMappingFile.Default);

        var result = await new LandUseImporter(_db.Store).ImportAsync(layer, 2566);

        Assert.Equal((1, 1), (result.Parcels, result.GreenParcels));
        Assert.Equal("ป่าผลัดใบสมบูรณ์", await _db.ScalarAsync<string>("SELECT class_name_th FROM landuse_parcel"));
        Assert.Equal("national_reserved_forest", await _db.ScalarAsync<string>("SELECT land_class FROM landuse_parcel"));
        // 1 km² of grid is 625 rai; UTM's scale factor near the central meridian shrinks grid areas by ~0.08 %.
        Assert.Equal(625, result.AreaRai, 1.0);
    }

    [Theory]
    [InlineData("lu_bto_5.geojson", 937)]
    [InlineData("Lu_spm_5.geojson", 196)]
    [InlineData("lu_btn_5.geojson", 200)]
    public async Task Import_RealLddLayer_CountsAndAreaFromGeometry(string file, int parcels)
    {
        var path = SharedData.PathOf("landuse", "ldd-phayao-3-tambons", file);
        using var layer = LandUseReader.Open(path, LandUseMappingFile.Default);

        var result = await new LandUseImporter(_db.Store).ImportAsync(layer, 2565);

        Assert.Equal(parcels, result.Parcels);
        Assert.Equal(parcels, await _db.ScalarAsync<long>("SELECT count(*) FROM landuse_parcel WHERE snapshot = 2565"));
        // Independent of PostGIS: the same parcels read again, projected to UTM 47N and measured by NTS. Phayao is
        // about 100 km from the central meridian, where UTM enlarges areas by ~0.04 %: 0.5 % is ample, and a
        // degrees-based or stale-attribute area (Area_Rai disagrees for 162 parcels of lu_bto_5) would be far off.
        using var again = LandUseReader.Open(path, LandUseMappingFile.Default);
        var planarRai = again.Parcels().Sum(p => Reprojection.Wgs84ToUtm47N.Apply(p.Geometry).Area) / 1600;
        Assert.Equal(planarRai, result.AreaRai, planarRai * 0.005);
        Assert.True(result.GreenParcels > 0);
        // Its LU_CODE field gives the layer away as LDD's (ADR 0017).
        Assert.Equal("Land Development Department (LDD)", await _db.ScalarAsync<string>("SELECT credit FROM landuse_snapshot"));
    }

    [Fact]
    public async Task Import_CreditGiven_OverridesTheLddCredit()
    {
        using var layer = LandUseReader.Open(SharedData.PathOf("landuse", "ldd-phayao-3-tambons", "lu_btn_5.geojson"),
            LandUseMappingFile.Default);

        await new LandUseImporter(_db.Store) { Credit = "Phayao PAO survey" }.ImportAsync(layer, 2565);

        Assert.Equal("Phayao PAO survey", await _db.ScalarAsync<string>("SELECT credit FROM landuse_snapshot"));
    }

    private static Gis.Core.LandUse.LandUseParcel Single(string path)
    {
        using var layer = LandUseReader.Open(path, LandUseMappingFile.Default);
        return Assert.Single(layer.Parcels());
    }

    private string WriteShapefile(string name, string prj)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = _files.PathOf(name);
        var attributes = new AttributesTable
        {
            { "LU_CODE", "F201" }, { "LU_DES_TH", "ป่าผลัดใบสมบูรณ์" }, { "LU_DES_EN", "Dense deciduous forest" },
        };
        Shapefile.WriteAllFeatures([new Feature((Polygon)new WKTReader().Read(Square), attributes)], path, prj, Encoding.GetEncoding(874));
        // Thai agencies' .cpg says TIS-620; the writer would name the code page its own way.
        File.WriteAllText(Path.ChangeExtension(path, ".cpg"), "TIS-620");
        return path;
    }
}
