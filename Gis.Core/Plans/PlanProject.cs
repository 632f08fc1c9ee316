using NetTopologySuite.Geometries;

namespace Gis.Core.Plans;

/// <summary>What a plan project's target is about: which result rows it answers for.</summary>
public enum TargetKind
{
    HotspotReduction,
    GreenArea,
    Other,
}

/// <summary>
/// A project of the provincial plan (or a budget line standing for one).
/// </summary>
/// <param name="Code">The project's own code, unique in the store.</param>
/// <param name="FiscalYear">Thai fiscal year, Buddhist Era (2569 = 1 Oct 2025 - 30 Sep 2026).</param>
/// <param name="BudgetThb">Budget in baht, when known.</param>
/// <param name="IssueGroup">The plan's issue group 1-5, when known.</param>
/// <param name="TargetValue">The project's own target (e.g. 500 rai, -10 %), in <paramref name="TargetUnit"/>.</param>
/// <param name="DistrictCodes">DOPA codes of the districts the project names (may be empty).</param>
public sealed record PlanProject(
    string Code,
    string NameTh,
    string NameEn,
    string Agency,
    int FiscalYear,
    decimal? BudgetThb,
    int? IssueGroup,
    TargetKind TargetKind,
    double? TargetValue,
    string? TargetUnit,
    IReadOnlyList<string> DistrictCodes);

/// <summary>An area where a project works, e.g. a reforestation plot or a fuel-management forest.</summary>
/// <param name="Year">Buddhist Era year the area was planted or treated, when known.</param>
/// <param name="Area">Valid multipolygon in WGS 84.</param>
/// <param name="RecordedOn">
/// When the source dates the area, to the precision it gives (a month-year such as <c>พฤศจิกายน 2565</c> is its
/// first day); null when it gives none.
/// </param>
public sealed record ProjectArea(string ProjectCode, int? Year, string? Name, MultiPolygon Area, DateOnly? RecordedOn = null);
