using System.CommandLine;
using System.Globalization;
using Gis.Cli.Options;
using Gis.Cli.Output;
using Gis.Core.Admin;
using Gis.Core.Plans;
using Gis.Importers.Planning;
using Gis.Importers.Projects;
using Gis.Importers.Queries.Projects;

namespace Gis.Cli.Commands;

/// <summary><c>gis import projects</c> and <c>gis projects list</c>.</summary>
internal static class ProjectsCommand
{
    /// <summary>Problems and notes listed one by one on screen; beyond this they are counted (--json lists all).</summary>
    private const int Shown = 25;

    public static Command Import()
    {
        var file = new Argument<string>("FILE") { Description = "Project CSV, budget-bill CSV, or GeoJSON/GeoPackage of project areas" };
        var format = new Option<string>("--format") { Description = "File format", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong("auto", "csv", "budget-bill", "geojson", "gpkg");
        var fiscalYear = FiscalYearOption("Fiscal year (BE) for projects the file gives none (area files, fuel-management areas)");
        var layer = ImportOptions.Layer();
        var srid = ImportOptions.Srid();
        var jsonOption = OutputOptions.Json();
        var actor = ActorOptions.As();
        var command = new Command("projects", """
            Import plan projects and project areas (docs/projects-format.md). A project replaces the stored project of
            its code; areas replace the imported areas of their project, never those a planner drew. One transaction,
            recorded in the planner's history (undo there): a refused file changes nothing.
            What cannot be read is listed per line or feature. Exit code 2 when the file is refused.
            """)
        {
            file, format, fiscalYear, layer, srid, jsonOption, actor,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            // Every imported district: cluster and national budget lines name districts of other provinces too.
            var districts = await new ProjectQueries(store).DistrictNamesAsync(null, ct);
            var read = ProjectReader.Read(path, new ProjectReadOptions(
                parse.GetValue(format) switch
                {
                    "csv" => ProjectFileFormat.Csv,
                    "budget-bill" => ProjectFileFormat.BudgetBill,
                    "geojson" => ProjectFileFormat.GeoJson,
                    "gpkg" => ProjectFileFormat.GeoPackage,
                    _ => ProjectFileFormat.Auto,
                },
                parse.GetValue(fiscalYear), districts, parse.GetValue(layer), parse.GetValue(srid)));
            var stored = read.Refused ? null : await new ProjectImporter(store).ReplaceAsync(read, Path.GetFullPath(path),
                ActorOptions.Who(parse, actor), ct);

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(jsonOption))
            {
                Json.Write(output, new
                {
                    File = path,
                    read.Format,
                    read.RecordsRead,
                    read.Refused,
                    Projects = read.Projects.Select(p => new
                    {
                        p.Code,
                        p.NameTh,
                        p.Agency,
                        p.FiscalYear,
                        p.BudgetThb,
                        TargetKind = TargetKinds.ToText(p.TargetKind),
                        Districts = p.DistrictCodes,
                    }),
                    Areas = read.Areas.Count,
                    stored?.Inserted,
                    stored?.Replaced,
                    stored?.AreasReplaced,
                    stored?.PlannerAreasKept,
                    stored?.ChangeId,
                    stored?.PlannerWorkOverwritten,
                    Problems = read.ProblemsByKind.SelectMany(g => g).Select(p => new
                    {
                        Kind = ProjectReadProblem.KindText(p.Kind),
                        p.Unit,
                        p.Number,
                        p.Message,
                        p.Refuses,
                    }),
                    read.Notes,
                });
            }
            else
            {
                var unit = read.Format.StartsWith("csv", StringComparison.Ordinal) || read.Format == "budget-bill" ? "line" : "feature";
                await output.WriteLineAsync($"{path}: {read.Format}, {Numbers.Count(read.RecordsRead)} {unit}(s) read, "
                    + $"{Numbers.Count(read.Projects.Count)} project(s), {Numbers.Count(read.Areas.Count)} area(s)"
                    + (stored is null
                        ? " - REFUSED, nothing stored"
                        : $": {Numbers.Count(stored.Inserted)} new, {Numbers.Count(stored.Replaced)} replaced, "
                            + (stored.Unchanged > 0 ? $"{Numbers.Count(stored.Unchanged)} unchanged, " : "")
                            + $"{Numbers.Count(stored.AreasReplaced)} imported area(s) replaced"
                            + (stored.AreasUnchanged > 0 ? $", {Numbers.Count(stored.AreasUnchanged)} unchanged" : "")
                            + (stored.PlannerAreasKept > 0 ? $", {Numbers.Count(stored.PlannerAreasKept)} planner-drawn area(s) kept" : "")
                            + (stored.ChangeId is { } id ? $" [history change #{id}]" : "")));
                if (stored is { PlannerWorkOverwritten.Count: > 0, ChangeId: { } undo })
                    await output.WriteLineAsync($"Overwrote the planner's work: {string.Join("; ", stored.PlannerWorkOverwritten)}. "
                        + $"The way back: undo change #{undo} in the planner's history");
                await WriteProblemsAsync(output, read);
                await WriteListAsync(output, "notes", read.Notes);
            }
            return read.Refused ? GisCommand.Refused : 0;
        });
        return command;
    }

    public static Command Create()
    {
        var projects = new Command("projects", """
            Per project, what lies inside its areas for --period: hotspots (VIIRS) and green land of the land-use
            snapshot in force, with two province lines: the sum of what projects claim and the union of all their
            areas, so double counting of overlapping project areas shows. 'projects list' lists the stored projects.
            """);
        var periodOptions = new PeriodOptions("The period to report", required: false);
        var reportYear = FiscalYearOption("Only projects of this fiscal year (BE)");
        var reportFormat = OutputOptions.Format();
        projects.Options.Add(periodOptions.Period);
        projects.Options.Add(reportYear);
        projects.Options.Add(periodOptions.Ce);
        projects.Options.Add(periodOptions.SeasonEndMonth);
        projects.Options.Add(reportFormat);
        projects.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(periodOptions.Period) is not { } chosen)
                throw new FormatException("give --period (e.g. season:2569) for the per-project report, or use 'gis projects list'.");
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var report = await new ProjectResultQueries(store).ForPeriodAsync(chosen, parse.GetValue(reportYear), cancellationToken: ct);
            WriteResults(parse.InvocationConfiguration.Output, parse.GetValue(reportFormat)!, report);
            return 0;
        });
        var fiscalYear = FiscalYearOption("Only projects of this fiscal year (BE)");
        var format = OutputOptions.Format();
        var list = new Command("list",
            "List stored projects: code, names, agency, fiscal year, budget, target, districts, areas and their union in rai")
        {
            fiscalYear, format,
        };
        list.SetAction(async (parse, ct) =>
        {
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var rows = await new ProjectQueries(store).ListAsync(parse.GetValue(fiscalYear), ct);
            var output = parse.InvocationConfiguration.Output;
            switch (parse.GetValue(format))
            {
                case "json":
                    Json.Write(output, rows.Select(r => new
                    {
                        r.Project.Code,
                        r.Project.NameTh,
                        r.Project.NameEn,
                        r.Project.Agency,
                        r.Project.FiscalYear,
                        r.Project.BudgetThb,
                        r.Project.IssueGroup,
                        TargetKind = TargetKinds.ToText(r.Project.TargetKind),
                        r.Project.TargetValue,
                        r.Project.TargetUnit,
                        Districts = r.Project.DistrictCodes,
                        r.AreaCount,
                        r.AreaRai,
                    }));
                    break;
                case "csv":
                    output.WriteLine(Csv.Line("code", "name_th", "name_en", "agency", "fiscal_year", "budget_thb", "issue_group",
                        "target_kind", "target_value", "target_unit", "districts", "areas", "area_rai"));
                    foreach (var r in rows)
                    {
                        var p = r.Project;
                        output.WriteLine(Csv.Line(p.Code, p.NameTh, p.NameEn, p.Agency, Numbers.Plain(p.FiscalYear),
                            p.BudgetThb?.ToString(CultureInfo.InvariantCulture) ?? "", p.IssueGroup?.ToString(CultureInfo.InvariantCulture)
                                ?? "",
                            TargetKinds.ToText(p.TargetKind), p.TargetValue?.ToString(CultureInfo.InvariantCulture) ?? "", p.TargetUnit
                                ?? "",
                            string.Join(';', p.DistrictCodes), Numbers.Plain(r.AreaCount),
                                r.AreaRai.ToString("0.##", CultureInfo.InvariantCulture)));
                    }
                    break;
                default:
                    var table = new TextTable("code", "name", "agency", "FY", "budget THB", "kind", "target", "districts", "areas",
                        "rai").AlignRight(3, 4, 8, 9);
                    foreach (var r in rows)
                    {
                        var p = r.Project;
                        table.Add(p.Code, Clip(p.NameEn.Length > 0 ? p.NameEn : p.NameTh), Clip(p.Agency), Numbers.Plain(p.FiscalYear),
                            p.BudgetThb?.ToString("N0", CultureInfo.InvariantCulture) ?? "?", TargetKinds.ToText(p.TargetKind),
                            p.TargetValue is { } v ? $"{v.ToString(CultureInfo.InvariantCulture)} {p.TargetUnit}" : "",
                            string.Join(' ', p.DistrictCodes), Numbers.Count(r.AreaCount),
                                r.AreaRai.ToString("N0", CultureInfo.InvariantCulture));
                    }
                    table.WriteTo(output);
                    if (rows.Count == 0)
                        output.WriteLine("No projects stored: run 'gis import projects FILE' first.");
                    break;
            }
            return 0;
        });
        projects.Subcommands.Add(list);
        projects.Subcommands.Add(Set());
        return projects;
    }

    /// <summary><c>gis projects set CODE</c>: corrects what an import got wrong, recorded in the planner's history.</summary>
    private static Command Set()
    {
        var code = new Argument<string>("CODE") { Description = "The project's code (gis projects list)" };
        var kind = new Option<string?>("--kind") { Description = "Target kind: hotspot, green or other" };
        kind.AcceptOnlyFromAmong("hotspot", "green", "other");
        var fiscalYear = FiscalYearOption("Fiscal year (BE)");
        var districts = new Option<string?>("--districts")
        {
            Description = "Comma-separated DOPA district codes the project names (replacing those it named); '' for none",
        };
        var user = ActorOptions.As("--user");
        var command = new Command("set", """
            Correct a stored project: its target kind, fiscal year or districts. Saved in one transaction and entered
            in the planner's history (who, when, before and after), from which the workstation can undo it.
            """)
        {
            code, kind, fiscalYear, districts, user,
        };
        command.SetAction(async (parse, ct) =>
        {
            var codes = parse.GetValue(districts) is { } text
                ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(d => DopaCode.TryNormalize(d, out var c) && c.Length == 4 ? c
                        : throw new FormatException($"--districts: '{d}' is not a district code (e.g. 5001)")).ToList()
                : null;
            var correction = new ProjectCorrection(parse.GetValue(kind) is { } k ? TargetKinds.Parse(k) : null, parse.GetValue(fiscalYear),
                codes);
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var who = ActorOptions.Who(parse, user);
            try
            {
                var change = await new ProjectEditor(store).SetAsync(parse.GetValue(code)!, correction, who, ct);
                await parse.InvocationConfiguration.Output.WriteLineAsync(
                    $"project {parse.GetValue(code)} corrected (planner history #{change.ToString(CultureInfo.InvariantCulture)})");
                return 0;
            }
            catch (PlannerException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("gis: " + e.Message);
                return GisCommand.Refused;
            }
        });
        return command;
    }

    private static Option<int?> FiscalYearOption(string description) => new("--fiscal-year")
    {
        Description = description,
        CustomParser = result => ParseFiscalYear(result.Tokens.Single().Value),
    };

    private static int ParseFiscalYear(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 2400
            ? year
            : throw new FormatException($"--fiscal-year {text}: give a Buddhist Era year such as 2568.");

    private static string Clip(string text) => text.Length > 40 ? text[..39] + "…" : text;

    private static async Task WriteListAsync(TextWriter output, string title, IReadOnlyList<string> items, string indent = "  ")
    {
        if (items.Count == 0)
            return;
        await output.WriteLineAsync($"{indent}{title}:");
        foreach (var item in items.Take(Shown))
            await output.WriteLineAsync(indent + "  " + item);
        if (items.Count > Shown)
            await output.WriteLineAsync($"{indent}  ... and {items.Count - Shown} more (--json lists all)");
    }

    /// <summary>The problems in groups of one kind each, with their counts, those that lose most first.</summary>
    private static async Task WriteProblemsAsync(TextWriter output, ProjectReadResult read)
    {
        var groups = read.ProblemsByKind;
        if (groups.Count == 0)
            return;
        string Name(ProjectProblemKind kind) => ProjectReadProblem.KindText(kind).Replace('-', ' ');
        await output.WriteLineAsync($"  could not be read: {Numbers.Count(read.Problems.Count)} ("
            + string.Join(", ", groups.Select(g => $"{Name(g.Key)} {Numbers.Count(g.Count())}")) + ")");
        foreach (var group in groups)
        {
            await WriteListAsync(output, $"{Name(group.Key)}, {Numbers.Count(group.Count())}", [.. group.Select(p => p.ToString())],
                "    ");
        }
    }

    private static void WriteResults(TextWriter output, string format, ProjectResultReport report)
    {
        var rows = report.Projects.Append(report.Claimed).Append(report.Union).ToList();
        static string Rai(double? v) => v is { } x ? x.ToString("N2", CultureInfo.InvariantCulture) : "-";
        switch (format)
        {
            case "json":
                Json.Write(output, new
                {
                    report.Period,
                    LanduseSnapshot = report.Snapshot,
                    Projects = report.Projects.Select(Row),
                    Province = new { Claimed = Row(report.Claimed), Union = Row(report.Union) },
                });
                break;
            case "csv":
                output.WriteLine(Csv.Line("code", "name_th", "name_en", "target_kind", "fiscal_year", "area_rai", "hotspots", "green_rai"));
                foreach (var r in rows)
                {
                    output.WriteLine(Csv.Line(r.Code, r.NameTh, r.NameEn, TargetKinds.ToText(r.Kind), r.FiscalYear == 0 ? ""
                        : Numbers.Plain(r.FiscalYear),
                        r.AreaRai.ToString("R", CultureInfo.InvariantCulture), Numbers.Plain(r.Hotspots),
                            r.GreenRai?.ToString("R", CultureInfo.InvariantCulture) ?? ""));
                }
                break;
            default:
                var snapshot = report.Snapshot is { } s ? s.ToString(CultureInfo.InvariantCulture) : "(none stored)";
                output.WriteLine($"Inside project areas, {report.Period}: VIIRS hotspots, and green land of land-use snapshot {snapshot}");
                output.WriteLine();
                var table = new TextTable("code", "project", "kind", "FY", "area rai", "hotspots", "green rai").AlignRight(4, 5, 6);
                foreach (var r in report.Projects)
                    table.Add(r.Code, r.NameEn.Length > 0 ? r.NameEn : r.NameTh, TargetKinds.ToText(r.Kind), Numbers.Plain(r.FiscalYear),
                        Rai(r.AreaRai), Numbers.Count(r.Hotspots), Rai(r.GreenRai));
                table.AddSeparator();
                foreach (var r in new[] { report.Claimed, report.Union })
                    table.Add("", r.NameEn, "", "", Rai(r.AreaRai), Numbers.Count(r.Hotspots), Rai(r.GreenRai));
                table.WriteTo(output);
                if (report.Claimed.Hotspots > report.Union.Hotspots || report.Claimed.AreaRai > report.Union.AreaRai + 0.01)
                {
                    output.WriteLine($"Project areas overlap: claims add up to {Numbers.Count(report.Claimed.Hotspots)} hotspots " +
                                     $"and {Rai(report.Claimed.AreaRai)} rai, " +
                                     $"the places themselves hold {Numbers.Count(report.Union.Hotspots)} hotspots " +
                                     $"and {Rai(report.Union.AreaRai)} rai.");
                }
                break;
        }

        static object Row(ProjectResult r) => new
        {
            r.Code,
            r.NameTh,
            r.NameEn,
            Kind = TargetKinds.ToText(r.Kind),
            FiscalYear = r.FiscalYear == 0 ? (int?)null : r.FiscalYear,
            AreaRai = Math.Round(r.AreaRai, 4),
            r.Hotspots,
            GreenRai = r.GreenRai is { } g ? Math.Round(g, 4) : (double?)null,
        };
    }
}
