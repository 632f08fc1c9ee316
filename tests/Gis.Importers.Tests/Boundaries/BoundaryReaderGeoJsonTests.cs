using Gis.Core;
using Gis.Core.Admin;
using Gis.Importers.Boundaries;
using NetTopologySuite.IO;
using static Gis.Importers.Tests.Boundaries.BoundaryFixtures;

namespace Gis.Importers.Tests.Boundaries;

/// <summary>Hand-made GeoJSON pinning repairs, merges, overrides and every way a file can be wrong.</summary>
public sealed class BoundaryReaderGeoJsonTests : IDisposable
{
    private const string Square = "POLYGON ((98.9 18.7, 99.0 18.7, 99.0 18.8, 98.9 18.8, 98.9 18.7))";
    private const string NextSquare = "POLYGON ((99.0 18.7, 99.1 18.7, 99.1 18.8, 99.0 18.8, 99.0 18.7))";
    // A bow tie: its two edges cross at 98.95 18.75.
    private const string BowTie = "POLYGON ((98.9 18.7, 99.0 18.8, 99.0 18.7, 98.9 18.8, 98.9 18.7))";

    private readonly BoundaryFixtures _files = new();

    public void Dispose() => _files.Dispose();

    private static string District(string? wkt, string? code, string th = "แม่แจ่ม", string en = "Mae Chaem") =>
        Feature(wkt, ("ADM2_PCODE", code), ("ADM2_TH", th), ("ADM2_EN", en), ("ADM1_PCODE", "TH50"));

    [Fact]
    public void Read_Polygon_BecomesMultiPolygonWithWgs84Srid()
    {
        var path = _files.WriteGeoJson("one.geojson", District(Square, "TH5003"));

        var area = Assert.Single(BoundaryReader.Read(path).Areas);

        Assert.Equal(new WKTReader().Read($"MULTIPOLYGON ({Square[7..]})"), area.Boundary);
        Assert.Equal(Srid.Wgs84, area.Boundary.SRID);
        Assert.Equal(("5003", "แม่แจ่ม", "Mae Chaem"), (area.Code, area.NameTh, area.NameEn));
    }

    [Fact]
    public void Read_SelfIntersection_IsFixedAndReportedWithPlace()
    {
        var path = _files.WriteGeoJson("bowtie.geojson", District(Square, "TH5001"), District(BowTie, "TH5003"));

        var result = BoundaryReader.Read(path);

        var repair = Assert.Single(result.Repairs);
        Assert.Equal(new BoundaryRepair("5003", 2, BoundaryRepairKind.InvalidGeometryFixed,
            "Self-intersection at 98.95 18.75, fixed with GeometryFixer"), repair);
        var fixedBoundary = result.Areas[1].Boundary;
        Assert.True(fixedBoundary.IsValid);
        Assert.Equal(2, fixedBoundary.NumGeometries);
    }

