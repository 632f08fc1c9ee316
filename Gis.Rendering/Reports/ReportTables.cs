using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Gis.Core.Hotspots;
using Gis.Core.Plans;
using Gis.Core.Targets;
using Gis.Rendering.Maps;

namespace Gis.Rendering.Reports;

/// <summary>
/// The report's statistics as tables, one row per district, then the province's. Two readers, two forms (ADR 0032):
/// the XLSX is for people (headers in the report's language with units, numbers rounded as the PDF prints them in
/// number formats, verdicts in words, a bold province total row, frozen header, filter, fitted widths, a notes
/// sheet with coverage, definitions and sources); CSV and JSON are for programs (snake_case column codes, verdict
/// codes, unrounded values), the CSV in UTF-8 with a byte-order mark so that Excel reads the Thai names.
/// </summary>
public static class ReportTables
{
    /// <summary>How a column's values read in the XLSX: the number format, and the decimals its values are rounded to.</summary>
    private enum Shape { Text, Count, Decimal1, Percent, Rai, Share }

    /// <summary>
    /// A column: its code (CSV and JSON header), its XLSX header in Thai and English, its value for programs (a number,
    /// a code, or null for an empty cell) and, where people read it differently, its value for people.
    /// </summary>
    private sealed record Column(string Key, string Th, string En, Func<DistrictReport, object?> Value, Shape Shape = Shape.Text,
        Func<DistrictReport, object?>? ForPeople = null, bool ProgramsOnly = false)
    {
        public string Header(bool th) => th ? Th : En;

        public object? PeopleValue(DistrictReport d) => (ForPeople ?? Value)(d) switch
        {
            // Rounded as the PDF prints it, so the sheet's cells are the figures a reader sees and sums.
            double v when Shape is Shape.Count => Math.Round(v, MidpointRounding.AwayFromZero),
            double v when Shape is Shape.Decimal1 or Shape.Percent or Shape.Share => Math.Round(v, 1, MidpointRounding.AwayFromZero),
            double v when Shape is Shape.Rai => Math.Round(v, 2, MidpointRounding.AwayFromZero),
            var v => v,
        };
    }

    /// <summary>A sheet: its code (the JSON key) and its XLSX name in each language.</summary>
    private sealed record Sheet(string Key, string Th, string En, List<Column> Columns);

