using Gis.Core.Admin;
using Gis.Core.Plans;

namespace Gis.Importers.Projects;

/// <summary>
/// The project's own CSV (<c>docs/projects-format.md</c>). Its format is ours, so every problem refuses the file: an
/// officer fixes the line and imports again.
/// </summary>
internal static class ProjectCsvReader
{
    private static readonly string[] Required = [ProjectFields.Code, ProjectFields.NameTh, ProjectFields.FiscalYear,
        ProjectFields.TargetKind];

    public static ProjectReadResult Read(string path, int? defaultFiscalYear, DistrictNames districts)
    {
        using var records = CsvRecords.ReadFile(path).GetEnumerator();
        if (!records.MoveNext())
            throw new ProjectFormatException($"{path}: is empty");
        var header = records.Current.Fields.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = Required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0)
            throw new ProjectFormatException($"{path}: is not a project CSV: no column {string.Join(", ", missing)}; "
                + $"its header is {string.Join(",", header)}");

        var projects = new List<PlanProject>();
        var problems = new List<ProjectReadProblem>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var read = 0;
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            read++;
            if (fields.Length != header.Length)
            {
                problems.Add(new ProjectReadProblem("line", line, $"has {fields.Length} fields, the header {header.Length}", true));
                continue;
            }

            string? Get(string column) => Array.IndexOf(header, column) is var i and >= 0 ? fields[i] : null;
            var code = Get(ProjectFields.Code)!.Trim();
            var lineProblems = new List<string>();
            if (code.Length == 0)
                lineProblems.Add("code is empty");
            else if (!firstLineOf.TryAdd(code, line))
                lineProblems.Add($"code {code} is already on line {firstLineOf[code]}");
            var project = ProjectFields.Read(Get, code, defaultFiscalYear, districts, lineProblems);
            problems.AddRange(lineProblems.Select(p => new ProjectReadProblem("line", line, p, true)));
            if (project is not null && lineProblems.Count == 0)
                projects.Add(project);
        }
        return new ProjectReadResult("csv", read, projects, [], problems, []);
    }
}
