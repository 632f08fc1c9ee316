using System.Text.Json;
using Gis.Core.Plans;
using Gis.Core.Text;
using Gis.Importers.Projects;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Projects;

/// <summary>The readers on the real published files and on small fixtures; no database.</summary>
public sealed class ProjectReaderTests : IDisposable
{
    private const string Header =
        "code,name_th,name_en,agency,fiscal_year,budget_thb,issue_group,target_kind,target_value,target_unit,districts";
    private static readonly string BudgetChiangMai = SharedData.PathOf("plans", "budget-fy2565",
        "fy2022_chiangmai_province_and_upper_north_cluster_items.csv");
    private static readonly string Fuel = SharedData.PathOf("plans", "fire-fund-cnx", "Fuel_Manage_20vills.geojson");
    private readonly string _dir = Directory.CreateTempSubdirectory("gis-projects-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Read_OwnCsv_ParsesEveryColumn()
    {
        var path = Write("p.csv", Header + "\n"
            + "X-1,\"ปลูกป่า, แม่ริม\",Planting,สำนักงาน,2568,\"1,234,500\",4,green,400,rai,5007;Mae Chaem;อำเภอสันก\u0E4D\u0E32แพง\n");

        var result = ProjectReader.Read(path);

        Assert.Equal("csv", result.Format);
        Assert.Empty(result.Problems);
        var project = Assert.Single(result.Projects);
        Assert.Equal(new PlanProject("X-1", "ปลูกป่า, แม่ริม", "Planting", "สำนักงาน", 2568, 1_234_500m, 4, TargetKind.GreenArea, 400,
            "rai", []), project with { DistrictCodes = [] });
        // Code, English name, Thai name with decomposed sara am: one code each, sorted.
        Assert.Equal(["5003", "5007", "5013"], project.DistrictCodes);
    }

    [Fact]
    public void Read_OwnCsvBadLines_ReportsEachLineAndRefuses()
    {
        var path = Write("bad.csv", Header + "\n"
            + "A,ก,,,2568,\"300,0\",4,green,,,\n"
            + "B,ข,,,2025,,9,fire,,,Nowhere\n"
            + "A,ค,,,2568,,,other,,,\n");

        var result = ProjectReader.Read(path);

        Assert.True(result.Refused);
        Assert.Empty(result.Projects);
        Assert.Contains(result.Problems, p => p.Number == 2 && p.Message.Contains("'300,0'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Number == 3 && p.Message.Contains("2568 BE", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Number == 3 && p.Message.Contains("issue group", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Number == 3 && p.Message.Contains("'fire'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Number == 3 && p.Message.Contains("'Nowhere'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Number == 4 && p.Message.Contains("already on line 2", StringComparison.Ordinal));
        Assert.All(result.Problems, p => Assert.Equal("line", p.Unit));
    }

    [Fact]
    public void Read_RealBudgetBill_GroupsChiangMaiLinesIntoSixProjects()
    {
        var result = ProjectReader.Read(BudgetChiangMai);

        Assert.Equal("budget-bill", result.Format);
        Assert.Equal(81, result.RecordsRead);
        Assert.Equal(15, result.Projects.Count);
        var chiangMai = result.Projects.Where(p => p.Agency == "จังหวัดเชียงใหม่").ToList();
        Assert.Equal(6, chiangMai.Count);
        Assert.Equal(302_517_100m, chiangMai.Sum(p => p.BudgetThb!.Value));
        Assert.All(result.Projects, p => Assert.Equal(2565, p.FiscalYear));
        // Upper-north cluster's haze project is the one clear hotspot project; nothing is called green.
        var hotspot = Assert.Single(result.Projects, p => p.TargetKind == TargetKind.HotspotReduction);
        Assert.Contains("ฝุ่นควัน", hotspot.NameTh, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Projects, p => p.TargetKind == TargetKind.GreenArea);
        Assert.Contains(result.Notes, n => n.Contains("target kind other", StringComparison.Ordinal));
        // Road works (lines 13-19) name Omkoi (OCR-broken province name after it), Mueang twice, Mae Taeng + San Sai,
        // Hang Dong + San Pa Tong, Doi Tao, Chom Thong.
        var tourism = chiangMai.Single(p => p.NameTh.Contains("ท่องเที่ยว", StringComparison.Ordinal));
        Assert.Equal(["5001", "5002", "5006", "5012", "5014", "5015", "5017", "5018"], tourism.DistrictCodes);
        // Districts of other provinces are reported, not guessed.
        Assert.Contains(result.Problems, p => p.Number == 3 && p.Message.Contains("เมืองปาน", StringComparison.Ordinal) && !p.Refuses);
        Assert.False(result.Refused);
    }

    [Fact]
    public void Read_BudgetBillWithOcrAmount_ReportsLineAndLeavesBudgetUnknown()
    {
        var result = ProjectReader.Read(SharedData.PathOf("plans", "budget-fy2565", "provinces_part1.csv"));

        Assert.Equal(910, result.RecordsRead);
        var problem = Assert.Single(result.Problems, p => p.Message.Contains("'300,0'", StringComparison.Ordinal));
        Assert.False(problem.Refuses);
        var lines = File.ReadAllLines(SharedData.PathOf("plans", "budget-fy2565", "provinces_part1.csv"));
        Assert.Contains("\"300,0\"", lines[problem.Number - 1], StringComparison.Ordinal);
        Assert.Single(result.Projects, p => p.BudgetThb is null);
    }

    [Fact]
    public void Read_FuelManagement_ReadsAll36AreasWithDatesAndDistricts()
    {
        var result = ProjectReader.Read(Fuel);

        Assert.Equal("geojson/fuel-management", result.Format);
        Assert.Equal(36, result.Areas.Count);
        var project = Assert.Single(result.Projects);
        Assert.Equal(TargetKind.HotspotReduction, project.TargetKind);
        // Mae Wang, Hang Dong, San Pa Tong, Mae Taeng, Phrao, Mae Rim: every Amp_Th matched, none reported.
        Assert.Equal(["5006", "5007", "5011", "5012", "5015", "5022"], project.DistrictCodes);
        Assert.DoesNotContain(result.Problems, p => p.Message.Contains("Amp_Th", StringComparison.Ordinal));

        using var json = JsonDocument.Parse(File.ReadAllText(Fuel));
        var dates = json.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties").GetProperty("Cre_Date").GetString()).ToList();
        Assert.Equal(dates.Count(d => d!.StartsWith("พฤศจิกายน", StringComparison.Ordinal) && d.EndsWith("2565", StringComparison.Ordinal)),
            result.Areas.Count(a => a.RecordedOn == new DateOnly(2022, 11, 1) && a.Year == 2565));
        // "รวบรวมข้อมูลถึง 2556" (data collected up to 2556) is no month: reported per feature, year left unknown.
        var undated = dates.Select((d, i) => (d, i + 1)).Where(x => x.d!.StartsWith("รวบรวม",
            StringComparison.Ordinal)).Select(x => x.Item2).ToList();
        Assert.Equal(3, undated.Count);
        Assert.Equal(undated, result.Problems.Where(p => p.Message.StartsWith("Cre_Date", StringComparison.Ordinal)).Select(p => p.Number));
        Assert.Equal(3, result.Areas.Count(a => a.Year is null));
        Assert.All(result.Areas, a => Assert.DoesNotContain("\u0E4D\u0E32", a.Name, StringComparison.Ordinal));
        Assert.Equal(2568, project.FiscalYear);
    }

    [Fact]
    public void Read_AreaFileDefiningProjects_CreatesThemAndReportsBadFeatures()
    {
        var path = Write("areas.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"project_code":"G-1","year":2568,"area_name":"แปลง ๑","name_th":"ปลูกป่า",
              "target_kind":"green","fiscal_year":"2568"},
             "geometry":{"type":"Polygon","coordinates":[[[98.9,18.8],[98.91,18.8],[98.91,18.81],[98.9,18.8]]]}},
            {"type":"Feature","properties":{"project_code":"G-1","year":2025,"name_th":"ปลูกป่า","target_kind":"green",
              "fiscal_year":"2568"},
             "geometry":{"type":"Point","coordinates":[98.9,18.8]}}]}
            """);

        var result = ProjectReader.Read(path);

        Assert.True(result.Refused);
        Assert.Equal("G-1", Assert.Single(result.Projects).Code);
        Assert.Single(result.Areas);
        Assert.All(result.Problems, p => Assert.Equal(("feature", 2), (p.Unit, p.Number)));
        Assert.Contains(result.Problems, p => p.Message.Contains("Point", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains("year '2025'", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SampleAreas_ReferToProjectsByCode()
    {
        var result = ProjectReader.Read(Path.Combine(SharedData.RepoRoot, "sample-data", "projects", "project-areas.geojson"));

        Assert.Empty(result.Projects);
        Assert.Empty(result.Problems);
        Assert.Equal(8, result.Areas.Count);
        Assert.Equal(ThaiText.Normalize("แปลงปลูก แม่สา"), result.Areas[3].Name);
    }
}
