using System.CommandLine;
using System.Globalization;
using Gis.Cli.Options;
using Gis.Cli.Output;
using Gis.Core.Admin;
using Gis.Core.Time;
using Gis.Rendering.Maps;
using Gis.Rendering.Reports;

namespace Gis.Cli.Commands;

/// <summary><c>gis report</c>: the district report (PDF atlas) of both targets, and its statistics as XLSX or CSV.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var periodOptions = new PeriodOptions("The period of the hotspot target");
        var baseline = PeriodOptions.Baseline();
        var series = new HotspotOptions();
        var greenFrom = GreenOptions.From(withoutIt: "the report covers the hotspot target only");
        var greenTo = GreenOptions.To();
        var year = GreenOptions.Year("--green-to");
        var province = ProvinceOptions.Province("whose districts are reported");
        var lang = RenderOptions.Lang("the report");
        var trend = new Option<int>("--trend")
        {
            Description = "How many earlier periods the trend charts show",
            DefaultValueFactory = _ => 5,
        };
        var author = RenderOptions.Author("report", "on every page");
        var output = RenderOptions.Out(".pdf or .docx");
        var targetOptions = new TargetOptions();
        var tables = new Option<string?>("--tables")
        {
            Description = "Also write the statistics, one row per district: .xlsx (a sheet per target), .csv or .json (with the coverage)",
        };

        var command = new Command("report", """
            The district report of both targets, A4 PDF or Word (.docx): a province page (map of the reduction verdicts, and the table of
            both targets per district with the responsible projects), a table of contents, and one atlas page per district
            (its map, its figures for both targets, a chart of its hotspot counts over the earlier periods, its projects).
            The numbers are those of 'gis targets hotspots' (detections; the same --target, --district-target, --cap and
            --targets) and 'gis targets green' for the same options. --tables writes them as XLSX, CSV or JSON.
            """)
        {
            periodOptions.Period, baseline, series.Instrument, series.Satellite, greenFrom, greenTo, year, province, lang, trend, author,
            output, tables,
            periodOptions.Ce, periodOptions.SeasonEndMonth,
        };
        foreach (var option in targetOptions.All)
            command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(output)!;
            var word = Path.GetExtension(path).Equals(".docx", StringComparison.OrdinalIgnoreCase);
            if (!word && !Path.GetExtension(path).Equals(".pdf", StringComparison.OrdinalIgnoreCase))
                throw new FormatException($"--out {path}: the report is written as PDF or Word; use a .pdf or .docx file name.");
            var tablesPath = parse.GetValue(tables);
            var tablesJson = tablesPath is not null && Path.GetExtension(tablesPath).Equals(".json", StringComparison.OrdinalIgnoreCase);
            if (tablesPath is not null && !tablesJson && Path.GetExtension(tablesPath).ToLowerInvariant() is not (".xlsx" or ".csv"))
                throw new FormatException($"--tables {tablesPath}: use a .xlsx, .csv or .json file name.");
            if ((parse.GetValue(greenFrom) is null) != (parse.GetValue(greenTo) is null))
                throw new FormatException("The green target needs both --green-from and --green-to (land-use snapshots, BE).");
            if (parse.GetValue(trend) is < 1 or > 20)
                throw new FormatException("--trend: from 1 to 20 earlier periods.");
            var request = new ReportRequest(
                parse.GetValue(periodOptions.Period)!,
                periodOptions.ReadBaseline(parse, baseline),
                DopaCode.Normalize(parse.GetValue(province)!),
                series.Filter(parse),
                parse.GetValue(greenFrom),
                parse.GetValue(greenTo),
                parse.GetValue(year),
                parse.GetValue(lang)!,
                Bangkok.LocalDay(DateTime.UtcNow),
                parse.GetValue(author),
                parse.GetValue(trend),
                targetOptions.Settings(parse));

            var (run, model) = await RenderRun.LoadAsync(parse, store => new ReportDataLoader(store).LoadAsync(request, ct), ct);
            using var _ = run;
            string written;
            if (word)
            {
                ReportWord.Write(model, path, run.Fonts);
                written = string.Create(CultureInfo.InvariantCulture,
                    $"Wrote {path}: Word, {model.Districts.Count} districts, text in {ReportWord.ThaiFont}");
            }
            else
            {
                var (pages, _) = ReportExporter.WritePdf(model, path, run.Fonts);
                written = string.Create(CultureInfo.InvariantCulture,
                    $"Wrote {path}: {pages.Count} pages, {model.Districts.Count} districts");
            }
            if (tablesPath is not null)
            {
                if (tablesJson)
                    WriteJson(model, tablesPath);
                else
                    ReportTables.Write(model, tablesPath);
                written += $"; tables {tablesPath}";
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync(written + run.Timing());
            return 0;
        });
        return command;
    }

    /// <summary>The tables as JSON, with the coverage of the period and the baseline as 'gis targets hotspots' writes it.</summary>
    private static void WriteJson(ReportModel model, string path)
    {
        using var file = new StreamWriter(path);
        Json.Write(file, new
        {
            Period = model.Reduction.Period.Label,
            Baseline = model.Reduction.BaselineLabel,
            Coverage = CoverageOutput.Pair(model.Reduction.PeriodCoverage, model.Reduction.BaselineCoverage),
            Tables = ReportTables.Rows(model),
        });
    }
}
