using System.Globalization;
using Gis.Core;
using Gis.Core.Admin;
using Gis.Core.Plans;
using Gis.Core.Spatial;
using Gis.Core.Text;
using Gis.Core.Time;
using Gis.Importers.Features;

namespace Gis.Importers.Projects;

/// <summary>
/// Project areas from GeoJSON or GeoPackage, read through the boundary sources (CRS, repair of invalid polygons).
/// Two layouts: the project's own (<c>project_code</c>, optional <c>year</c>, <c>area_name</c>, and optionally the
/// project's own columns, which then define the project), and the Chiang Mai forest-fire fund's community
/// fuel-management areas (<c>Amp_Th</c>, <c>Tam_Th</c>, <c>A_RAI</c>, <c>Cre_Date</c>).
/// </summary>
internal static class ProjectAreaReader
{
    /// <summary>The one project all fuel-management areas belong to (see docs/projects-format.md for why one).</summary>
    public const string FuelProjectCode = "CNX-FIREFUND-FUEL";

    private static readonly string[] CodeFields = ["project_code", ProjectFields.Code];
    private static readonly string[] NameFields = ["area_name", "name"];
    private static readonly string[] FuelFields = ["Amp_Th", "Tam_Th", "A_RAI", "Cre_Date"];

    public static ProjectReadResult Read(string path, string format, ProjectReadOptions options, DistrictNames districts)
    {
        using var source = FeatureSource.Open(path, null, options.Layer);
        var crs = source.ToWgs84(options.SourceSrid);
        var fuel = FuelFields.All(f => source.FieldNames.Contains(f, StringComparer.OrdinalIgnoreCase));
        return fuel
            ? ReadFuelManagement(source, crs, format, options, districts)
            : ReadOwn(source, crs, format, options, districts);
    }

    private static ProjectReadResult ReadOwn(FeatureSource source, Reprojection crs, string format, ProjectReadOptions options,
        DistrictNames districts)
    {
        var codeField = CodeFields.FirstOrDefault(f => source.FieldNames.Contains(f, StringComparer.OrdinalIgnoreCase))
            ?? throw new ProjectFormatException($"{source.Path}: has no project_code field, "
                + $"nor the fuel-management fields ({string.Join(", ", FuelFields)}); "
                + $"its fields are {string.Join(", ", source.FieldNames)}");
        var definesProjects = source.FieldNames.Contains(ProjectFields.NameTh, StringComparer.OrdinalIgnoreCase);

        var areas = new List<ProjectArea>();
        var projects = new Dictionary<string, (PlanProject Project, int Feature)>(StringComparer.Ordinal);
        var problems = new List<ProjectReadProblem>();
        var read = 0;
        foreach (var feature in source.Features())
        {
            read++;
            var featureProblems = new List<string>();
            string? Get(string field) => feature.Attributes.TryGetValue(field, out var v) ? v : null;
            var code = Get(codeField)?.Trim() ?? "";
            if (code.Length == 0)
                featureProblems.Add($"{codeField} is empty");

            int? year = null;
            if (Get("year") is { } yearText && !string.IsNullOrWhiteSpace(yearText))
            {
                if (ProjectFields.TryYear(yearText, out var y, out var why))
                    year = y;
                else
                    featureProblems.Add($"year '{yearText}' {why}");
            }

            if (definesProjects && code.Length > 0 && !string.IsNullOrWhiteSpace(Get(ProjectFields.NameTh)))
            {
                var project = ProjectFields.Read(Get, code, options.FiscalYear, districts, featureProblems);
                if (project is not null && projects.TryGetValue(code, out var first) && !SameProject(first.Project, project))
                    featureProblems.Add($"gives other project attributes for {code} than feature {first.Feature}");
                else if (project is not null)
                    projects.TryAdd(code, (project, feature.Number));
            }

            var geometry = PolygonGeometry.Prepare(feature.Geometry, crs, source.Crs is null, "a project area");
            if (geometry.Problem is { } problem)
                featureProblems.Add(problem);
            problems.AddRange(featureProblems.Select(p => new ProjectReadProblem("feature", feature.Number, p, true)));
            if (featureProblems.Count == 0)
                areas.Add(new ProjectArea(code, year, NameOf(feature.Attributes), geometry.Polygon!));
            AddRepair(problems, feature.Number, geometry);
        }
        return new ProjectReadResult(format, read, [.. projects.Values.OrderBy(p => p.Feature).Select(p => p.Project)], areas, problems,
            []);
    }

