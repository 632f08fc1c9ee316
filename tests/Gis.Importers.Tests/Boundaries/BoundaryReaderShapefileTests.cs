using System.Text;
using Gis.Core;
using Gis.Core.Spatial;
using Gis.Importers.Boundaries;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Esri;

namespace Gis.Importers.Tests.Boundaries;

/// <summary>
/// Shapefiles written at run time with the NTS writer: Thai names in TIS-620/Windows-874, coordinates in UTM 47N
/// or Indian 1975 / UTM 47N. Expected longitudes and latitudes come from PROJ (see ReprojectionTests).
/// </summary>
public sealed class BoundaryReaderShapefileTests : IDisposable
{
    // 98.98 E 18.80 N in WGS 84 / UTM 47N, after PROJ.
    private const string UtmTriangle =
        "POLYGON ((497892.5 2078698.2499, 498892.5 2078698.2499, 498892.5 2079698.2499, 497892.5 2078698.2499))";
    // Read as Indian 1975 / UTM 47N, PROJ (+towgs84=210,814,289) puts the first vertex at 98.9768343 E 18.8039319 N.
    private const string IndianTriangle = "POLYGON ((497893.6 2078828.1, 498893.6 2078828.1, 498893.6 2079828.1, 497893.6 2078828.1))";

