namespace Gis.Core.Plans;

/// <summary>What lies inside one project's areas (their union) for a period.</summary>
/// <param name="AreaRai">The union of the project's areas, rai on the ellipsoid.</param>
/// <param name="Hotspots">Detections in the period inside the areas (VIIRS by default).</param>
/// <param name="GreenRai">Green land of the land-use snapshot in force inside the areas, rai; null without land use.</param>
public sealed record ProjectResult(string Code, string NameTh, string NameEn, TargetKind Kind, int FiscalYear, double AreaRai,
    long Hotspots, double? GreenRai);

/// <summary>
/// Every project with areas, and the province line twice: the sum of what the projects claim (overlaps counted once
/// per project) and the union of all their areas (each place once), so double counting shows.
/// </summary>
/// <param name="Snapshot">The land-use snapshot the green figures come from; null when none is stored.</param>
public sealed record ProjectResultReport(string Period, int? Snapshot, IReadOnlyList<ProjectResult> Projects, ProjectResult Claimed,
    ProjectResult Union);
