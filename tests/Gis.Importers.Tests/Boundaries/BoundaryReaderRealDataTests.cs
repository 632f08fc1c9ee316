using Gis.Core;
using Gis.Core.Admin;
using Gis.Importers.Boundaries;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Boundaries;

/// <summary>The published HDX COD-AB boundaries in ../shared/data: the acceptance test of the reader.</summary>
public class BoundaryReaderRealDataTests
{
    private static string ThaiLocate(string file) => SharedData.PathOf("boundaries", "hdx-thailocate", file);

    private static string MapThai(string file) => SharedData.PathOf("boundaries", "hdx-mapthai", file);

    [Theory]
    [InlineData("hdx-thailocate", "amphoe.geojson", 928, AdminLevel.District)]
    [InlineData("hdx-mapthai", "th_adm2.geojson", 928, AdminLevel.District)]
    [InlineData("hdx-thailocate", "province.geojson", 77, AdminLevel.Province)]
    [InlineData("hdx-mapthai", "th_adm1.geojson", 77, AdminLevel.Province)]
    [InlineData("hdx-thailocate", "chiangmai_amphoe_TH50.geojson", 25, AdminLevel.District)]
    public void Read_HdxFile_GivesEveryAreaOnceAtDetectedLevel(string folder, string file, int count, AdminLevel level)
    {
        var result = BoundaryReader.Read(SharedData.PathOf("boundaries", folder, file));

        Assert.Equal(count, result.Areas.Count);
        Assert.Equal(count, result.Areas.Select(a => a.Code).Distinct().Count());
        Assert.Equal(level, result.Level);
        Assert.All(result.Areas, a =>
        {
            Assert.Equal(level, a.Level);
            Assert.True(a.Boundary.IsValid, a.Code);
            Assert.Equal(Srid.Wgs84, a.Boundary.SRID);
            Assert.NotEmpty(a.NameTh);
            Assert.NotEmpty(a.NameEn);
        });
        Assert.DoesNotContain(result.Repairs, r => r.Kind == BoundaryRepairKind.DuplicateCodeMerged);
    }

    [Fact]
    public void Read_Amphoe_ChiangMaiHas25DistrictsNumbered5001To5025()
    {
        var result = BoundaryReader.Read(ThaiLocate("amphoe.geojson"));

        var chiangMai = result.Areas.Where(a => a.ProvinceCode == "50").Select(a => a.Code).Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"50{i:00}"), chiangMai);
        Assert.Equal(("ADM2_PCODE", "ADM2_TH", "ADM2_EN"), (result.CodeField, result.NameThField, result.NameEnField));
    }

    [Theory]
    [InlineData("hdx-thailocate", "amphoe.geojson")]
    [InlineData("hdx-mapthai", "th_adm2.geojson")]
    public void Read_BothFieldSets_MaeChaemIs5003WithThaiName(string folder, string file)
    {
        var maeChaem = BoundaryReader.Read(SharedData.PathOf("boundaries", folder, file)).Areas.Single(a => a.Code == "5003");

        Assert.Equal("แม่แจ่ม", maeChaem.NameTh);
        Assert.Equal("Mae Chaem", maeChaem.NameEn);
        Assert.True(maeChaem.NameTh.IsNormalized(System.Text.NormalizationForm.FormC));
        // Mae Chaem lies south-west of Chiang Mai city, around 98.4 E 18.5 N.
        Assert.True(maeChaem.Boundary.Contains(Gis.Core.Spatial.Geo.Point(98.36, 18.50)));
    }

    [Fact]
    public void Read_Amphoe_RepairsExactlyTheTwelveInvalidSouthernDistricts()
    {
        var repaired = BoundaryReader.Read(ThaiLocate("amphoe.geojson")).Repairs
            .Where(r => r.Kind == BoundaryRepairKind.InvalidGeometryFixed)
            .Select(r => r.Code)
            .ToList();

        // The same twelve that GEOS (ogrinfo -dialect sqlite ... NOT ST_IsValid) finds. The data README says
        // TH81xx/TH82xx only; in fact they span the southern provinces 81, 82, 84, 85, 86, 91 and 92.
        Assert.Equal(
            ["8104", "8105", "8202", "8204", "8205", "8206", "8404", "8503", "8607", "9101", "9202", "9204"],
            repaired.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_Province_RepairsSevenSouthernProvinces()
    {
        var result = BoundaryReader.Read(ThaiLocate("province.geojson"));

        var repaired = result.Repairs.Where(r => r.Kind == BoundaryRepairKind.InvalidGeometryFixed).ToList();
        Assert.Equal(["81", "82", "84", "85", "86", "91", "92"], repaired.Select(r => r.Code).Order(StringComparer.Ordinal));
        Assert.All(repaired, r => Assert.EndsWith("fixed with GeometryFixer", r.Description, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_MapThai_NeedsNoRepairs() =>
        Assert.Empty(BoundaryReader.Read(MapThai("th_adm2.geojson")).Repairs);

    [Fact]
    public void Read_DistrictFileAsProvinceLevel_UsesAdm1Fields()
    {
        // Every district feature carries its province's code: read that way, each province appears many times.
        var result = BoundaryReader.Read(ThaiLocate("chiangmai_amphoe_TH50.geojson"), new BoundaryReadOptions(Level: AdminLevel.Province));

        var province = Assert.Single(result.Areas);
        Assert.Equal(("50", "เชียงใหม่"), (province.Code, province.NameTh));
        Assert.Equal(24, result.Repairs.Count(r => r.Kind == BoundaryRepairKind.DuplicateCodeMerged));
        Assert.True(province.Boundary.IsValid);
    }
}
