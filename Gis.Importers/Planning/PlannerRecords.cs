using Gis.Core.Plans;
using NetTopologySuite.Geometries;

namespace Gis.Importers.Planning;

/// <summary>A project area as the planner draws or edits it.</summary>
/// <param name="Geometry">Polygon or MultiPolygon, longitude/latitude in WGS 84.</param>
/// <param name="Year">Buddhist Era year the area is planted or treated (the year its green rai count for).</param>
/// <param name="Name">The area's own name (a plot, a village); optional.</param>
/// <param name="ProjectCode">An existing plan project the area belongs to; null when <paramref name="NewProject"/> is given.</param>
/// <param name="NewProject">A plan project to create with the area; null when <paramref name="ProjectCode"/> is given.</param>
/// <param name="Kind">Green or hotspot; for an existing project, when given, it must be the project's kind.</param>
public sealed record PlanAreaInput(Geometry? Geometry, int Year, string? Name, string? ProjectCode, NewPlanProject? NewProject,
    TargetKind? Kind);

/// <summary>A plan project created by the planner together with its first area; its fiscal year is the area's year.</summary>
/// <param name="Code">The code to give it; null makes one (<c>PL2569-001</c>).</param>
/// <param name="NameEn">English name; the (usually Thai) <paramref name="Name"/> when null.</param>
public sealed record NewPlanProject(string? Code, string? Name, string? Agency, string? NameEn = null);

/// <summary>A stored project area with what the planner shows about it.</summary>
/// <param name="Year">BE year, or null when the area has none (then its project's fiscal year counts).</param>
/// <param name="AreaRai">Area on the WGS 84 ellipsoid, rai.</param>
/// <param name="Source">The file it was imported from, or <c>planner</c>.</param>
/// <param name="DistrictCodes">Districts of the province it overlaps (not merely touches).</param>
/// <param name="Version">Bumped by every write of the row; an update or delete names the version it was based on (ADR 0035).</param>
public sealed record PlannedArea(long Id, string ProjectCode, string ProjectName, string Agency, TargetKind Kind, int? Year, string? Name,
    double AreaRai, MultiPolygon Area, string Source, IReadOnlyList<string> DistrictCodes, long Version);

/// <summary>What an edit did: the history entry it made and the area as stored after it (null after a delete).</summary>
public sealed record PlannerEdit(long ChangeId, PlannedArea? Area);

/// <summary>One row of the audit history.</summary>
/// <param name="Entity"><c>project_area</c>, <c>plan_project</c>, <c>district_allocation</c> or <c>project_file</c> (an import).</param>
/// <param name="EntityId">The area id, project code, <c>year|province</c> of an allocation table, or the imported file.</param>
/// <param name="Action">create, update, delete, set, lock, unlock, rebalance, undo; allocate, replace (with --replace) or import
/// (command-line runs).</param>
/// <param name="Before">Key -> row as JSON (geometry as hex EWKB) or null, as it was before.</param>
/// <param name="After">The same after the change.</param>
/// <param name="UndoBlockedBy">Why <see cref="CanUndo"/> is false; null when it can be undone.</param>
/// <param name="Summary">What the change did, in English.</param>
/// <param name="SummaryTh">The same in Thai; null for changes recorded before Thai summaries were kept.</param>
/// <param name="Source"><c>page</c> (the workstation) or <c>cli</c> (<c>gis allocate</c>, <c>gis import projects</c>).</param>
public sealed record PlannerChange(long Id, DateTimeOffset ChangedAt, string ChangedBy, string Entity, string EntityId, string Action,
    string Summary, string Before, string After, long? Undoes, long? UndoneBy, bool CanUndo, string? UndoBlockedBy,
        string? SummaryTh = null, string Source = "page");

/// <summary>One district of the province with its share of a year's allocation table and the green-project rai placed there.</summary>
/// <param name="AllocationRai">Whole rai allocated; null when no table of the year is stored.</param>
/// <param name="Weight">The stored weight the unlocked share follows; null without a table.</param>
/// <param name="ProjectsRai">Union of the year's green-project areas inside the district, rai (ellipsoid), as <see
/// cref="Targets.GreenTargetService"/> counts it.</param>
public sealed record AllocationRow(string Code, string NameTh, string NameEn, int? AllocationRai, bool Locked, double? Weight,
    double ProjectsRai);

/// <summary>Every district of a province for a year; <see cref="TargetRai"/> is 0 and no row has an allocation when no table is
/// stored.</summary>
/// <param name="Version">The table's version (the highest of its rows'; every edit rewrites them all): an edit names the version
/// it was based on (ADR 0035). Null when no table is stored.</param>
public sealed record AllocationTable(int Year, string ProvinceCode, int TargetRai, string WeightKind, IReadOnlyList<AllocationRow> Rows,
    long? Version = null)
{
    /// <summary>Whether a table of the year is stored.</summary>
    public bool Stored => Rows.Any(r => r.AllocationRai is not null);
}
