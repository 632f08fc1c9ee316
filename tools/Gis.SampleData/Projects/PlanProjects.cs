using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;

namespace Gis.SampleData.Projects;

/// <summary>A plan project row of <c>projects.csv</c>.</summary>
/// <param name="FiscalYearBe">Thai fiscal year, Buddhist Era (2568 = 1 Oct 2024 - 30 Sep 2025).</param>
/// <param name="IssueGroup">1 tourism, 2 agriculture and safe food, 3 creative and digital economy, 4 sustainable growth and environment,
/// 5 society of opportunity.</param>
/// <param name="TargetKind"><c>hotspot</c>, <c>green</c> or <c>other</c>.</param>
/// <param name="Districts">DOPA district codes the project names.</param>
internal sealed record PlanProject(
    string Code, string NameTh, string NameEn, string Agency, int FiscalYearBe, long BudgetThb,
    int IssueGroup, string TargetKind, string TargetValue, string TargetUnit, string[] Districts);

/// <summary>A project area: where a project works in a given year.</summary>
internal sealed record ProjectArea(string ProjectCode, int YearBe, string Name, Polygon Boundary);

/// <summary>
/// Invented plan projects in the shape of the provincial plan (five issue groups; hotspot and green-area targets).
/// Names, agencies and budgets are plausible, not real. Two reforestation areas of 2568 overlap on purpose, so that
/// "sum of what projects claim" and "union" differ, as they did in the real regional plan.
/// </summary>
internal static class PlanProjects
{
    private const string Pdpm = "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดเชียงใหม่";
    private const string Nre = "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดเชียงใหม่";
    private const string Forest = "สำนักจัดการทรัพยากรป่าไม้ที่ 1 (เชียงใหม่)";
    private const string Agriculture = "สำนักงานเกษตรจังหวัดเชียงใหม่";
    private const string Tourism = "สำนักงานการท่องเที่ยวและกีฬาจังหวัดเชียงใหม่";
    private const string Digital = "สำนักงานสถิติจังหวัดเชียงใหม่";
    private const string Social = "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดเชียงใหม่";

    public static IReadOnlyList<PlanProject> All { get; } =
    [
        new("CM-2568-001", "ป้องกันและแก้ไขปัญหาไฟป่าและหมอกควัน อำเภอแม่แจ่ม", "Forest fire and haze prevention, Mae Chaem", Pdpm, 2568,
            4_500_000, 4, "hotspot", "5", "percent_reduction", ["5003"]),
        new("CM-2568-002", "ทำแนวกันไฟและชิงเก็บลดเชื้อเพลิง อมก๋อย ฮอด ดอยเต่า",
            "Firebreaks and early fuel reduction, Omkoi, Hot, Doi Tao", Forest, 2568, 6_200_000, 4, "hotspot", "5", "percent_reduction",
                ["5018", "5016", "5017"]),
        new("CM-2568-003", "ปลูกป่าต้นน้ำเพิ่มพื้นที่สีเขียว ลุ่มน้ำแม่สา", "Headwater reforestation, Mae Sa watershed", Nre, 2568,
            2_800_000, 4, "green", "400", "rai", ["5007", "5008"]),
        new("CM-2568-004", "ฟื้นฟูป่าชุมชนเชิงดอยสุเทพ", "Community forest restoration, Doi Suthep foothills", Forest, 2568, 1_950_000, 4,
            "green", "300", "rai", ["5001", "5015"]),
        new("CM-2568-005", "ส่งเสริมเกษตรปลอดการเผา", "Burn-free farming extension", Agriculture, 2568, 3_400_000, 2, "hotspot", "10",
            "percent_reduction", ["5004", "5006", "5011"]),
        new("CM-2568-006", "ยกระดับการท่องเที่ยวเชิงสร้างสรรค์ เวียงเก่าเชียงใหม่", "Creative tourism in the old city", Tourism, 2568,
            5_000_000, 1, "other", "", "", ["5001"]),
        new("CM-2568-007", "ศูนย์ข้อมูลจังหวัดและแผนที่ดิจิทัล", "Provincial data centre and digital maps", Digital, 2568, 1_200_000, 3,
            "other", "", "", []),
        new("CM-2568-008", "สร้างโอกาสและความเป็นธรรมทางสังคม กลุ่มเปราะบาง", "Social opportunity for vulnerable groups", Social, 2568,
            2_100_000, 5, "other", "", "", ["5018", "5025"]),
        new("CM-2569-001", "เพิ่มพื้นที่สีเขียวปีละ 1,000 ไร่", "Add 1,000 rai of green area a year", Nre, 2569, 7_500_000, 4, "green",
            "1000", "rai", ["5002", "5008", "5022", "5024"]),
        new("CM-2569-002", "เฝ้าระวังไฟป่า เชียงดาว เวียงแหง", "Forest fire watch, Chiang Dao and Wiang Haeng", Pdpm, 2569, 3_900_000, 4,
            "hotspot", "5", "percent_reduction", ["5004", "5020"]),
    ];

