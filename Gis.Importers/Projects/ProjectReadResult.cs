using Gis.Core.Plans;

namespace Gis.Importers.Projects;

/// <summary>What a project file gave, and what in it could not be read.</summary>
/// <param name="Format"><c>csv</c>, <c>budget-bill</c>, <c>geojson</c> or <c>gpkg</c>, plus the layout (<c>fuel-management</c>) where one
/// was recognised.</param>
/// <param name="RecordsRead">Data lines (CSV, header not counted) or features read.</param>
/// <param name="Projects">Projects the file defines (created or replaced by code on import).</param>
/// <param name="Areas">Project areas, valid multipolygons in WGS 84; on import they replace the imported areas of their project
/// codes (areas a planner drew stay).</param>
/// <param name="Problems">What could not be read, per line or feature; see <see cref="ProjectReadProblem.Refuses"/>.</param>
/// <param name="Notes">How the reader decided what the file does not state (grouping, inferred target kinds, fiscal year).</param>
public sealed record ProjectReadResult(
    string Format,
    int RecordsRead,
    IReadOnlyList<PlanProject> Projects,
    IReadOnlyList<ProjectArea> Areas,
    IReadOnlyList<ProjectReadProblem> Problems,
    IReadOnlyList<string> Notes)
{
    /// <summary>True when a problem refuses the whole file: nothing of it may be stored.</summary>
    public bool Refused => Problems.Any(p => p.Refuses);

    /// <summary>
    /// The problems grouped by kind, the groups that refuse the file first, then in the order of
    /// <see cref="ProjectProblemKind"/>: one lost budget must not hide among hundreds of unlinked district names.
    /// </summary>
    public IReadOnlyList<IGrouping<ProjectProblemKind, ProjectReadProblem>> ProblemsByKind =>
        [.. Problems.GroupBy(p => p.Kind).OrderByDescending(g => g.Any(p => p.Refuses)).ThenBy(g => g.Key)];
}

/// <summary>What kind of value could not be read, from what loses most (a line, a budget) to what loses least (a link).</summary>
public enum ProjectProblemKind
{
    /// <summary>The line or feature is left out (no unit or name, unreadable record, bad geometry).</summary>
    Record,

    /// <summary>The fiscal year or a date cannot be read.</summary>
    Year,

    /// <summary>An amount cannot be read: the project's budget is unknown.</summary>
    Amount,

    /// <summary>Anything else (e.g. a polygon repaired).</summary>
    Other,

    /// <summary>A district name matches no imported district, or several: the district is not linked.</summary>
    DistrictName,
}

/// <summary>Something a file holds that could not be read.</summary>
/// <param name="Unit"><c>line</c> (CSV, 1-based, header is line 1) or <c>feature</c> (1-based in file order).</param>
/// <param name="Refuses">
/// True: the file is refused (the project's own formats must be right). False: the value is left empty
/// (budget unknown, year unknown, district not linked) and the rest is stored, as for OCR'd or third-party data.
/// </param>
public sealed record ProjectReadProblem(string Unit, int Number, string Message, bool Refuses,
    ProjectProblemKind Kind = ProjectProblemKind.Other)
{
    /// <summary>The kind as printed and in JSON: <c>amount</c>, <c>district-name</c>...</summary>
    public static string KindText(ProjectProblemKind kind) => kind switch
    {
        ProjectProblemKind.Record => "record",
        ProjectProblemKind.Year => "year",
        ProjectProblemKind.Amount => "amount",
        ProjectProblemKind.DistrictName => "district-name",
        _ => "other",
    };

    public override string ToString() => $"{Unit} {Number}: {Message}{(Refuses ? "" : " (stored without it)")}";
}

/// <summary>A project file that cannot be read at all (unknown format, missing columns); the message names the file.</summary>
public sealed class ProjectFormatException : Exception
{
    public ProjectFormatException()
    {
    }

    public ProjectFormatException(string message)
        : base(message)
    {
    }

    public ProjectFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
