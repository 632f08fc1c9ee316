namespace Gis.SampleData.LandUse;

/// <summary>A Land Development Department land-use class (codes and descriptions as LDD publishes them).</summary>
/// <param name="IsGreen">Green under the project's default table: forest, perennial crops, orchards, urban green space.</param>
internal sealed record LandUseClass(string Code, string NameTh, string NameEn, bool IsGreen)
{
    /// <summary>LUL1_CODE: the first letter (A agriculture, F forest, M miscellaneous, U urban, W water).</summary>
    public string Level1 => Code[..1];

    /// <summary>LUL2_CODE: letter and first digit, e.g. <c>A4</c>.</summary>
    public string Level2 => Code[..2];

    public static readonly LandUseClass EvergreenForest = new("F101", "ป่าไม่ผลัดใบสมบูรณ์", "Dense evergreen forest", true);
    public static readonly LandUseClass DeciduousForest = new("F201", "ป่าผลัดใบสมบูรณ์", "Dense deciduous forest", true);
    public static readonly LandUseClass DisturbedDeciduous = new("F200", "ป่าผลัดใบรอสภาพฟื้นฟู", "Disturbed deciduous forest", true);
    public static readonly LandUseClass Shrubland = new("M102", "ทุ่งหญ้าสลับไม้พุ่ม/ไม้ละเมาะ", "Shrubland", false);
    public static readonly LandUseClass Corn = new("A202", "ข้าวโพด", "Corn", false);
    public static readonly LandUseClass AbandonedFieldCrop = new("A200", "ไร่ร้าง", "Abandoned field crop", false);
    public static readonly LandUseClass Teak = new("A305", "สัก", "Teak", true);
    public static readonly LandUseClass Longan = new("A413", "ลำไย", "Longan", true);
    public static readonly LandUseClass MixedOrchard = new("A401", "ไม้ผลผสม", "Mixed orchard", true);
    public static readonly LandUseClass Paddy = new("A101", "นาข้าว", "Active paddy field", false);
    public static readonly LandUseClass TruckCrop = new("A502", "พืชผัก", "Truck crop", false);
    public static readonly LandUseClass Village = new("U201", "หมู่บ้านบนพื้นราบ", "Village", false);
    public static readonly LandUseClass City = new("U101", "ตัวเมืองและย่านการค้า", "City, Town, Commercial", false);
    public static readonly LandUseClass Institutional = new("U301", "สถานที่ราชการและสถาบันต่าง ๆ", "Institutional land", false);
    public static readonly LandUseClass Recreation = new("U601", "สถานที่พักผ่อนหย่อนใจ", "Recreation area", true);
    public static readonly LandUseClass Reservoir = new("W201", "อ่างเก็บน้ำ", "Reservoir", false);
    public static readonly LandUseClass FarmPond = new("W202", "บ่อน้ำในไร่นา", "Farm pond", false);
}
