using Gis.Core.LandUse;
using Gis.Core.Plans;

namespace Gis.Core.Targets;

/// <summary>
/// The green-area target per district: change between two land-use snapshots, rai added by green projects of a
/// year, and the district's allocation of the provincial target for that year.
/// </summary>
/// <param name="Year">BE year of the project polygons and the allocation.</param>
/// <param name="ProjectsRai">Per district: area of the union of the year's green-project polygons inside it (rai, ellipsoid); overlaps
/// count once.</param>
/// <param name="ProjectsRaiUnion">The same over the whole selection: what the projects add together.</param>
/// <param name="ProjectsRaiClaimed">The sum of each project's own area in the selection: what they claim; above the union when areas
/// overlap.</param>
/// <param name="Allocation">Per district: the stored allocation of <paramref name="Year"/> in whole rai (absent when none is
/// stored).</param>
/// <param name="Projects">Green projects answering for each district (share of the district, or naming it), and the province-wide
/// ones under the province's code.</param>
public sealed record GreenTargetReport(
    GreenChangeReport Change,
    int Year,
    IReadOnlyDictionary<string, double> ProjectsRai,
    double ProjectsRaiUnion,
    double ProjectsRaiClaimed,
    IReadOnlyDictionary<string, int> Allocation,
    IReadOnlyList<ProjectResponsibility> Projects)
{
    /// <summary>The projects of the province row: each project of the districts once, and the province-wide ones.</summary>
    /// <param name="provinceCode">The province's code; null (every imported district) gives none.</param>
    public IReadOnlyList<ProjectResponsibility> ProvinceProjects(string? provinceCode) => provinceCode is null ? []
        : ProjectResponsibility.OfProvince(Projects, provinceCode, Change.Districts.Select(d => d.Code).ToHashSet(StringComparer.Ordinal));
}
