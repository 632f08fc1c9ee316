using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Gis.Core.Plans;
using Gis.Core.Targets;

namespace Gis.Rendering.Reports;

/// <summary>
/// The report's statistics as tables for reuse: one row per district, then the province's; the same values the PDF prints (unrounded
/// where the PDF rounds). XLSX has a sheet per target plus the trend; CSV puts every column in one file, UTF-8 with a
/// byte-order mark so that Excel reads the Thai names.
/// </summary>
public static class ReportTables
{
    /// <summary>A column: its header and the value of a district (a number, text, or null for an empty cell).</summary>
    private sealed record Column(string Header, Func<DistrictReport, object?> Value);

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
    /// The sheets as rows of column header and value (in column order; null for an empty cell), for writers of other
    /// formats: the command line's JSON.
    /// </summary>
    public static IReadOnlyDictionary<string, List<Dictionary<string, object?>>> Rows(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Sheets(model).ToDictionary(s => s.Name,
            s => TableRows(model).Select(d => s.Columns.ToDictionary(c => c.Header, c => c.Value(d))).ToList());
    }

    /// <summary>The sheets: hotspot reduction, green area (when computed), and the trend of counts.</summary>
    private static List<(string Name, List<Column> Columns)> Sheets(ReportModel model)
    {
        var (noPeriod, noBaseline) = (model.Reduction.PeriodHasNoData, model.Reduction.BaselineHasNoData);
        List<Column> names = [new("code", d => d.Code), new("name_th", d => d.Hotspots.NameTh), new("name_en", d => d.Hotspots.NameEn)];
        List<(string, List<Column>)> sheets =
        [
            ("hotspots", [.. names,
                // A period or baseline without one covered day is an empty cell, never 0 (ADR 0015).
                new("count", d => noPeriod ? null : d.Hotspots.Count),
                new("baseline", d => noBaseline ? null : d.Hotspots.Baseline),
                new("baseline_period", _ => model.Reduction.BaselineLabel),
                new("change_pct", d => noPeriod || noBaseline ? null : d.Hotspots.ChangePercent),
                new("target_pct", d => d.Hotspots.TargetPercent),
                new("status", d => Reduction.Code(d.Hotspots.Status)),
                new("projects", d => Projects(d.Hotspots.Projects, model.Thai)),
                new("period_days_with_data", _ => model.Reduction.PeriodCoverage?.DaysWithData),
                new("period_days", _ => model.Reduction.PeriodCoverage?.Days),
                new("baseline_days_with_data", _ => model.Reduction.BaselineCoverage?.DaysWithData),
                new("baseline_days", _ => model.Reduction.BaselineCoverage?.Days),
            ]),
        ];
        // Caps, as 'gis targets hotspots' prints them, when any district has one.
        if (model.Districts.Any(d => d.Hotspots.Cap is not null))
        {
            sheets[0].Item2.AddRange([
                new("cap", d => d.Hotspots.Cap?.Cap),
                new("cap_used_pct", d => d.Hotspots.Cap?.PercentUsed),
                new("projected_count", d => d.Hotspots.Cap?.ProjectedCount),
            ]);
        }
        if (model.Green is { } green)
        {
            sheets.Add(("green", [.. names,
                new("gain_rai", d => d.Green?.GainRai),
                new("loss_rai", d => d.Green?.LossRai),
                new("net_rai", d => d.Green?.NetRai),
                new("projects_rai", d => d.GreenProjectsRai),
                new("allocation_rai", d => d.AllocationRai),
                new("green_class", d => d.GreenClass),
                new("projects", d => Projects(d.GreenProjects, model.Thai)),
            ]));
        }
        var periods = model.Districts.Count > 0 ? model.Districts[0].Trend.Select(t => t.Period).ToList() : [];
        sheets.Add(("trend", [.. names, .. periods.Select((p, i) => new Column(p.Label, d => d.Trend[i].Count))]));
        return sheets;
    }

    // The province row closes every sheet, as it closes the PDF's table.
    private static IEnumerable<DistrictReport> TableRows(ReportModel model) => model.Districts.Append(model.Province);

    private static void WriteCsv(ReportModel model, string path)
    {
        // One file: the trend columns are left out (they are per period, not per target); the sheets share code and names.
        var sheets = Sheets(model);
        var columns = sheets[0].Columns.Concat(sheets.Skip(1).Where(s => s.Name == "green").SelectMany(s => s.Columns.Skip(3)
            .Select(c => c.Header == "projects" ? c with { Header = "green_projects" } : c))).ToList();
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        writer.WriteLine(string.Join(',', columns.Select(c => Quote(c.Header))));
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
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheets = workbook.Workbook.AppendChild(new Sheets());
        uint id = 1;
        foreach (var (name, columns) in Sheets(model))
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, columns.Select(c => (object?)c.Header)));
            var r = 2u;
            foreach (var district in TableRows(model))
                data.Append(Row(r++, columns.Select(c => c.Value(district))));
            part.Worksheet = new Worksheet(data);
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = name });
        }
        workbook.Workbook.Save();
    }

    private static Row Row(uint index, IEnumerable<object?> values)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var value in values)
        {
            var reference = ColumnName(column++) + index.ToString(CultureInfo.InvariantCulture);
            Cell cell = value switch
            {
                null => new Cell { CellReference = reference },
                string s => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new(new Text(s)) },
                double d => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d) },
                long l => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue((double)l) },
                int i => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(i) },
                _ => throw new InvalidOperationException($"No cell type for {value.GetType().Name}."),
            };
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