    private static ProjectReadResult ReadFuelManagement(FeatureSource source, Reprojection crs, string format, ProjectReadOptions options,
        DistrictNames districts)
    {
        var areas = new List<ProjectArea>();
        var problems = new List<ProjectReadProblem>();
        var agencies = new List<string>();
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        var read = 0;
        foreach (var feature in source.Features())
        {
            read++;
            string Get(string field) => ThaiText.Normalize(feature.Attributes.TryGetValue(field, out var v) ? v : null);
            void Warn(ProjectProblemKind kind, string message) =>
                problems.Add(new ProjectReadProblem("feature", feature.Number, message, false, kind));

            var district = Get("Amp_Th");
            if (districts.TryFind(district, out var code))
                codes.Add(code);
            else
                Warn(ProjectProblemKind.DistrictName,
                    $"Amp_Th '{district}' is not one of the {districts.Codes.Count} known district names: the project does not name it");

            DateOnly? recorded = null;
            if (ThaiCalendar.TryParseThaiMonthYear(Get("Cre_Date"), out var date))
                recorded = date;
            else
                Warn(ProjectProblemKind.Year, $"Cre_Date '{Get("Cre_Date")}' is not a Thai month and BE year (e.g. พฤศจิกายน 2565)"
                    + ": the area's year is left unknown");

            // Spellings differ only by a space before the bracket: one agency, not two.
            if (Get("Cre_Organ") is { Length: > 0 } organ && !agencies.Any(a => Squeeze(a) == Squeeze(organ)))
                agencies.Add(organ);

            var geometry = PolygonGeometry.Prepare(feature.Geometry, crs, source.Crs is null, "a project area");
            if (geometry.Problem is { } problem)
                problems.Add(new ProjectReadProblem("feature", feature.Number, problem, true));
            else
                areas.Add(new ProjectArea(FuelProjectCode, recorded is { } r ? ThaiCalendar.BuddhistYear(r) : null, FuelAreaName(Get),
                    geometry.Polygon!, recorded));
            AddRepair(problems, feature.Number, geometry);
        }

        var notes = new List<string> { $"{FuelProjectCode}: one project for the fund's {areas.Count} fuel-management areas "
            + "(target kind hotspot, stated by the source's purpose)" };
        var latest = areas.Select(a => a.RecordedOn).Max();
        int? fiscalYear = options.FiscalYear ?? (latest is { } l ? ThaiCalendar.FiscalYear(l) : null);
        if (fiscalYear is null)
            problems.Add(new ProjectReadProblem("feature", 1,
                "no Cre_Date could be read, so the fiscal year is unknown: give --fiscal-year", true));
        else if (options.FiscalYear is null)
            notes.Add($"{FuelProjectCode}: fiscal year {fiscalYear.Value.ToString(CultureInfo.InvariantCulture)}, "
                + $"the fiscal year of the latest Cre_Date ({latest:yyyy-MM}); --fiscal-year overrides");

        var project = new PlanProject(FuelProjectCode,
            "การจัดการเชื้อเพลิงโดยชุมชน 20 หมู่บ้าน (กองทุนไฟป่าเชียงใหม่)",
            "Community fuel management in 20 villages (Chiang Mai forest-fire fund)",
            string.Join("; ", agencies), fiscalYear ?? 0, null, null, TargetKind.HotspotReduction, null, null, [.. codes]);
        return new ProjectReadResult(format + "/fuel-management", read, [project], areas, problems, notes);
    }

    private static string FuelAreaName(Func<string, string> get)
    {
        var villageName = get("Vill_Th").Replace("บ้าน", "", StringComparison.Ordinal);
        var village = $"บ้าน{villageName} ม.{get("Moo_Code")} ต.{get("Tam_Th")} อ.{get("Amp_Th")}";
        return get("FM_Loca") is { Length: > 0 } place ? $"{village}: {place}" : village;
    }

    private static string Squeeze(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c))]);

    private static string? NameOf(IReadOnlyDictionary<string, string?> attributes) =>
        NameFields.Select(f => attributes.TryGetValue(f, out var v) ? ThaiText.Normalize(v) : "").FirstOrDefault(n => n.Length > 0);

    private static bool SameProject(PlanProject a, PlanProject b) =>
        a with { DistrictCodes = [] } == b with { DistrictCodes = [] } && a.DistrictCodes.SequenceEqual(b.DistrictCodes);

    private static void AddRepair(List<ProjectReadProblem> problems, int feature, PolygonGeometry.Result geometry)
    {
        if (geometry.Repair is { } repair)
            problems.Add(new ProjectReadProblem("feature", feature, "invalid polygon repaired: " + repair, false));
    }
}
