using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Targets;

/// <summary>
/// Projects of a whole province: the FY 2565 haze-reduction line of the upper-northern province cluster (real budget
/// bill, no district, no area) answers for Chiang Mai's province row, in every table and in the report.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class ProvinceWideProjectsTests : IAsyncLifetime
{
    // "โครงการพัฒนาเศรษฐกิจสิงแวดล้อมเพื่อลดฝุ่นควัน" as the OCR wrote it (สิงแวดล้อม), lines 611-616: 30,600 + 5,130,000 +
    // 144,800 + 440,300 + 819,400 + 16,293,800 baht.
    private const string HazeName = "โครงการพัฒนาเศรษฐกิจสิงแวดล้อมเพื่อลดฝุ่นควัน";
    private TestDatabase _db = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        _folder = Directory.CreateTempSubdirectory("gis-province-wide-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task TargetsHotspots_ClusterHazeLine_ListedOnTheProvinceRowOnly_InTableCsvJsonAndReport()
    {
        Assert.Equal(0, (await Run("import", "boundaries", SharedData.PathOf("boundaries", "hdx-thailocate",
            "chiangmai_amphoe_TH50.geojson"))).ExitCode);
        Assert.Equal(0, (await Run("import", "projects", SharedData.PathOf("plans", "budget-fy2565",
            "fy2022_chiangmai_province_and_upper_north_cluster_items.csv"))).ExitCode);
        var code = await _db.ScalarAsync<string>("SELECT code FROM plan_project WHERE name_th = $1", HazeName);
        Assert.Equal((22_858_900m, "hotspot", 2565, 0L), (
            await _db.ScalarAsync<decimal>("SELECT budget_thb FROM plan_project WHERE code = $1",
                code), await _db.ScalarAsync<string>("SELECT target_kind FROM plan_project WHERE code = $1", code),
            (int)await _db.ScalarAsync<short>("SELECT fiscal_year FROM plan_project WHERE code = $1", code),
            await _db.ScalarAsync<long>("SELECT count(*) FROM plan_project_district WHERE project_code = $1", code)));

        string[] period = ["targets", "hotspots", "--period", "season:2565"];
        var json = await Run([.. period, "--format", "json"]);
        Assert.True(json.ExitCode == 0, json.Error);
        using var report = JsonDocument.Parse(json.Output);
        var province = report.RootElement.GetProperty("province").GetProperty("projects").EnumerateArray().ToList();
        var haze = Assert.Single(province, p => p.GetProperty("code").GetString() == code);
        Assert.Equal((HazeName, true, 2565), (haze.GetProperty("name").GetString(), haze.GetProperty("province_wide").GetBoolean(),
            haze.GetProperty("fiscal_year").GetInt32()));
        Assert.All(report.RootElement.GetProperty("districts").EnumerateArray(),
            d => Assert.DoesNotContain(d.GetProperty("projects").EnumerateArray(), p => p.GetProperty("code").GetString() == code));

        var table = await Run(period);
        var provinceLine = table.Output.Split('\n').Single(l => l.StartsWith("50 ", StringComparison.Ordinal));
        // The name cut to 32 columns (Thai marks above and below take none) keeps the table within a terminal's reach.
        Assert.Contains($"{code} โครงการพัฒนาเศรษฐกิจสิงแวดล้อมเพื่อลด… (province-wide)", provinceLine, StringComparison.Ordinal);
        var csv = (await Run([.. period, "--format", "csv"])).Output.Split('\n');
        Assert.Contains($"{code} {HazeName} (province-wide)", csv.Single(l => l.StartsWith("50,", StringComparison.Ordinal)),
            StringComparison.Ordinal);
        Assert.DoesNotContain(csv.Skip(1).Where(l => l.StartsWith("50", StringComparison.Ordinal) && !l.StartsWith("50,",
            StringComparison.Ordinal)), l => l.Contains(code, StringComparison.Ordinal));
        // The national table gives the province its own table's rows: projects, province-wide ones included, split by province.
        var national = (await Run([.. period, "--province", "all", "--format", "csv"])).Output.Split('\n');
        Assert.Equal(csv.Skip(1).Where(l => l.Length > 0), national.Where(l => l.StartsWith("50", StringComparison.Ordinal)));

        var pdf = Path.Combine(_folder, "report.pdf");
        var xlsx = Path.Combine(_folder, "report.xlsx");
        var made = await Run("report", "--period", "season:2565", "--out", pdf, "--tables", xlsx);
        Assert.True(made.ExitCode == 0, made.Error);
        Assert.Equal([code, "(ทั้งจังหวัด)"], Pdf.LineWords(await Pdf.TextAsync(pdf, 1), "รวมทั้งจังหวัด")[^2..]);
        using var book = SpreadsheetDocument.Open(xlsx, false);
        var sheet = HotspotsSheet(book);
        var header = sheet[0];
        var provinceRow = sheet.Single(r => r[0] == "50");
        Assert.Equal($"{code} {HazeName}", provinceRow[header.IndexOf("โครงการที่รับผิดชอบ")]);
    }

    [Fact]
    public async Task TargetsGreen_ProvinceAndClusterProjects_OnlyThoseHoldingTheProvince()
    {
        var sample = Path.Combine(SharedData.RepoRoot, "sample-data");
        Assert.Equal(0, (await Run("import", "boundaries", Path.Combine(sample, "boundaries", "chiang-mai-districts.geojson"))).ExitCode);
        foreach (var year in new[] { "2565", "2566" })
        {
            Assert.Equal(0, (await Run("import", "landuse", Path.Combine(sample, "landuse", $"landuse-{year}.geojson"), "--snapshot",
                year)).ExitCode);
        }
        var projects = Path.Combine(_folder, "projects.csv");
        await File.WriteAllTextAsync(projects, """
            code,name_th,name_en,agency,fiscal_year,budget_thb,issue_group,target_kind,target_value,target_unit,districts
            P-1,ปลูกป่าทั้งจังหวัด,Province reforestation,จังหวัดเชียงใหม่,2566,1000000,2,green,100,rai,
            P-2,ปลูกป่ากลุ่มจังหวัด,Cluster reforestation,กลุ่มจังหวัดภาคเหนือตอนบน 1,2566,1000000,2,green,100,rai,
            P-3,ปลูกป่าเชียงราย,Chiang Rai reforestation,กลุ่มจังหวัดภาคเหนือตอนบน 2,2566,1000000,2,green,100,rai,
            P-4,ปลูกป่าแม่แจ่ม,Mae Chaem reforestation,จังหวัดเชียงใหม่,2566,1000000,2,green,100,rai,5003

            """);
        var imported = await Run("import", "projects", projects);
        Assert.True(imported.ExitCode == 0, imported.Output + imported.Error);

        string[] green = ["targets", "green", "--from", "2565", "--to", "2566", "--province", "50"];
        var json = await Run([.. green, "--format", "json"]);
        Assert.True(json.ExitCode == 0, json.Error);
        using var report = JsonDocument.Parse(json.Output);
        var province = report.RootElement.GetProperty("province").GetProperty("projects").EnumerateArray()
            .Select(p => (p.GetProperty("code").GetString(), p.GetProperty("province_wide").GetBoolean())).ToList();
        // P-3 is Chiang Rai's cluster; P-4 names Mae Chaem and answers there, listed once on the province row.
        Assert.Equal([("P-1", true), ("P-2", true), ("P-4", false)], province);
        var maeChaem = report.RootElement.GetProperty("districts").EnumerateArray()
            .Single(d => d.GetProperty("code").GetString() == "5003");
        Assert.Equal(["P-4"], maeChaem.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("code").GetString()));

        var table = await Run([.. green, "--lang", "en"]);
        var total = table.Output.Split('\n').Single(l => l.StartsWith("50 ", StringComparison.Ordinal));
        Assert.Contains("P-1 Province reforestation (province-wide); P-2 Cluster reforestation (province-wide); P-4 Mae Chaem",
            total, StringComparison.Ordinal);
        var csv = (await Run([.. green, "--format", "csv"])).Output.Split('\n');
        Assert.Contains("P-1 ปลูกป่าทั้งจังหวัด (province-wide); P-2 ปลูกป่ากลุ่มจังหวัด (province-wide); P-4 ปลูกป่าแม่แจ่ม",
            csv.Single(l => l.StartsWith("50,", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static List<List<string?>> HotspotsSheet(SpreadsheetDocument book)
    {
        var part = book.WorkbookPart!;
        var sheet = part.Workbook.Descendants<Sheet>().Single(s => s.Name == "จุดความร้อน");
        var worksheet = (WorksheetPart)part.GetPartById(sheet.Id!);
        return [.. worksheet.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>()
            .Select(c => c.InlineString?.Text?.Text ?? c.CellValue?.Text).ToList())];
    }

    private Task<(int ExitCode, string Output, string Error)> Run(params string[] args) => CliRunner.RunAsync(_db.ConnectionString, args);
}