    private const string EsriIndian1975Prj =
        """PROJCS["Indian_1975_UTM_Zone_47N",GEOGCS["GCS_Indian_1975",DATUM["D_Indian_1975","""
        + """SPHEROID["Everest_Adjustment_1937",6377276.345,300.8017]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],"""
        + """PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],"""
        + """PARAMETER["Central_Meridian",99.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";

    private static readonly Encoding Thai = ThaiEncoding();

    private readonly BoundaryFixtures _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("TIS-620")]
    [InlineData("874")]
    public void Read_ThaiCpgAndUtmPrj_GivesThaiNamesAndLonLat(string cpg)
    {
        var path = WriteShapefile(UtmTriangle, Reprojection.WktOf(Srid.Utm47N), cpg);

        var result = BoundaryReader.Read(path);

        var area = Assert.Single(result.Areas);
        Assert.Equal(("Shapefile", "AP_IDN", "AP_TN"), (result.Format, result.CodeField, result.NameThField));
        Assert.Equal(("5003", "แม่แจ่ม", "Mae Chaem"), (area.Code, area.NameTh, area.NameEn));
        Assert.Equal(98.98, area.Boundary.Coordinates[0].X, 1e-7);
        Assert.Equal(18.80, area.Boundary.Coordinates[0].Y, 1e-7);
        Assert.Equal(Srid.Wgs84, area.Boundary.SRID);
    }

    [Fact]
    public void Read_Fixture_DbfReallyHoldsTis620Bytes()
    {
        var path = WriteShapefile(UtmTriangle, null, "TIS-620");

        // แม่แจ่ม in TIS-620: one byte per letter, 0xE1 0xC1 0xE8 ...; in UTF-8 it would be three bytes per letter.
        var dbf = File.ReadAllBytes(Path.ChangeExtension(path, ".dbf"));
        Assert.True(dbf.AsSpan().IndexOf((byte[])[0xE1, 0xC1, 0xE8, 0xE1, 0xA8, 0xE8, 0xC1]) >= 0);
    }

    [Fact]
    public void Read_EsriIndian1975Prj_AppliesDatumShift()
    {
        var path = WriteShapefile(IndianTriangle, EsriIndian1975Prj, "TIS-620");

        var corner = BoundaryReader.Read(path).Areas[0].Boundary.Coordinates[0];

        // 1e-6 degrees is about 0.1 m; without the shift the corner would be some 450 m away.
        Assert.Equal(98.9768343, corner.X, 1e-6);
        Assert.Equal(18.8039319, corner.Y, 1e-6);
    }

    [Fact]
    public void Read_Utf8CpgOverTis620Dbf_ReadsThaiNames_AndSaysItConverted()
    {
        var path = WriteShapefile(UtmTriangle, Reprojection.WktOf(Srid.Utm47N), "UTF-8");
        var cpg = Path.ChangeExtension(path, ".cpg");

        var read = BoundaryReader.Read(path);

        Assert.Equal("แม่แจ่ม", read.Areas[0].NameTh);
        Assert.Equal($"{path}: read as TIS-620: {cpg} says UTF-8 but the .dbf text is not (feature 1, field AP_TN)", read.EncodingNote);
        // The option is the user's word: no detection, no note.
        var told = BoundaryReader.Read(path, new BoundaryReadOptions(Encoding: "TIS-620"));
        Assert.Equal(("แม่แจ่ม", (string?)null), (told.Areas[0].NameTh, told.EncodingNote));
    }

    [Fact]
    public void Read_Utf8CpgOverUtf8Dbf_ReadAsDeclared()
    {
        var path = WriteShapefile(UtmTriangle, Reprojection.WktOf(Srid.Utm47N), "UTF-8", new UTF8Encoding(false));

        var read = BoundaryReader.Read(path);

        Assert.Equal(("แม่แจ่ม", (string?)null), (read.Areas[0].NameTh, read.EncodingNote));
    }

    [Fact]
    public void Read_Utf8CpgOverTextOfNeitherEncoding_RefusedNamingTheFeature()
    {
        var path = WriteShapefile(UtmTriangle, Reprojection.WktOf(Srid.Utm47N), "UTF-8");
        // 0x81 is unused in TIS-620 and a stray continuation byte in UTF-8.
        var dbf = File.ReadAllBytes(Path.ChangeExtension(path, ".dbf"));
        dbf[dbf.AsSpan().IndexOf(Thai.GetBytes("แม่แจ่ม"))] = 0x81;
        File.WriteAllBytes(Path.ChangeExtension(path, ".dbf"), dbf);

        var e = Assert.Throws<BoundaryFormatException>(() => BoundaryReader.Read(path));

        Assert.StartsWith($"{path}: feature 1: field AP_TN is neither UTF-8 (as ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoPrj_UsesSourceSrid()
    {
        var path = WriteShapefile(UtmTriangle, null, "TIS-620");

        var corner = BoundaryReader.Read(path, new BoundaryReadOptions(SourceSrid: Srid.Utm47N)).Areas[0].Boundary.Coordinates[0];

        Assert.Equal(98.98, corner.X, 1e-7);
        Assert.Equal(18.80, corner.Y, 1e-7);
    }

    [Fact]
    public void Read_UnknownCpg_NamesEncodingAndFile()
    {
        var path = WriteShapefile(UtmTriangle, null, "KLINGON-1");

        var e = Assert.Throws<BoundaryFormatException>(() => BoundaryReader.Read(path));

        Assert.StartsWith(path + ": text encoding 'KLINGON-1' (from ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DbfMissing_SaysSo()
    {
        var path = WriteShapefile(UtmTriangle, null, "874");
        File.Delete(Path.ChangeExtension(path, ".dbf"));

        var e = Assert.Throws<BoundaryFormatException>(() => BoundaryReader.Read(path));

        Assert.Contains(".dbf", e.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
    }

    private string WriteShapefile(string wkt, string? prj, string cpg, Encoding? encoding = null)
    {
        var path = _files.PathOf("amphoe.shp");
        var attributes = new AttributesTable { { "AP_IDN", "5003" }, { "AP_TN", "แม่แจ่ม" }, { "AP_EN", "Mae Chaem" } };
        var polygon = (Polygon)new WKTReader().Read(wkt);
        Shapefile.WriteAllFeatures([new Feature(polygon, attributes)], path, prj, encoding ?? Thai);
        // The writer names the encoding its own way; a .cpg from Thai agencies says TIS-620 or 874.
        File.WriteAllText(Path.ChangeExtension(path, ".cpg"), cpg);
        if (prj is null)
            File.Delete(Path.ChangeExtension(path, ".prj"));
        return path;
    }

    private static Encoding ThaiEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(874);
    }
}