    [Fact]
    public void Read_SameCodeTwice_MergesIntoOneAreaAndReports()
    {
        var path = _files.WriteGeoJson("split.geojson", District(Square, "TH5003"), District(Square, "TH5001"),
            District(NextSquare, "TH5003"));

        var result = BoundaryReader.Read(path);

        Assert.Equal(["5003", "5001"], result.Areas.Select(a => a.Code));
        Assert.Equal(0.02, result.Areas[0].Boundary.Area, 1e-9);
        Assert.True(result.Areas[0].Boundary.IsValid);
        var merge = Assert.Single(result.Repairs);
        Assert.Equal(("5003", 3, BoundaryRepairKind.DuplicateCodeMerged), (merge.Code, merge.FeatureNumber, merge.Kind));
        Assert.Contains("feature 1", merge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DecomposedSaraAm_IsComposed()
    {
        var path = _files.WriteGeoJson("am.geojson", District(Square, "TH5010", th: "อ\u0E4D\u0E32เภอ"));

        Assert.Equal("อำเภอ", BoundaryReader.Read(path).Areas[0].NameTh);
    }

    [Fact]
    public void Read_SubdistrictFields_WinOverDistrictFields()
    {
        var path = _files.WriteGeoJson("tambon.geojson", Feature(Square,
            ("ADM3_PCODE", "TH500301"), ("ADM3_TH", "ช่างเคิ่ง"), ("ADM3_EN", "Chang Khoeng"), ("ADM2_PCODE", "TH5003")));

        var result = BoundaryReader.Read(path);

        Assert.Equal(AdminLevel.Subdistrict, result.Level);
        Assert.Equal(("500301", "ช่างเคิ่ง"), (result.Areas[0].Code, result.Areas[0].NameTh));
    }

    [Fact]
    public void Read_OwnFieldNames_AreUsedAndLevelComesFromCodes()
    {
        var path = _files.WriteGeoJson("own.geojson", Feature(Square, ("amp_code", "5003"), ("name", "แม่แจ่ม")));

        var result = BoundaryReader.Read(path, new BoundaryReadOptions(CodeField: "AMP_CODE", NameThField: "name"));

        Assert.Equal((AdminLevel.District, "amp_code", "name", null),
            (result.Level, result.CodeField, result.NameThField, result.NameEnField));
        Assert.Equal(("5003", "แม่แจ่ม", ""), (result.Areas[0].Code, result.Areas[0].NameTh, result.Areas[0].NameEn));
    }

    [Fact]
    public void Read_LegacyCrsMember_IsHonoured()
    {
        // UTM 47N of 98.98 E 18.80 N after PROJ (see ReprojectionTests); the crs member is GeoJSON 2008 style.
        var path = _files.PathOf("utm.geojson");
        var district = District(
            "POLYGON ((497892.5 2078698.2499, 498892.5 2078698.2499, 498892.5 2079698.2499, 497892.5 2078698.2499))", "TH5001");
        File.WriteAllText(path, $$$"""
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::{{{Srid.Utm47N}}}"}},
             "features":[{{{district}}}]}
            """);

        var corner = BoundaryReader.Read(path).Areas[0].Boundary.Coordinates[0];

        Assert.Equal(98.98, corner.X, 1e-7);
        Assert.Equal(18.80, corner.Y, 1e-7);
    }

    [Fact]
    public void Read_ProjectedCoordinatesWithoutCrs_AsksForTheSridOption()
    {
        var path = _files.WriteGeoJson("nocrs.geojson",
            District("POLYGON ((497892 2078698, 498892 2078698, 498892 2079698, 497892 2078698))", "TH5001"));

        var e = Assert.Throws<BoundaryFormatException>(() => BoundaryReader.Read(path));
        // The user meets the command line, not the reader's option record.
        Assert.Contains("give its EPSG code with --srid", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SourceSrid", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.FeatureNumber);

        var read = BoundaryReader.Read(path, new BoundaryReadOptions(SourceSrid: Srid.Utm47N));
        Assert.Equal(98.98, read.Areas[0].Boundary.Coordinates[0].X, 1e-4);
    }

    public static TheoryData<string, string, int?, string> BadFiles => new()
    {
        { "missing code", District(Square, "TH5001") + "," + District(Square, null), 2, "has no code in field ADM2_PCODE" },
        { "malformed code", District(Square, "TH50X3"), 1, "code 'TH50X3' in field ADM2_PCODE is not a DOPA code" },
        { "province code in district field", District(Square, "TH5001") + "," + District(Square, "TH50"), 2,
            "has 2 digits, but the level read is District" },
        { "line string", District(Square, "TH5001") + "," + District("LINESTRING (98.9 18.7, 99 18.8)", "TH5002"), 2,
            "(code 5002) is a LineString" },
        { "point", District("POINT (98.9 18.7)", "TH5001"), 1, "is a Point" },
        { "null geometry", District(null, "TH5001"), 1, "(code 5001) has no geometry" },
        { "empty geometry", District("POLYGON EMPTY", "TH5001"), 1, "has no geometry" },
        { "no code field", Feature(Square, ("name", "x")), null,
            "has no code field (ADM3_PCODE, ADM2_PCODE, ADM1_PCODE, TB_IDN, AP_IDN, PV_IDN) and none was named; its fields are name" },
        { "no features", "", null, "has no features" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Read_BadFeature_MessageNamesFileFeatureAndProblem(string name, string features, int? featureNumber, string problem)
    {
        var path = _files.PathOf(name.Replace(' ', '-') + ".geojson");
        File.WriteAllText(path, $$"""{"type":"FeatureCollection","features":[{{features}}]}""");

        var e = Assert.Throws<BoundaryFormatException>(() => BoundaryReader.Read(path));

        Assert.StartsWith(path + ": " + (featureNumber is int n ? $"feature {n}: " : ""), e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Equal((path, featureNumber), (e.FilePath, e.FeatureNumber));
    }

    public static TheoryData<string, byte[], string> NotBoundaryFiles => new()
    {
        { "empty.geojson", [], "is empty" },
        { "picture.geojson", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13],
            "is not a GeoJSON, Shapefile (.shp) or GeoPackage (.gpkg) file; it starts with bytes 89504E470D0A1A0A" },
        { "truncated.geojson", "{\"type\":\"FeatureCollection\",\"features\":["u8.ToArray(), "is not valid JSON" },
        { "other.json", "{\"name\":\"not geojson\"}"u8.ToArray(), "is JSON but not a GeoJSON FeatureCollection" },
        { "fake.gpkg", "SQLite format 3\0 but nothing else"u8.ToArray(), "cannot be read as a GeoPackage" },
    };

    [Theory]
    [MemberData(nameof(NotBoundaryFiles))]
    public void Read_NotABoundaryFile_SaysWhatItIs(string fileName, byte[] content, string problem)
    {
        var path = _files.PathOf(fileName);
        File.WriteAllBytes(path, content);

        var e = Assert.Throws<BoundaryFormatException>(() => BoundaryReader.Read(path));

        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Null(e.FeatureNumber);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => BoundaryReader.Read(_files.PathOf("nowhere.geojson")));
}
