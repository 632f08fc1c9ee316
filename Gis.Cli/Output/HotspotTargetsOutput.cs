using System.Globalization;
using Gis.Core.Targets;
using Gis.Importers.Targets;

namespace Gis.Cli.Output;

/// <summary>The hotspot-reduction table as text, CSV and JSON.</summary>
internal static class HotspotTargetsOutput
{
    /// <param name="english">Project names in English (<c>--lang en</c>), else Thai.</param>
    public static void WriteTable(TextWriter output, HotspotTargetReport report, bool english = false) =>
        WriteTable(output, report, [report], english);

    /// <summary>Every province's districts and province row, then the national row (<c>--province all</c>).</summary>
    public static void WriteTable(TextWriter output, NationalHotspotTargets result, bool english = false) =>
        WriteTable(output, result.Nation, [.. result.Provinces, result.Nation with { Districts = [] }], english);

    /// <summary>
    /// The heading, coverage and warnings of <paramref name="report"/>, and a table of each of <paramref name="parts"/>: its
    /// districts, then its total row below a line.
    /// </summary>
    private static void WriteTable(TextWriter output, HotspotTargetReport report, IReadOnlyList<HotspotTargetReport> parts,
        bool english)
    {
        output.WriteLine($"Hotspot reduction, {report.Period.Label} ({report.Period.From:yyyy-MM-dd} to {report.Period.To:yyyy-MM-dd}) " +
                         $"against {report.BaselineLabel}, {(report.CountMode == CountMode.Events ? "fire events" : "detections")}");
        if (report.ToDate is { } toDate)
            output.WriteLine($"To date: counted up to {toDate:yyyy-MM-dd}, the baseline over the same days of its season");
        if (report.PeriodCoverage is { } period && report.BaselineCoverage is { } baseline)
            output.WriteLine($"Coverage: period {period.Describe(false)}; baseline {baseline.Describe(false)}");
        output.WriteLine();
        var withCap = parts.Any(p => p.Districts.Append(p.Province).Any(r => r.Cap is not null));
        var withLand = report.Province.ByLandClass.Count > 0;
        string[] headers = ["code", "district", "อำเภอ", "count", "baseline", "change %", "target %", "status", "by sensor",
            "projects (share of district)"];
        if (withCap)
            headers = [.. headers, "cap used %", "projected"];
        if (withLand)
            headers = [.. headers, "by land class"];
        var table = new TextTable(headers).AlignRight(3, 4, 5, 6);
        foreach (var part in parts)
        {
            foreach (var row in part.Districts.Append(part.Province))
            {
                if (row == part.Province)
                    table.AddSeparator();
                var cells = Cells(row, withCap, (part.PeriodHasNoData, part.BaselineHasNoData), english);
                table.Add(withLand ? [.. cells, string.Join(" ", row.ByLandClass.Select(kv => $"{kv.Key}:{kv.Value}"))] : cells);
            }
        }
        table.WriteTo(output);
        foreach (var warning in report.Warnings)
            output.WriteLine("Note: " + warning);
    }

    private const string NoData = "no data";

    private static string[] Cells(HotspotTargetRow r, bool withCap, (bool Period, bool Baseline) noData, bool english)
    {
        string[] cells =
        [
            r.Code, r.NameEn, r.NameTh, noData.Period ? NoData : Numbers.Count(r.Count), noData.Baseline ? NoData : Decimal(r.Baseline),
            r.ChangePercent is { } c && !noData.Period && !noData.Baseline ? Signed(c) : "-",
            Signed(r.TargetPercent), Reduction.Code(r.Status), string.Join(" ", r.BySensor.Select(kv => $"{kv.Key}:{kv.Value}")),
                ProjectsOutput.Text(r.Projects, english, ProjectsOutput.TableNameWidth),
        ];
        return withCap
            ? [.. cells, r.Cap is { } cap ? Decimal(cap.PercentUsed) : "", r.Cap?.ProjectedCount is { } p ? Decimal(p) : ""]
            : cells;
    }

    public static void WriteCsv(TextWriter output, HotspotTargetReport report, bool english = false) =>
        WriteCsv(output, [report], english);

    /// <summary>Every province's districts and province row, then the national row (code TH), in one CSV table.</summary>
    public static void WriteCsv(TextWriter output, NationalHotspotTargets result, bool english = false) =>
        WriteCsv(output, [.. result.Provinces, result.Nation with { Districts = [] }], english);

