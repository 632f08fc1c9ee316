using System.Globalization;
using Gis.Core;
using Gis.Importers.Boundaries;
using Gis.TestSupport;
using static Gis.Importers.Tests.Boundaries.BoundaryFixtures;

namespace Gis.Importers.Tests.Boundaries;

/// <summary>GeoPackages made at run time by GDAL's ogr2ogr, an implementation independent of ours.</summary>
public sealed class BoundaryReaderGeoPackageTests : IDisposable
{
    private readonly BoundaryFixtures _files = new();

    public void Dispose() => _files.Dispose();

    private static string Epsg(int srid) => "EPSG:" + srid.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Read_RealChiangMaiDistricts_SameAsGeoJson()
    {
        var geoJson = SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson");
        var gpkg = _files.PathOf("chiangmai.gpkg");
        Ogr2Ogr("-f", "GPKG", gpkg, geoJson, "-nln", "amphoe");

        var fromGpkg = BoundaryReader.Read(gpkg);
        var fromJson = BoundaryReader.Read(geoJson);

        Assert.Equal("GeoPackage", fromGpkg.Format);
        Assert.Equal(25, fromGpkg.Areas.Count);
        Assert.Equal(fromJson.Areas.Select(a => (a.Code, a.NameTh, a.NameEn)), fromGpkg.Areas.Select(a => (a.Code, a.NameTh, a.NameEn)));
        Assert.All(fromGpkg.Areas.Zip(fromJson.Areas), p => Assert.True(p.First.Boundary.EqualsExact(p.Second.Boundary), p.First.Code));
    }

    [Fact]
    public void Read_NamedLayerInUtm_IsReprojected()
    {
        // The second layer holds UTM 47N coordinates; its first vertex is 98.98 E 18.80 N after PROJ.
        var gpkg = _files.PathOf("two-layers.gpkg");
        var wgs = _files.WriteGeoJson("wgs.geojson", Feature("POLYGON ((98.9 18.7, 99 18.7, 99 18.8, 98.9 18.7))", ("ADM1_PCODE", "TH50")));
        var utm = _files.WriteGeoJson("utm.geojson", Feature(
            "POLYGON ((497892.5 2078698.2499, 498892.5 2078698.2499, 498892.5 2079698.2499, 497892.5 2078698.2499))",
            ("ADM2_PCODE", "TH5001"), ("ADM2_TH", "เมืองเชียงใหม่")));
        Ogr2Ogr("-f", "GPKG", gpkg, wgs, "-nln", "province");
        Ogr2Ogr("-update", gpkg, utm, "-nln", "amphoe_utm", "-a_srs", Epsg(Srid.Utm47N));

        var first = BoundaryReader.Read(gpkg);
        var named = BoundaryReader.Read(gpkg, new BoundaryReadOptions(Layer: "AMPHOE_UTM"));

        Assert.Equal("50", first.Areas[0].Code);
        var area = Assert.Single(named.Areas);
        Assert.Equal(("5001", "เมืองเชียงใหม่"), (area.Code, area.NameTh));
        Assert.Equal(98.98, area.Boundary.Coordinates[0].X, 1e-7);
        Assert.Equal(18.80, area.Boundary.Coordinates[0].Y, 1e-7);
    }

    [Fact]
    public void Read_Indian1975Layer_AppliesDatumShift()
    {
        var gpkg = _files.PathOf("indian.gpkg");
        var source = _files.WriteGeoJson("indian.geojson", Feature(
            "POLYGON ((497893.6 2078828.1, 498893.6 2078828.1, 498893.6 2079828.1, 497893.6 2078828.1))", ("ADM2_PCODE", "TH5001")));
        Ogr2Ogr("-f", "GPKG", gpkg, source, "-a_srs", Epsg(Srid.Indian1975Utm47N));

        var corner = BoundaryReader.Read(gpkg).Areas[0].Boundary.Coordinates[0];

        Assert.Equal(98.9768343, corner.X, 1e-6);
        Assert.Equal(18.8039319, corner.Y, 1e-6);
    }

    [Fact]
    public void Read_UnknownLayer_ListsLayers()
    {
        var gpkg = _files.PathOf("one.gpkg");
        var source = _files.WriteGeoJson("one.geojson",
            Feature("POLYGON ((98.9 18.7, 99 18.7, 99 18.8, 98.9 18.7))", ("ADM1_PCODE", "TH50")));
        Ogr2Ogr("-f", "GPKG", gpkg, source, "-nln", "province");

        var e = Assert.Throws<BoundaryFormatException>(() => BoundaryReader.Read(gpkg, new BoundaryReadOptions(Layer: "tambon")));

        Assert.Equal($"{gpkg}: has no layer 'tambon'; its layers are province", e.Message);
    }
}