    /// <summary>Project areas; boxes in 1e-3 degrees so corners are exact decimals.</summary>
    public static IReadOnlyList<ProjectArea> Areas(GeometryFactory factory) =>
    [
        Box(factory, "CM-2568-001", 2568, "แนวกันไฟ ห้วยแม่แจ่ม", 98250, 18520, 98400, 18650),
        Box(factory, "CM-2568-002", 2568, "ชิงเก็บ อมก๋อย", 98300, 17650, 98450, 17780),
        Box(factory, "CM-2568-002", 2568, "ชิงเก็บ ฮอด-ดอยเต่า", 98550, 17950, 98700, 18050),
        Box(factory, "CM-2568-003", 2568, "แปลงปลูก แม่สา", 98780, 18840, 98800, 18856),
        Box(factory, "CM-2568-004", 2568, "แปลงฟื้นฟู เชิงดอย", 98792, 18830, 98812, 18846),
        Box(factory, "CM-2569-001", 2569, "แปลงปลูก สะเมิง", 98700, 18800, 98725, 18820),
        Box(factory, "CM-2569-001", 2569, "แปลงปลูก แม่วาง", 98720, 18660, 98745, 18680),
        Box(factory, "CM-2569-002", 2569, "พื้นที่เฝ้าระวัง เชียงดาว", 98800, 19400, 98950, 19550),
    ];

    private static ProjectArea Box(GeometryFactory factory, string code, int year, string name, int west, int south, int east, int north) =>
        new(code, year, name, (Polygon)factory.ToGeometry(new Envelope(west / 1000.0, east / 1000.0, south / 1000.0, north / 1000.0)));

    public static void WriteCsv(TextWriter w)
    {
        w.Write("code,name_th,name_en,agency,fiscal_year,budget_thb,issue_group,target_kind,target_value,target_unit,districts\n");
        foreach (var p in All)
        {
            string[] fields =
            [
                p.Code, p.NameTh, p.NameEn, p.Agency, p.FiscalYearBe.ToString(CultureInfo.InvariantCulture),
                p.BudgetThb.ToString(CultureInfo.InvariantCulture), p.IssueGroup.ToString(CultureInfo.InvariantCulture),
                p.TargetKind, p.TargetValue, p.TargetUnit, string.Join(';', p.Districts),
            ];
            w.Write(string.Join(',', fields.Select(Quote)));
            w.Write('\n');
        }
    }

    /// <summary>RFC 4180 quoting, only where needed (names such as "1,000 ไร่" contain commas).</summary>
    private static string Quote(string field) =>
        field.Contains(',', StringComparison.Ordinal) || field.Contains('"', StringComparison.Ordinal)
            ? new StringBuilder("\"").Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString()
            : field;
}