    /// <summary>Writes <paramref name="path"/> as .xlsx or .csv by its extension.</summary>
    /// <exception cref="FormatException">Any other extension.</exception>
    public static void Write(ReportModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".xlsx": WriteXlsx(model, path); break;
            case ".csv": WriteCsv(model, path); break;
            default: throw new FormatException($"--tables {path}: use a .xlsx or .csv file name.");
        }
    }

    /// <summary>
    /// The sheets as rows of column code and value (in column order; null for an empty cell), for writers of other
    /// formats: the command line's JSON.
    /// </summary>
    public static IReadOnlyDictionary<string, List<Dictionary<string, object?>>> Rows(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Sheets(model).ToDictionary(s => s.Key,
            s => TableRows(model).Select(d => s.Columns.ToDictionary(c => c.Key, c => c.Value(d))).ToList());
    }

    /// <summary>The sheets: hotspot reduction, green area (when computed), and the trend of counts.</summary>
    private static List<Sheet> Sheets(ReportModel model)
    {
        var th = model.Thai;
        var (noPeriod, noBaseline) = (model.Reduction.PeriodHasNoData, model.Reduction.BaselineHasNoData);
        var provinceCode = model.Reduction.Province.Code;
        // The province's row names itself the total in the report's language (its name may be known only from the map).
        object? Name(DistrictReport d, bool inThai) => d.Code != provinceCode ? d.Name(inThai)
            : inThai != th ? null : th ? "รวมทั้ง" + model.PlaceName : "Total, " + model.PlaceName;
        List<Column> names =
        [
            new("code", "รหัส", "Code", d => d.Code),
            new("name_th", "อำเภอ", "District (Thai)", d => d.Hotspots.NameTh, ForPeople: d => Name(d, inThai: true)),
            new("name_en", "อำเภอ (อังกฤษ)", "District", d => d.Hotspots.NameEn, ForPeople: d => Name(d, inThai: false)),
        ];
        var period = (Th: MapDataLoader.PeriodName(model.Request.Period, true), En: MapDataLoader.PeriodName(model.Request.Period, false));
        var baseline = (Th: MapDataLoader.BaselineText(model.Request.Baseline, model.Request.Period, true),
            En: MapDataLoader.BaselineText(model.Request.Baseline, model.Request.Period, false));
        // A mean of periods may be fractional: then the baseline column shows one decimal, else whole counts.
        var baselineShape = TableRows(model).All(d => d.Hotspots.Baseline == Math.Floor(d.Hotspots.Baseline))
            ? Shape.Count : Shape.Decimal1;
        List<Sheet> sheets =
        [
            new("hotspots", "จุดความร้อน", "hotspots", [.. names,
                // A period or baseline without one covered day is an empty cell, never 0 (ADR 0015).
                new("count", $"จุดความร้อน {period.Th} (จุด)", $"Hotspots, {period.En} (detections)",
                    d => noPeriod ? null : d.Hotspots.Count, Shape.Count),
                new("baseline", $"ฐาน: {baseline.Th} (จุด)", $"Baseline: {baseline.En} (detections)",
                    d => noBaseline ? null : d.Hotspots.Baseline, baselineShape),
                new("baseline_period", "", "", _ => model.Reduction.BaselineLabel, ProgramsOnly: true),
                new("change_pct", "เปลี่ยนแปลง (%)", "Change (%)",
                    d => noPeriod || noBaseline ? null : d.Hotspots.ChangePercent, Shape.Percent),
                new("target_pct", "เป้าหมาย (%)", "Target (%)", d => d.Hotspots.TargetPercent, Shape.Percent),
                new("status", "ผล", "Result", d => Reduction.Code(d.Hotspots.Status),
                    ForPeople: d => ReportFormat.Status(d.Hotspots.Status, th)),
                new("projects", "โครงการที่รับผิดชอบ", "Responsible projects", d => Projects(d.Hotspots.Projects, th)),
                // The coverage is one figure for the whole table: the notes sheet states it for people.
                new("period_days_with_data", "", "", _ => model.Reduction.PeriodCoverage?.DaysWithData, ProgramsOnly: true),
                new("period_days", "", "", _ => model.Reduction.PeriodCoverage?.Days, ProgramsOnly: true),
                new("baseline_days_with_data", "", "", _ => model.Reduction.BaselineCoverage?.DaysWithData, ProgramsOnly: true),
                new("baseline_days", "", "", _ => model.Reduction.BaselineCoverage?.Days, ProgramsOnly: true),
            ]),
        ];
        // Caps, as 'gis targets hotspots' prints them, when any district has one.
        if (model.Districts.Any(d => d.Hotspots.Cap is not null))
        {
            sheets[0].Columns.AddRange([
                new("cap", "เพดาน (จุด)", "Cap (detections)", d => d.Hotspots.Cap?.Cap, Shape.Count),
                new("cap_used_pct", "ใช้เพดานไป (%)", "Cap used (%)", d => d.Hotspots.Cap?.PercentUsed, Shape.Share),
                new("projected_count", "คาดการณ์สิ้นช่วง (จุด)", "Projected by the period's end (detections)",
                    d => d.Hotspots.Cap?.ProjectedCount, Shape.Count),
            ]);
        }
        if (model.Green is { } green)
        {
            var year = green.Year.ToString(CultureInfo.InvariantCulture);
            sheets.Add(new("green", "พื้นที่สีเขียว", "green", [.. names,
                new("gain_rai", "เพิ่ม (ไร่)", "Gain (rai)", d => d.Green?.GainRai, Shape.Rai),
                new("loss_rai", "ลด (ไร่)", "Loss (rai)", d => d.Green?.LossRai, Shape.Rai),
                new("net_rai", "สุทธิ (ไร่)", "Net (rai)", d => d.Green?.NetRai, Shape.Rai),
                new("projects_rai", $"โครงการปลูกปี {year} (ไร่)", $"Projects of {year} BE (rai)", d => d.GreenProjectsRai, Shape.Rai),
                new("allocation_rai", $"เป้าหมายจัดสรรปี {year} (ไร่)", $"Allocation of {year} BE (rai)", d => d.AllocationRai,
                    Shape.Count),
                new("green_class", "ผล", "Result", d => d.GreenClass, ForPeople: d => ReportFormat.GreenStatus(d.GreenClass, th)),
                new("projects", "โครงการที่รับผิดชอบ", "Responsible projects", d => Projects(d.GreenProjects, th)),
            ]));
        }
        var periods = model.Districts.Count > 0 ? model.Districts[0].Trend.Select(t => t.Period).ToList() : [];
        sheets.Add(new("trend", "แนวโน้ม", "trend", [.. names, .. periods.Select((p, i) => new Column(p.Label,
            MapDataLoader.PeriodName(p, true) + " (จุด)", MapDataLoader.PeriodName(p, false) + " (detections)",
            d => d.Trend[i].Count, Shape.Count))]));
        return sheets;
    }

    // The province row closes every sheet, as it closes the PDF's table.
    private static IEnumerable<DistrictReport> TableRows(ReportModel model) => model.Districts.Append(model.Province);

    private static void WriteCsv(ReportModel model, string path)
    {
        // One file: the trend columns are left out (they are per period, not per target); the sheets share code and names.
        var sheets = Sheets(model);
        var columns = sheets[0].Columns.Concat(sheets.Skip(1).Where(s => s.Key == "green").SelectMany(s => s.Columns.Skip(3)
            .Select(c => c.Key == "projects" ? c with { Key = "green_projects" } : c))).ToList();
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        writer.WriteLine(string.Join(',', columns.Select(c => Quote(c.Key))));
        foreach (var district in TableRows(model))
            writer.WriteLine(string.Join(',', columns.Select(c => Quote(Text(c.Value(district))))));
    }

    /// <summary>Each project by code and name in the report's language ("; " apart: names have spaces).</summary>
    private static string Projects(IEnumerable<ProjectResponsibility> projects, bool th) =>
        string.Join("; ", projects.Select(p => $"{p.ProjectCode} {(th ? p.NameTh : p.NameEn)}".TrimEnd()));

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // RFC 4180: quoted only when the field holds a comma, quote or line break.
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static void WriteXlsx(ReportModel model, string path)
    {
        var th = model.Thai;
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();
        var sheets = workbook.Workbook.AppendChild(new Sheets());
        var filters = new DefinedNames();
        uint id = 1;
        var rows = TableRows(model).ToList();
        foreach (var sheet in Sheets(model))
        {
            var columns = sheet.Columns.Where(c => !c.ProgramsOnly).ToList();
            var table = new List<List<(object? Value, uint Style)>>
            {
                columns.Select(c => ((object?)c.Header(th), HeaderStyle)).ToList(),
            };
            // The province's row in bold under the districts: its sums and its change from those sums, as 'gis targets' has them.
            table.AddRange(rows.Select((d, i) =>
                columns.Select(c => (c.PeopleValue(d), Style(c.Shape, bold: i == rows.Count - 1))).ToList()));
            var name = th ? sheet.Th : sheet.En;
            var (last, height) = (ColumnName(columns.Count - 1), table.Count.ToString(CultureInfo.InvariantCulture));
            Append(workbook, sheets, name, id, table, frozenColumns: 3, new AutoFilter { Reference = $"A1:{last}{height}" });
            // Excel keeps a filter's range in this hidden name too; LibreOffice reads the filter from it.
            filters.Append(new DefinedName($"'{name}'!$A$1:${last}${height}")
            {
                Name = "_xlnm._FilterDatabase",
                LocalSheetId = id - 1,
                Hidden = true,
            });
            id++;
        }
        Append(workbook, sheets, th ? "หมายเหตุ" : "notes", id, [.. Notes(model).Select(n =>
            new List<(object?, uint)> { (n.Label, n.Label.Length > 0 ? HeaderStyle : 0u), (n.Text, 0u) })], frozenColumns: 0, null);
        workbook.Workbook.Append(filters);
        workbook.Workbook.Save();
    }

    /// <summary>Adds a worksheet of <paramref name="table"/> (first row frozen as its header) named <paramref name="name"/>.</summary>
    private static void Append(WorkbookPart workbook, Sheets sheets, string name, uint id, List<List<(object? Value, uint Style)>> table,
        int frozenColumns, AutoFilter? filter)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < table.Count; r++)
            data.Append(Row((uint)r + 1, table[r]));
        var view = new SheetView { WorkbookViewId = 0, TabSelected = id == 1 };
        if (filter is not null)
        {
            view.Append(new Pane
            {
                HorizontalSplit = 1,
                VerticalSplit = frozenColumns,
                TopLeftCell = ColumnName(frozenColumns) + "2",
                ActivePane = PaneValues.BottomRight,
                State = PaneStateValues.Frozen,
            });
        }
        var widths = new Columns();
        var count = table.Max(r => r.Count);
        for (var c = 0; c < count; c++)
        {
            // Headers wrap (their style), so a long header takes at most 16 characters of width; content is never cut below 60.
            var content = table.Skip(filter is null ? 0 : 1).Where(r => c < r.Count).Select(r => Width(r[c].Value)).DefaultIfEmpty(0).Max();
            var header = filter is null ? 0 : Math.Min(Width(table[0][c].Value), 16);
            var width = Math.Min(Math.Max(content, header) * 1.15 + 2, filter is null ? 100 : 60);
            widths.Append(new DocumentFormat.OpenXml.Spreadsheet.Column
            {
                Min = (uint)c + 1,
                Max = (uint)c + 1,
                Width = Math.Round(width, 1),
                CustomWidth = true,
            });
        }
        part.Worksheet = new Worksheet(new SheetViews(view), widths, data);
        if (filter is not null)
            part.Worksheet.Append(filter);
        sheets.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    /// <summary>
    /// The notes sheet: what the report covers, what its figures rest on (the coverage of the period and baseline), what
    /// its columns mean and its sources (ADR 0017), each as a label and a text.
    /// </summary>
    private static IEnumerable<(string Label, string Text)> Notes(ReportModel model)
    {
        var th = model.Thai;
        var request = model.Request;
        var coverage = MapDataLoader.CoverageText(model.Reduction.PeriodCoverage, model.Reduction.BaselineCoverage, th);
        yield return (th ? "รายงาน" : "Report", model.Title);
        yield return (th ? "ช่วงเวลา" : "Period", model.PeriodText);
        yield return (th ? "ฐาน" : "Baseline", MapDataLoader.BaselineText(request.Baseline, request.Period, th));
        yield return (th ? "ชุดข้อมูลจุดความร้อน" : "Hotspot series", (request.Filter ?? new HotspotFilter()).SeriesText);
        yield return (th ? "ความครอบคลุมของข้อมูล" : "Coverage", coverage.Length > 0 ? coverage
            : th ? "ไม่ทราบ (ไม่มีการบันทึกช่วงวันที่ของข้อมูล)" : "unknown (no days of data recorded)");
        if (model.Green is { } green)
        {
            yield return (th ? "พื้นที่สีเขียว" : "Green area", th
                ? $"การใช้ที่ดิน พ.ศ. {green.Change.FromYear} เทียบกับ {green.Change.ToYear}, เป้าหมายจัดสรรปี {green.Year}"
                : $"land use {green.Change.FromYear} against {green.Change.ToYear} BE, allocation of {green.Year} BE");
        }
        yield return ("", "");
        yield return (th ? "คำอธิบาย" : "Definitions", "");
        yield return (th ? "จุดความร้อน (จุด)" : "Hotspots (detections)", th
            ? "จำนวนจุดความร้อนที่ดาวเทียมตรวจพบ (NASA FIRMS) ในอำเภอ นับตามวันเวลาประเทศไทย"
            : "satellite fire detections (NASA FIRMS) inside the district, by Bangkok local day");
        yield return (th ? "เปลี่ยนแปลง (%)" : "Change (%)", th
            ? "(จุดความร้อน − ฐาน) ÷ ฐาน × 100; ของทั้งจังหวัดคำนวณจากยอดรวม ไม่ใช่ค่าเฉลี่ยของอำเภอ; ว่างเมื่อฐานเป็น 0"
            : "(hotspots − baseline) ÷ baseline × 100; the province's from its totals, not an average of the districts'; empty "
              + "when the baseline is 0");
        yield return (th ? "ผล" : "Result", th
            ? "บรรลุ: เปลี่ยนแปลงไม่เกินเป้าหมาย; ไม่บรรลุ: เกินเป้าหมาย; ไม่มีฐาน: ฐานเป็น 0; "
              + "ข้อมูลไม่ครบ: ช่วงเวลาหรือฐานมีข้อมูลไม่ครบทุกวัน"
            : "met: the change is at or below the target; not met: above it; no baseline: the baseline is 0; incomplete: the "
              + "period or the baseline lacks days of data");
        if (model.Green is not null)
        {
            yield return (th ? "ไร่" : "Rai", th ? "1 ไร่ = 1,600 ตารางเมตร คำนวณบนทรงรี WGS 84; สุทธิ = เพิ่ม − ลด"
                : "1 rai = 1,600 m², measured on the WGS 84 ellipsoid; net = gain − loss");
        }
        yield return (th ? "ช่องว่าง" : "Empty cell", th ? "ไม่มีข้อมูล (ไม่ใช่ 0)" : "no data (not 0)");
        yield return ("", "");
        var sources = model.Sources ?? [];
        yield return (model.SourcesHeading, sources.Count > 0 ? sources[0] : th ? "ไม่มีบันทึก" : "none recorded");
        foreach (var source in sources.Skip(1))
            yield return ("", source);
        yield return ("", "");
        yield return (th ? "จัดทำเมื่อ" : "Made", MapDataLoader.DayText(request.MadeOn, th) + (th ? "" : " BE"));
        if (request.Author is { Length: > 0 } author)
            yield return (th ? "ผู้จัดทำ" : "By", author);
    }

    /// <summary>The width of a value in characters as a spreadsheet shows it: Thai vowel and tone marks above or below take none.</summary>
    private static double Width(object? value)
    {
        var text = value switch
        {
            null => "",
            string s => s,
            double d => d.ToString("#,##0.00", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString("#,##0", CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.Count(c => CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.Format));
    }

    private const uint HeaderStyle = 1;

    /// <summary>The cell format of a shape, regular or bold (the total row): 2 + 2 × shape + bold, as <see cref="Stylesheet"/>
    /// adds them.</summary>
    private static uint Style(Shape shape, bool bold) => 2 + 2 * (uint)shape + (bold ? 1u : 0u);

    /// <summary>
    /// Fonts, fills and the cell formats: 0 plain, 1 header (bold, shaded, wrapped), then each <see cref="Shape"/>'s number
    /// format regular and bold: #,##0 counts, #,##0.0 means, signed +0.0 changes in %, #,##0.00 rai, 0.0 shares in %.
    /// </summary>
    private static Stylesheet Stylesheet()
    {
        // Built-in 3 is #,##0 and 4 is #,##0.00; the others are declared here.
        uint[] formats = [0, 3, 164, 165, 4, 166];
        var cellFormats = new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
            {
                FontId = 1,
                FillId = 2,
                ApplyFont = true,
                ApplyFill = true,
                ApplyAlignment = true,
            });
        foreach (var format in formats)
        {
            foreach (var bold in new[] { false, true })
            {
                cellFormats.Append(new CellFormat
                {
                    NumberFormatId = format,
                    ApplyNumberFormat = format != 0,
                    FontId = bold ? 1u : 0u,
                    ApplyFont = bold,
                });
            }
        }
        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.0" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "+0.0;-0.0;0.0" },
                new NumberingFormat { NumberFormatId = 166, FormatCode = "0.0" }),
            new Fonts(new Font(), new Font(new Bold())),
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFECEFF3" }) { PatternType = PatternValues.Solid })),
            new Borders(new Border()),
            new CellStyleFormats(new CellFormat()),
            cellFormats);
    }

    private static Row Row(uint index, IEnumerable<(object? Value, uint Style)> values)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var (value, style) in values)
        {
            var reference = ColumnName(column++) + index.ToString(CultureInfo.InvariantCulture);
            Cell cell = value switch
            {
                null or "" => new Cell { CellReference = reference },
                string s => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new(new Text(s)) },
                double d => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d) },
                long l => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue((double)l) },
                int i => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(i) },
                _ => throw new InvalidOperationException($"No cell type for {value.GetType().Name}."),
            };
            if (style != 0)
                cell.StyleIndex = style;
            row.Append(cell);
        }
        return row;
    }

    /// <summary>A, B, ..., Z, AA, ...</summary>
    private static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
            name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }
}
