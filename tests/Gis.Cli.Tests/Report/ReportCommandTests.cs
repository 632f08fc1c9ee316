using System.Globalization;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Gis.Cli.Tests.Report;

/// <summary>
/// <c>gis report</c> through the real command, checked by opening what it writes: the PDF with poppler (text, page
/// count), the XLSX with the Open XML SDK, the CSV by parsing it. Numbers are compared with a hand count on a tiny
/// fixture and with <c>gis targets hotspots</c> / <c>gis targets green</c> on sample-data/.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class ReportCommandTests : IAsyncLifetime
{
    private static readonly string SampleData = Path.Combine(SharedData.RepoRoot, "sample-data");
    private TestDatabase _db = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        _folder = Directory.CreateTempSubdirectory("gis-report-tests-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// Three square districts. Season 2569 against 2568: 5001 has 4 against 5 (-20.0 %, met), 5002 has 3 against 2
    /// (+50.0 %, not met), 5003 none in either (no baseline); the province 7 against 7 (0.0 %, not met). 5001 also has
    /// 1 in 2567, for the trend.
    /// </summary>
    [Fact]
    public async Task Report_HandCountedFixture_TablesPagesAndContentsCarryTheHandNumbers()
    {
        await ImportFixtureAsync();
        var pdf = Path.Combine(_folder, "fixture.pdf");
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "report", "--period", "season:2569", "--out", pdf,
            "--tables", Path.Combine(_folder, "fixture.csv"));
        Assert.True(exit == 0, error);
        Assert.Contains("5 pages", output, StringComparison.Ordinal);

        // Province page + contents + three districts.
        Assert.Equal(5, await Pdf.PageCountAsync(pdf));
        var first = await Pdf.TextAsync(pdf, 1);
        Assert.Equal(["เมืองเชียงใหม่", "4", "5", "-20.0", "-5.0", "บรรลุ"], Pdf.RowWords(first, "เมืองเชียงใหม่")[..6]);
        Assert.Equal(["จอมทอง", "3", "2", "+50.0", "-5.0", "ไม่บรรลุ"], Pdf.RowWords(first, "จอมทอง")[..6]);
        Assert.Equal(["แม่แจ่ม", "0", "0", "-", "-5.0", "ไม่มีฐาน"], Pdf.RowWords(first, "แม่แจ่ม")[..6]);
        Assert.Equal(["รวมทั้งจังหวัด", "7", "7", "0.0", "-5.0", "ไม่บรรลุ"], Pdf.RowWords(first, "รวมทั้งจังหวัด")[..6]);

        // The same hand counts come out of 'gis targets hotspots' for the same options.
        using (var targets = await JsonAsync("targets", "hotspots", "--period", "season:2569", "--format", "json"))
        {
            Assert.Equal([(4L, 5.0), (3L, 2.0), (0L, 0.0)], targets.RootElement.GetProperty("districts").EnumerateArray()
                .Select(d => (d.GetProperty("count").GetInt64(), d.GetProperty("baseline").GetDouble())));
        }

        var contents = await Pdf.TextAsync(pdf, 2);
        Assert.Contains("สารบัญ", contents, StringComparison.Ordinal);
        Assert.Equal(["อำเภอเมืองเชียงใหม่", "(5001)", "3"], Pdf.LineWords(contents, "(5001)"));
        Assert.Equal(["อำเภอจอมทอง", "(5002)", "4"], Pdf.LineWords(contents, "(5002)"));
        Assert.Equal(["อำเภอแม่แจ่ม", "(5003)", "5"], Pdf.LineWords(contents, "(5003)"));

        for (var page = 1; page <= 5; page++)
            Assert.Contains($"หน้า {page}/5", await Pdf.TextAsync(pdf, page), StringComparison.Ordinal);

        var district = await Pdf.TextAsync(pdf, 3);
        Assert.Contains("อำเภอเมืองเชียงใหม่ (5001)", district, StringComparison.Ordinal);
        Assert.Equal("-20.0", Pdf.LineWords(district, "เปลี่ยนแปลง %")[2]);
        // The trend chart's axis: the five seasons before 2569, then 2569.
        var years = Pdf.LineWords(district, "2564");
        Assert.Equal(["2564", "2565", "2566", "2567", "2568", "2569"], years);
        // The three seasons without data are marked, not drawn as 0.
        Assert.Equal(3, district.Split("ไม่มีข้อมูล").Length - 1);

        // The trend behind the chart, per season 2564..2569, as the hand count has it.
        var xlsx = Path.Combine(_folder, "fixture.xlsx");
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "report", "--period", "season:2569", "--out", Path.Combine(_folder,
            "again.pdf"), "--tables", xlsx)).ExitCode);
        using (var book = SpreadsheetDocument.Open(xlsx, false))
        {
            var trend = Sheets(book)["แนวโน้ม"];
            Assert.Equal(["รหัส", "อำเภอ", "อำเภอ (อังกฤษ)", .. Enumerable.Range(2564, 6).Select(y => $"ฤดูไฟ {y} (จุด)")],
                trend[0].Select(c => c.Text));
            // Seasons 2564-2566 have no covered day: empty cells, never 0; 5002's 0 in 2567 is a covered season without fire.
            double?[] none = [null, null, null];
            Assert.Equal([.. none, 1, 5, 4], trend.Single(r => r[0].Text == "5001").Skip(3).Select(c => c.Number));
            Assert.Equal([.. none, 0, 2, 3], trend.Single(r => r[0].Text == "5002").Skip(3).Select(c => c.Number));
        }

        var csv = await File.ReadAllBytesAsync(Path.Combine(_folder, "fixture.csv"));
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).TrimEnd().Split('\n').Select(l => l.TrimEnd('\r').Split(',')).ToList();
        // Header, three districts, the province.
        Assert.Equal(5, lines.Count);
        var header = lines[0].ToList();
        Assert.Equal(("50", "7"), (lines[^1][0], lines[^1][header.IndexOf("count")]));
        var row = lines.Single(l => l[0] == "5002");
        Assert.Equal("จอมทอง", row[header.IndexOf("name_th")]);
        Assert.Equal(3, long.Parse(row[header.IndexOf("count")], CultureInfo.InvariantCulture));
        Assert.Equal(50.0, double.Parse(row[header.IndexOf("change_pct")], CultureInfo.InvariantCulture), 9);
        Assert.Equal("not-met", row[header.IndexOf("status")]);
    }

    /// <summary>
    /// The hand-counted fixture with the plan's target set to -25 % and Chom Thong (5002) allowed +60 %: Mueang's
    /// -20 % now misses its target and Chom Thong's +50 % meets its own, in the report as in 'gis targets hotspots'.
    /// </summary>
    [Fact]
    public async Task Report_DistrictTargets_JudgedAsTheTargetCommandJudgesThem()
    {
        await ImportFixtureAsync();
        var pdf = Path.Combine(_folder, "targets.pdf");
        string[] targetOptions = ["--target", "-25", "--district-target", "5002=60", "--cap", "5001=3"];
        var csvPath = Path.Combine(_folder, "targets.csv");
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString,
            ["report", "--period", "season:2569", "--out", pdf, "--tables", csvPath, .. targetOptions]);
        Assert.True(exit == 0, error);

        var first = await Pdf.TextAsync(pdf, 1);
        Assert.Equal(["เมืองเชียงใหม่", "4", "5", "-20.0", "-25.0", "ไม่บรรลุ"], Pdf.RowWords(first, "เมืองเชียงใหม่")[..6]);
        Assert.Equal(["จอมทอง", "3", "2", "+50.0", "+60.0", "บรรลุ"], Pdf.RowWords(first, "จอมทอง")[..6]);
        using (var targets = await JsonAsync(["targets", "hotspots", "--period", "season:2569", "--format", "json", .. targetOptions]))
        {
            Assert.Equal([("5001", "not-met"), ("5002", "met"), ("5003", "no-baseline")],
                targets.RootElement.GetProperty("districts").EnumerateArray()
                .Select(d => (d.GetProperty("code").GetString()!, d.GetProperty("status").GetString()!)));
        }
        // Each district page names its own target.
        Assert.Contains("เป้าหมาย 1: ลดจุดความร้อน 25 %", await Pdf.TextAsync(pdf, 3), StringComparison.Ordinal);
        Assert.Contains("เป้าหมาย 1: จุดความร้อนเพิ่มไม่เกิน 60 %", await Pdf.TextAsync(pdf, 4), StringComparison.Ordinal);
        // Mueang's cap of 3 with 4 counted: 133.3 % used, on its page and in the tables.
        Assert.Equal(["ใช้เพดานไป", "%", "133.3"], Pdf.LineWords(await Pdf.TextAsync(pdf, 3), "ใช้เพดานไป"));
        var lines = (await File.ReadAllLinesAsync(csvPath)).Select(l => l.Split(',')).ToList();
        var header = lines[0].ToList();
        Assert.Equal(133.333, double.Parse(lines.Single(l => l[0] == "5001")[header.IndexOf("cap_used_pct")],
            CultureInfo.InvariantCulture), 3);
        Assert.Equal("", lines.Single(l => l[0] == "5002")[header.IndexOf("cap")]);
    }

    [Fact]
    public async Task Report_SampleData_SameNumbersAsTheTargetCommandsInPdfXlsxAndCsv()
    {
        foreach (string[] import in (string[][])[
            ["boundaries", Path.Combine(SampleData, "boundaries", "chiang-mai-districts.geojson")],
            ["firms", Path.Combine(SampleData, "firms")],
            ["landuse", Path.Combine(SampleData, "landuse", "landuse-2565.geojson"), "--snapshot", "2565"],
            ["landuse", Path.Combine(SampleData, "landuse", "landuse-2566.geojson"), "--snapshot", "2566"],
            ["projects", Path.Combine(SampleData, "projects", "projects.csv")],
            ["projects", Path.Combine(SampleData, "projects", "project-areas.geojson")]])
        {
            var (code, _, importError) = await CliRunner.RunAsync(_db.ConnectionString, ["import", .. import]);
            Assert.True(code == 0, importError);
        }
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "allocate", "--year", "2568")).ExitCode);

        var pdf = Path.Combine(_folder, "report.pdf");
        var xlsx = Path.Combine(_folder, "report.xlsx");
        var csv = Path.Combine(_folder, "report.csv");
        string[] options = ["--period", "season:2569", "--satellite", "N", "--green-from", "2565", "--green-to", "2566", "--year", "2568"];
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, ["report", .. options, "--out", pdf, "--tables", xlsx]);
        Assert.True(exit == 0, error);
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, ["report", .. options, "--out", Path.Combine(_folder, "again.pdf"),
            "--tables", csv])).ExitCode);

        using var hotspots = await JsonAsync("targets", "hotspots", "--period", "season:2569", "--satellite", "N", "--format", "json");
        using var green = await JsonAsync("targets", "green", "--from", "2565", "--to", "2566", "--year", "2568", "--format", "json");
        var reduction = hotspots.RootElement.GetProperty("districts").EnumerateArray().ToList();
        var change = green.RootElement.GetProperty("districts").EnumerateArray().ToDictionary(d => d.GetProperty("code").GetString()!);
        Assert.Equal(25, reduction.Count);

        // 1 province page (map and table) + 1 contents page + 25 district pages.
        Assert.Equal(27, await Pdf.PageCountAsync(pdf));
        var first = await Pdf.TextAsync(pdf, 1);
        var contents = await Pdf.TextAsync(pdf, 2);
        for (var i = 0; i < reduction.Count; i++)
        {
            var d = reduction[i];
            var (code, nameTh) = (d.GetProperty("code").GetString()!, d.GetProperty("name_th").GetString()!);
            var g = change[code];
            var words = Pdf.RowWords(first, nameTh);
            Assert.Equal(Count(d.GetProperty("count").GetInt64()), words[1]);
            Assert.Equal(Baseline(d.GetProperty("baseline").GetDouble()), words[2]);
            Assert.Equal(Percent(d), words[3]);
            Assert.Equal(Rai(g.GetProperty("net_rai").GetDouble()), words[6]);

            // Contents: the district's page, and that page is the district's, with its numbers.
            Assert.Equal(["อำเภอ" + nameTh, $"({code})", (i + 3).ToString(CultureInfo.InvariantCulture)],
                Pdf.LineWords(contents, $"({code})"));
            var page = await Pdf.TextAsync(pdf, i + 3);
            Assert.Contains($"อำเภอ{nameTh} ({code})", page, StringComparison.Ordinal);
            Assert.Contains($"หน้า {i + 3}/27", page, StringComparison.Ordinal);
            Assert.Equal(Percent(d), Pdf.LineWords(page, "เปลี่ยนแปลง %")[2]);
            Assert.Contains(Rai(g.GetProperty("net_rai").GetDouble()), Pdf.LineWords(page, "สุทธิ (ไร่)"));
        }

        // XLSX, read back with the package that wrote it: Thai headers with units, one row per district and the province's
        // total, numbers as numeric cells rounded as printed and formatted, verdicts in words.
        using (var book = SpreadsheetDocument.Open(xlsx, false))
        {
            var sheets = Sheets(book);
            Assert.Equal(["จุดความร้อน", "พื้นที่สีเขียว", "แนวโน้ม", "หมายเหตุ"], sheets.Keys);
            var rows = sheets["จุดความร้อน"];
            Assert.Equal(1 + 25 + 1, rows.Count);
            Assert.Equal(["รหัส", "อำเภอ", "อำเภอ (อังกฤษ)", "จุดความร้อน ฤดูไฟ 2569 (จุด)", "ฐาน: ฤดูไฟ 2568 (จุด)", "เปลี่ยนแปลง (%)",
                "เป้าหมาย (%)", "ผล", "โครงการที่รับผิดชอบ"], rows[0].Select(c => c.Text));
            var named = 0;
            foreach (var d in reduction)
            {
                var row = rows.Single(r => r[0].Text == d.GetProperty("code").GetString());
                Assert.Equal((d.GetProperty("count").GetInt64(), "#,##0"), (row[3].Number, row[3].Format));
                Assert.Equal((d.GetProperty("baseline").GetDouble(), "#,##0"), (row[4].Number!.Value, row[4].Format));
                Assert.Equal((ChangeRounded(d), "+0.0;-0.0;0.0"), (row[5].Number, row[5].Format));
                Assert.Equal(Words[d.GetProperty("status").GetString()!], row[7].Text);
                // Responsible projects by code and Thai name, as the target command lists them.
                var projects = d.GetProperty("projects").EnumerateArray()
                    .Select(p => $"{p.GetProperty("code").GetString()} {p.GetProperty("name").GetString()}").ToList();
                Assert.Equal(string.Join("; ", projects), row[8].Text ?? "");
                named += projects.Count;
            }
            Assert.True(named > 0, "the sample data names no responsible project");
            // The province row: the sums of the rows, which are the target command's province figures, its change from those
            // sums (not an average of the districts'), and every project once, as 'gis targets hotspots' lists it there.
            var province = hotspots.RootElement.GetProperty("province");
            var total = rows[^1];
            Assert.Equal(("50", "รวมทั้งจังหวัดเชียงใหม่", null), (total[0].Text, total[1].Text, total[2].Text));
            Assert.Equal(rows.Skip(1).SkipLast(1).Sum(r => r[3].Number), total[3].Number);
            Assert.Equal(province.GetProperty("count").GetInt64(), total[3].Number);
            Assert.Equal(rows.Skip(1).SkipLast(1).Sum(r => r[4].Number), total[4].Number);
            Assert.Equal(province.GetProperty("baseline").GetDouble(), total[4].Number);
            Assert.Equal(ChangeRounded(province), total[5].Number);
            Assert.Equal(Words[province.GetProperty("status").GetString()!], total[7].Text);
            var provinceProjects = province.GetProperty("projects").EnumerateArray()
                .Select(p => $"{p.GetProperty("code").GetString()} {p.GetProperty("name").GetString()}");
            Assert.Equal(string.Join("; ", provinceProjects), total[8].Text);

            var greenRows = sheets["พื้นที่สีเขียว"];
            Assert.Equal(["รหัส", "อำเภอ", "อำเภอ (อังกฤษ)", "เพิ่ม (ไร่)", "ลด (ไร่)", "สุทธิ (ไร่)", "โครงการปลูกปี 2568 (ไร่)",
                "เป้าหมายจัดสรรปี 2568 (ไร่)", "ผล", "โครงการที่รับผิดชอบ"], greenRows[0].Select(c => c.Text));
            Assert.Equal(1 + 25 + 1, greenRows.Count);
            foreach (var row in greenRows.Skip(1).SkipLast(1))
            {
                var g = change[row[0].Text!];
                Assert.Equal((Math.Round(g.GetProperty("net_rai").GetDouble(), 2), "#,##0.00"), (row[5].Number, row[5].Format));
                if (g.GetProperty("allocation_rai").ValueKind == JsonValueKind.Number)
                    Assert.Equal((g.GetProperty("allocation_rai").GetInt32(), "#,##0"), (row[7].Number, row[7].Format));
                else
                    Assert.Null(row[7].Number);
            }
            // Rai summed unrounded, then rounded: within half a hundredth per district of the sum of the rounded rows.
            var net = change.Values.Sum(g => g.GetProperty("net_rai").GetDouble());
            Assert.Equal(Math.Round(net, 2), greenRows[^1][5].Number);
            Assert.True(Math.Abs(net - greenRows.Skip(1).SkipLast(1).Sum(r => r[5].Number!.Value)) <= 25 * 0.005);

            // Made for reading: the header frozen above the rows and filtered, the columns as wide as their content.
            var sheet = Worksheet(book, "จุดความร้อน");
            var pane = sheet.Descendants<Pane>().Single();
            Assert.Equal((PaneStateValues.Frozen, 1.0, "D2"), (pane.State!.Value, pane.HorizontalSplit!.Value, pane.TopLeftCell!.Value));
            Assert.Equal("A1:I27", sheet.Elements<AutoFilter>().Single().Reference!.Value);
            var widths = sheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();
            Assert.True(widths[1] > widths[0] && widths[8] > widths[3], string.Join(", ", widths));

            // The notes: coverage, definitions and the sources of the data.
            var notes = sheets["หมายเหตุ"].Where(r => r[0].Text is { Length: > 0 })
                .ToDictionary(r => r[0].Text!, r => r[1].Text);
            Assert.StartsWith("ข้อมูล: ช่วงนี้ มีข้อมูล", notes["ความครอบคลุมของข้อมูล"], StringComparison.Ordinal);
            Assert.Contains("ยอดรวม", notes["เปลี่ยนแปลง (%)"], StringComparison.Ordinal);
            Assert.StartsWith("ขอบเขตอำเภอ: ", notes["แหล่งข้อมูล"], StringComparison.Ordinal);
        }

        // In English with --lang en: headers, sheet names and words.
        var english = Path.Combine(_folder, "report-en.xlsx");
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, ["report", .. options, "--lang", "en", "--out",
            Path.Combine(_folder, "en.pdf"), "--tables", english])).ExitCode);
        using (var book = SpreadsheetDocument.Open(english, false))
        {
            var sheets = Sheets(book);
            Assert.Equal(["hotspots", "green", "trend", "notes"], sheets.Keys);
            var rows = sheets["hotspots"];
            Assert.Equal(["Code", "District (Thai)", "District", "Hotspots, fire season 2569 BE (detections)",
                "Baseline: fire season 2568 BE (detections)", "Change (%)", "Target (%)", "Result", "Responsible projects"],
                rows[0].Select(c => c.Text));
            Assert.Equal(["Code", "District (Thai)", "District", "Gain (rai)", "Loss (rai)", "Net (rai)", "Projects of 2568 BE (rai)",
                "Allocation of 2568 BE (rai)", "Result", "Responsible projects"], sheets["green"][0].Select(c => c.Text));
            Assert.Equal((null, "Total, Chiang Mai province"), (rows[^1][1].Text, rows[^1][2].Text));
            foreach (var d in reduction)
            {
                Assert.Equal(d.GetProperty("status").GetString()!.Replace('-', ' '),
                    rows.Single(r => r[0].Text == d.GetProperty("code").GetString())[7].Text);
            }
        }

        var lines = (await File.ReadAllLinesAsync(csv, Encoding.UTF8)).Select(l => l.Split(',')).ToList();
        Assert.Equal(1 + 25 + 1, lines.Count);
        var csvHeader = lines[0].ToList();
        foreach (var line in lines.Skip(1).SkipLast(1))
        {
            var d = reduction.Single(r => r.GetProperty("code").GetString() == line[0]);
            Assert.Equal(d.GetProperty("name_th").GetString(), line[csvHeader.IndexOf("name_th")]);
            Assert.Equal(d.GetProperty("count").GetInt64(), long.Parse(line[csvHeader.IndexOf("count")], CultureInfo.InvariantCulture));
            Assert.Equal(change[line[0]].GetProperty("net_rai").GetDouble(),
                double.Parse(line[csvHeader.IndexOf("net_rai")], CultureInfo.InvariantCulture), 4);
        }
    }

    [Fact]
    public async Task Report_JsonTables_CarryTheCoverageAsTargetsHotspotsDoes()
    {
        await ImportFixtureAsync();
        var json = Path.Combine(_folder, "tables.json");
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "report", "--period", "season:2569", "--out",
            Path.Combine(_folder, "report.pdf"), "--tables", json);
        Assert.True(exit == 0, error);
        using var tables = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        using var targets = await JsonAsync("targets", "hotspots", "--period", "season:2569", "--format", "json");
        var coverage = tables.RootElement.GetProperty("coverage");
        Assert.Equal(targets.RootElement.GetProperty("coverage").GetRawText(), coverage.GetRawText());
        Assert.Equal(coverage.GetProperty("period").GetProperty("days").GetInt32(),
            coverage.GetProperty("period").GetProperty("days_with_data").GetInt32());
        Assert.Equal([4L, 3L, 0L, 7L], tables.RootElement.GetProperty("tables").GetProperty("hotspots").EnumerateArray()
            .Select(d => d.GetProperty("count").GetInt64()));
    }

    /// <summary>
    /// The Word report of the hand-counted fixture, read back with the Open XML SDK (its tables hold the numbers of 'gis
    /// targets hotspots', its headings are Heading 1 in district order, a TOC field updated on open, A4 with the Thai official
    /// margins, maps and charts as 300 dpi PNGs), then converted by LibreOffice: the PDF names the districts in order.
    /// </summary>
    [Fact]
    public async Task Report_Docx_WordTablesHoldTheTargetNumbersAndLibreOfficeShowsTheDistrictsInOrder()
    {
        await ImportFixtureAsync();
        var docx = Path.Combine(_folder, "report.docx");
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, "report", "--period", "season:2569", "--out", docx);
        Assert.True(exit == 0, error);
        Assert.Contains("3 districts", output, StringComparison.Ordinal);
        string[][] expected =
        [
            ["เมืองเชียงใหม่", "4", "5", "-20.0", "-5.0", "■ บรรลุ"],
            ["จอมทอง", "3", "2", "+50.0", "-5.0", "■ ไม่บรรลุ"],
            ["แม่แจ่ม", "0", "0", "-", "-5.0", "■ ไม่มีฐาน"],
            ["รวมทั้งจังหวัด", "7", "7", "0.0", "-5.0", "■ ไม่บรรลุ"],
        ];
        using (var targets = await JsonAsync("targets", "hotspots", "--period", "season:2569", "--format", "json"))
        {
            Assert.Equal(expected.SkipLast(1).Select(r => (long.Parse(r[1], CultureInfo.InvariantCulture),
                double.Parse(r[2], CultureInfo.InvariantCulture))), targets.RootElement.GetProperty("districts").EnumerateArray()
                .Select(d => (d.GetProperty("count").GetInt64(), d.GetProperty("baseline").GetDouble())));
        }
        using (var word = WordprocessingDocument.Open(docx, false))
        {
            var main = word.MainDocumentPart!;
            var body = main.Document.Body!;
            var summary = body.Elements<W.Table>().First();
            var rows = summary.Elements<W.TableRow>().Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToList()).ToList();
            // Two header rows (target groups, columns) repeated on every page, then the districts and the province.
            Assert.Equal(2, summary.Elements<W.TableRow>().Count(r => r.TableRowProperties?.GetFirstChild<W.TableHeader>() is not null));
            Assert.Equal(expected, rows.Skip(2).Select(r => r.Take(6).ToArray()));

            var headings = body.Elements<W.Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1")
                .Select(p => p.InnerText).ToList();
            Assert.Equal(["แผนที่และตารางสรุป จังหวัดเชียงใหม่", "อำเภอเมืองเชียงใหม่ (5001)", "อำเภอจอมทอง (5002)", "อำเภอแม่แจ่ม (5003)"],
                headings);
            Assert.Contains("TOC \\o", body.Descendants<W.FieldCode>().Single().Text, StringComparison.Ordinal);
            Assert.True(main.DocumentSettingsPart!.Settings.GetFirstChild<W.UpdateFieldsOnOpen>()!.Val!.Value);
            var section = body.Elements<W.SectionProperties>().Single();
            var margin = section.GetFirstChild<W.PageMargin>()!;
            var paper = section.GetFirstChild<W.PageSize>()!;
            Assert.Equal((11906u, 16838u), (paper.Width!.Value, paper.Height!.Value));
            // Top 2.5 cm, left 3 cm, right and bottom 2 cm, in twentieths of a point.
            Assert.Equal((1417, 1701, 1134u, 1134),
                (margin.Top!.Value, (int)margin.Left!.Value, margin.Right!.Value, margin.Bottom!.Value));
            Assert.Contains("PAGE", main.FooterParts.Single().Footer.Descendants<W.SimpleField>().Select(f => f.Instruction!.Value));
            // The province map, and a map and a trend chart per district, at 300 dpi: 160 mm is 1,890 pixels wide.
            var images = main.ImageParts.ToList();
            Assert.Equal(1 + 2 * 3, images.Count);
            using (var stream = images[0].GetStream())
            using (var bitmap = SkiaSharp.SKBitmap.Decode(stream))
                Assert.Equal(1890, bitmap.Width);
            var font = main.StyleDefinitionsPart!.Styles!.Elements<W.Style>().Single(s => s.StyleId == "Normal")
                .Descendants<W.RunFonts>().Single();
            Assert.True(font.ComplexScript!.Value is "TH Sarabun New" or "Laksaman", font.ComplexScript.Value);

            // Columns fitted to their content in the table's 11 pt font, within the A4 text width (21 cm less 5 cm of
            // margins): no header, number or verdict of the figures broken over lines; the projects take the rest.
            var grid = summary.GetFirstChild<W.TableGrid>()!.Elements<W.GridColumn>().Select(g => int.Parse(g.Width!.Value!,
                CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(11906 - 1701 - 1134, grid.Sum());
            using var regular = new SkiaSharp.SKFont(SkiaSharp.SKTypeface.FromFamilyName(font.ComplexScript.Value), 11);
            using var bold = new SkiaSharp.SKFont(SkiaSharp.SKTypeface.FromFamilyName(font.ComplexScript.Value,
                SkiaSharp.SKFontStyle.Bold), 11);
            var lines = summary.Elements<W.TableRow>().Skip(1).Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToList())
                .ToList();
            for (var column = 0; column < grid.Count - 1; column++)
            {
                // Twips: 20 a point, plus the cells' margins of 60 each side.
                // The header and the province total are bold.
                var widest = lines.Select((r, i) => (i == 0 || i == lines.Count - 1 ? bold : regular).MeasureText(r[column]) * 20 + 120)
                    .Max();
                Assert.True(grid[column] >= widest, $"column {column} ({lines[0][column]}): {grid[column]} twips for {widest:0}");
            }
        }

        // LibreOffice opens it as Word would lay it out; the district sections come in code order after the summary.
        var profile = Path.Combine(_folder, "lo-profile");
        var convert = new System.Diagnostics.ProcessStartInfo("libreoffice",
            ["-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "pdf", "--outdir", _folder, docx])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using (var process = System.Diagnostics.Process.Start(convert)!)
        {
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        }
        var pdf = Path.Combine(_folder, "report.pdf");
        // Kept for a look at the pages (pdftoppm -r 130) after the run.
        var results = Directory.CreateDirectory(Path.Combine(SharedData.RepoRoot, "artifacts", "test-results")).FullName;
        File.Copy(pdf, Path.Combine(results, "report-docx-libreoffice.pdf"), overwrite: true);
        var text = await Pdf.TextAsync(pdf);
        // After the summary table and its sources (the contents name the districts too).
        var after = text.IndexOf("แหล่งข้อมูล", StringComparison.Ordinal);
        Assert.True(after > 0, text);
        string[] districts = ["อำเภอเมืองเชียงใหม่ (5001)", "อำเภอจอมทอง (5002)", "อำเภอแม่แจ่ม (5003)"];
        var positions = districts.Select(h => text.IndexOf(h, after, StringComparison.Ordinal)).ToList();
        Assert.True(positions[0] > after && positions[1] > positions[0] && positions[2] > positions[1], string.Join(", ", positions));
        Assert.True(await Pdf.PageCountAsync(pdf) >= 1 + 3, "a page per district after the summary");
    }

    [Theory]
    [InlineData("report.png", null, "--out")]
    [InlineData("report.pdf", "tables.ods", "--tables")]
    public async Task Report_WrongFileKinds_RefusedNamingTheOption(string output, string? tables, string option)
    {
        string[] args = ["report", "--period", "season:2569", "--out", Path.Combine(_folder, output)];
        if (tables is not null)
            args = [.. args, "--tables", Path.Combine(_folder, tables)];
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, args);
        Assert.Equal(2, exit);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Data imported with --credit: the report's sources block names that credit for the districts and the detections,
    /// and no source the data did not come from (the fixture's districts have HDX field names, its rows FIRMS columns).
    /// </summary>
    [Fact]
    public async Task Report_DataImportedWithACredit_SourcesBlockListsItAndNotHdxOrNasa()
    {
        await ImportFixtureAsync("Provincial office survey 2569");
        var pdf = Path.Combine(_folder, "sources.pdf");
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "report", "--period", "season:2569", "--out", pdf);
        Assert.True(exit == 0, error);

        var contents = await Pdf.TextAsync(pdf, 2);
        var block = contents[contents.IndexOf("แหล่งข้อมูล", StringComparison.Ordinal)..];
        Assert.Equal(["ขอบเขตอำเภอ:", "Provincial", "office", "survey", "2569"], Pdf.LineWords(block, "ขอบเขตอำเภอ:"));
        Assert.Equal(["จุดความร้อน:", "Provincial", "office", "survey", "2569"], Pdf.LineWords(block, "จุดความร้อน:"));
        var all = await Pdf.TextAsync(pdf);
        Assert.DoesNotContain("HDX", all, StringComparison.Ordinal);
        Assert.DoesNotContain("NASA", all, StringComparison.Ordinal);
    }

    private async Task ImportFixtureAsync(string? credit = null)
    {
        static string Square(string code, string th, string en, double lon, double lat)
        {
            var ring = FormattableString.Invariant(
                $"[[{lon},{lat}],[{lon + 0.1},{lat}],[{lon + 0.1},{lat + 0.1}],[{lon},{lat + 0.1}],[{lon},{lat}]]");
            return FormattableString.Invariant($$$"""
                {"type":"Feature","properties":{"ADM2_PCODE":"TH{{{code}}}","ADM2_TH":"{{{th}}}","ADM2_EN":"{{{en}}}","ADM1_PCODE":"TH50"},
                 "geometry":{"type":"Polygon","coordinates":[{{{ring}}}]}}
                """);
        }
        var boundaries = Path.Combine(_folder, "districts.geojson");
        await File.WriteAllTextAsync(boundaries, "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",",
            Square("5001", "เมืองเชียงใหม่", "Mueang Chiang Mai", 98.9, 18.7),
            Square("5002", "จอมทอง", "Chom Thong", 99.0, 18.7),
            Square("5003", "แม่แจ่ม", "Mae Chaem", 98.9, 18.6)) + "]}");
        var firms = new StringBuilder(FirmsCsv.Header + "\n");
        void Add(int count, double lon, double lat, string date)
        {
            for (var i = 0; i < count; i++)
                firms.Append(CultureInfo.InvariantCulture,
                    $"{lat + 0.01 * i:0.#####},{lon + 0.003 * i:0.#####},330.1,0.4,0.4,{date},{600 + i},N20,VIIRS,n,2.0NRT,290.1,2.5,D\n");
        }
        Add(4, 98.95, 18.72, "2026-03-10");
        Add(5, 98.95, 18.72, "2025-03-10");
        Add(1, 98.95, 18.72, "2024-03-10");
        Add(3, 99.05, 18.72, "2026-03-11");
        Add(2, 99.05, 18.72, "2025-03-11");
        var hotspots = Path.Combine(_folder, "fixture-firms.csv");
        await File.WriteAllTextAsync(hotspots, firms.ToString());
        string[] credited = credit is null ? [] : ["--credit", credit];
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, ["import", "boundaries", boundaries, .. credited])).ExitCode);
        // Declared complete from 1 January 2567 (2024): seasons 2567-2569 are covered throughout, 2564-2566 have no data.
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, ["import", "firms", hotspots, "--covers",
            "2024-01-01..2026-05-31", .. credited]);
        Assert.True(exit == 0, error);
    }

    private async Task<JsonDocument> JsonAsync(params string[] args)
    {
        var (exit, output, error) = await CliRunner.RunAsync(_db.ConnectionString, args);
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output);
    }

    // The forms of the text tables, written out here rather than taken from the report code.
    private static string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Baseline(double b) => b == Math.Floor(b) ? b.ToString("#,0", CultureInfo.InvariantCulture)
        : b.ToString("#,0.0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The change % as the tables print it, from the row's count and baseline (the JSON rounds change_pct to two
    /// decimals, and rounding that again to one could differ from the table).
    /// </summary>
    private static string Percent(JsonElement row)
    {
        var (count, baseline) = (row.GetProperty("count").GetDouble(), row.GetProperty("baseline").GetDouble());
        if (baseline == 0)
            return "-";
        var change = (count - baseline) / baseline * 100;
        return (change > 0 ? "+" : "") + change.ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static string Rai(double rai) => rai.ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>The change % as the report rounds it (one decimal, half away from zero), from the row's count and baseline.</summary>
    private static double? ChangeRounded(JsonElement row)
    {
        var (count, baseline) = (row.GetProperty("count").GetDouble(), row.GetProperty("baseline").GetDouble());
        return baseline == 0 ? null : Math.Round((count - baseline) / baseline * 100, 1, MidpointRounding.AwayFromZero);
    }

    // The verdicts as a Thai reader sees them, written out here rather than taken from the report code.
    private static readonly Dictionary<string, string> Words = new()
    {
        ["met"] = "บรรลุ",
        ["not-met"] = "ไม่บรรลุ",
        ["no-baseline"] = "ไม่มีฐาน",
        ["incomplete"] = "ข้อมูลไม่ครบ",
    };

    /// <summary>A cell: its text or number and the number format it shows with ("General" when none).</summary>
    private sealed record XCell(string? Text, double? Number, string Format = "General");

    private static Worksheet Worksheet(SpreadsheetDocument book, string name)
    {
        var workbook = book.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
    }

    private static Dictionary<string, List<List<XCell>>> Sheets(SpreadsheetDocument book)
    {
        var workbook = book.WorkbookPart!;
        var styles = workbook.WorkbookStylesPart?.Stylesheet;
        string Format(Cell cell)
        {
            if (cell.StyleIndex?.Value is not { } index || styles is null)
                return "General";
            var id = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)index).NumberFormatId?.Value ?? 0;
            // The built-in formats the report uses; the others are declared in the workbook.
            return id switch
            {
                0 => "General",
                3 => "#,##0",
                4 => "#,##0.00",
                _ => styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == id).FormatCode!.Value!,
            };
        }
        var result = new Dictionary<string, List<List<XCell>>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            result[sheet.Name!] = [.. part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
                c.DataType?.Value == CellValues.Number
                    ? new XCell(null, double.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture), Format(c))
                    : new XCell(c.InlineString?.Text?.Text ?? c.CellValue?.Text, null, Format(c))).ToList())];
        }
        return result;
    }
}
