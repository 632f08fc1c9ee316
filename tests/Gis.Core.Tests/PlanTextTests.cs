using Gis.Core.Admin;
using Gis.Core.Plans;
using Gis.Core.Text;
using Gis.Core.Time;

namespace Gis.Core.Tests;

public class PlanTextTests
{
    [Theory]
    [InlineData("พฤศจิกายน 2565", 2022, 11)]
    [InlineData("พฤศจิกายน2563", 2020, 11)]
    [InlineData(" มีนาคม 2568 ", 2025, 3)]
    [InlineData("ม.ค. 2567", 2024, 1)]
    public void TryParseThaiMonthYear_MonthAndBeYear_GivesFirstOfMonth(string text, int ceYear, int month)
    {
        Assert.True(ThaiCalendar.TryParseThaiMonthYear(text, out var date));
        Assert.Equal(new DateOnly(ceYear, month, 1), date);
    }

    [Theory]
    [InlineData("รวบรวมข้อมูลถึง 2556")]
    [InlineData("2565")]
    [InlineData("พฤศจิกายน 2022")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseThaiMonthYear_NotMonthYear_IsFalse(string? text) =>
        Assert.False(ThaiCalendar.TryParseThaiMonthYear(text, out _));

    [Theory]
    [InlineData(2022, 9, 30, 2565)]
    [InlineData(2022, 10, 1, 2566)]
    [InlineData(2022, 11, 1, 2566)]
    public void FiscalYear_OctoberStartsNextYear(int y, int m, int d, int expected) =>
        Assert.Equal(expected, ThaiCalendar.FiscalYear(new DateOnly(y, m, d)));

    [Theory]
    [InlineData("1,234,500", 1234500)]
    [InlineData("1234500", 1234500)]
    [InlineData("702,500", 702500)]
    [InlineData("30,000,000 บาท", 30000000)]
    [InlineData("1,000.50", 1000.50)]
    public void BahtAmount_TryParse_Grouped(string text, double expected)
    {
        Assert.True(BahtAmount.TryParse(text, out var amount));
        Assert.Equal((decimal)expected, amount);
    }

    [Theory]
    [InlineData("300,0")]
    [InlineData("1,23,450")]
    [InlineData("12a")]
    [InlineData("")]
    [InlineData("-5")]
    public void BahtAmount_TryParse_OcrNoise_IsRefused(string text) => Assert.False(BahtAmount.TryParse(text, out _));

    [Theory]
    [InlineData("สันก\u0E4D\u0E32แพง", "5013")]
    [InlineData("อำเภอแม่แจ่ม", "5003")]
    [InlineData("mae chaem", "5003")]
    [InlineData("Mae-Chaem", "5003")]
    [InlineData("อมก๋อย", "5018")]
    [InlineData("Galyani Vadhana", "5025")]
    public void DistrictNames_BuiltIn_FindsThaiAndEnglish(string name, string code)
    {
        Assert.True(DistrictNames.BuiltInChiangMai.TryFind(name, out var found));
        Assert.Equal(code, found);
    }

    [Fact]
    public void DistrictNames_SameNameInTwoProvinces_IsAmbiguous()
    {
        var names = new DistrictNames([("5001", "เมือง", "Mueang"), ("5101", "เมือง", "Mueang")]);
        Assert.False(names.TryFind("เมือง", out _));
        Assert.Equal(["5001", "5101"], names.Find("Mueang"));
        Assert.False(DistrictNames.BuiltInChiangMai.TryFind("เมืองปาน", out _));
    }

    [Fact]
    public void DistrictNames_BareMueangWithSeveralProvinces_NotChiangMaisAlias()
    {
        Assert.True(DistrictNames.BuiltInChiangMai.TryFind("อำเภอเมือง", out var chiangMai));
        Assert.Equal("5001", chiangMai);
        var national = new DistrictNames([.. DistrictNames.ChiangMai, ("8001", "เมืองนครศรีธรรมราช", "Mueang Nakhon Si Thammarat")]);
        Assert.Empty(national.Find("อำเภอเมือง"));
        Assert.True(national.TryFind("เมืองเชียงใหม่", out var full));
        Assert.Equal("5001", full);
    }

    [Theory]
    [InlineData("โครงการพัฒนาเศรษฐกิจสิงแวดล้อมเพื่อลดฝุ่นควัน", TargetKind.HotspotReduction)]
    [InlineData("ปลูกป่าต้นน้ำเพิ่มพื้นที่สีเขียว ลุ่มน้ำแม่สา", TargetKind.GreenArea)]
    [InlineData("Forest fire and haze prevention", TargetKind.HotspotReduction)]
    public void Infer_ClearName_GivesKind(string name, TargetKind kind) => Assert.Equal(kind, TargetKinds.Infer(name));

    [Theory]
    [InlineData("โครงการบริหารจัดการด้านทรัพยากรธรรมชาติ และสิ่งแวดล้อม")]
    [InlineData("ปลูกป่าและป้องกันไฟป่า")]
    public void Infer_UnclearOrBoth_IsNull(string name) => Assert.Null(TargetKinds.Infer(name));
}