    private static void WriteCsv(TextWriter output, IReadOnlyList<HotspotTargetReport> parts, bool english)
    {
        output.WriteLine(Csv.Line("code", "name_th", "name_en", "count", "baseline", "change_pct", "target_pct", "status", "by_sensor",
            "cap", "cap_used_pct", "projected", "projects", "by_land_class", "period_days_with_data", "period_days",
            "baseline_days_with_data", "baseline_days"));
        string Days(int? days) => days is { } d ? Numbers.Plain(d) : "";
        foreach (var (r, report) in parts.SelectMany(p => p.Districts.Append(p.Province).Select(r => (r, p))))
        {
            var (noPeriod, noBaseline) = (report.PeriodHasNoData, report.BaselineHasNoData);
            // No data is an empty cell, never 0.
            output.WriteLine(Csv.Line(r.Code, r.NameTh, r.NameEn, noPeriod ? "" : Numbers.Plain(r.Count), noBaseline ? "" : Raw(r.Baseline),
                r.ChangePercent is { } c && !noPeriod && !noBaseline ? Raw(c) : "",
                Raw(r.TargetPercent), Reduction.Code(r.Status), string.Join(";", r.BySensor.Select(kv => $"{kv.Key}={kv.Value}")),
                r.Cap is { } cap ? Raw(cap.Cap) : "", r.Cap is { } used ? Raw(used.PercentUsed) : "", r.Cap?.ProjectedCount is { } p
                    ? Raw(p) : "", ProjectsOutput.Text(r.Projects, english),
                string.Join(";", r.ByLandClass.Select(kv => $"{kv.Key}={kv.Value}")), Days(report.PeriodCoverage?.DaysWithData),
                Days(report.PeriodCoverage?.Days), Days(report.BaselineCoverage?.DaysWithData), Days(report.BaselineCoverage?.Days)));
        }
    }

    /// <summary>
    /// Every province (its row with its districts and its own coverage) and the national row, with the heading fields of
    /// <see cref="WriteJson(TextWriter, HotspotTargetReport)"/>.
    /// </summary>
    public static void WriteJson(TextWriter output, NationalHotspotTargets result) => Json.Write(output, new
    {
        Period = result.Nation.Period.Label,
        From = result.Nation.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        To = result.Nation.Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Baseline = result.Nation.BaselineLabel,
        Count = result.Nation.CountMode == CountMode.Events ? "events" : "detections",
        ToDate = CoverageOutput.Day(result.Nation.ToDate),
        Coverage = CoverageOutput.Pair(result.Nation.PeriodCoverage, result.Nation.BaselineCoverage),
        Provinces = result.Provinces.Select(p => new
        {
            Province = JsonRow(p.Province, p),
            Coverage = CoverageOutput.Pair(p.PeriodCoverage, p.BaselineCoverage),
            Districts = p.Districts.Select(r => JsonRow(r, p)),
        }),
        Nation = JsonRow(result.Nation.Province, result.Nation),
        Warnings = result.Nation.Warnings.Select(w => w.En),
    });

    public static void WriteJson(TextWriter output, HotspotTargetReport report) => Json.Write(output, new
    {
        Period = report.Period.Label,
        From = report.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        To = report.Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Baseline = report.BaselineLabel,
        Count = report.CountMode == CountMode.Events ? "events" : "detections",
        ToDate = CoverageOutput.Day(report.ToDate),
        Coverage = CoverageOutput.Pair(report.PeriodCoverage, report.BaselineCoverage),
        Districts = report.Districts.Select(r => JsonRow(r, report)),
        Province = JsonRow(report.Province, report),
        Warnings = report.Warnings.Select(w => w.En),
    });

    // A period or baseline without one covered day is null (no data), never 0.
    private static object JsonRow(HotspotTargetRow r, HotspotTargetReport report) => new
    {
        r.Code,
        r.NameTh,
        r.NameEn,
        Count = report.PeriodHasNoData ? null : (long?)r.Count,
        Baseline = report.BaselineHasNoData ? null : (double?)r.Baseline,
        ChangePct = r.ChangePercent is { } c && !report.PeriodHasNoData && !report.BaselineHasNoData ? Math.Round(c, 2) : (double?)null,
        TargetPct = r.TargetPercent,
        Status = Reduction.Code(r.Status),
        r.BySensor,
        r.ByLandClass,
        Cap = r.Cap is null ? null
            : new { r.Cap.Cap, UsedPct = Math.Round(r.Cap.PercentUsed, 2), r.Cap.ProjectedCount, ProjectedPct = r.Cap.ProjectedPercent },
        Projects = ProjectsOutput.Json(r.Projects),
    };

    private static string Decimal(double value) => value.ToString(value == Math.Floor(value) ? "N0" : "N1", CultureInfo.InvariantCulture);

    private static string Signed(double value) => value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    private static string Raw(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
