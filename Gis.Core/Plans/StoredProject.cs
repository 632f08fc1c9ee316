namespace Gis.Core.Plans;

/// <summary>A stored plan project with what its areas add up to.</summary>
/// <param name="AreaCount">Number of stored project areas.</param>
/// <param name="AreaRai">Area of the union of the project's areas in rai on the WGS 84 ellipsoid (overlaps count once); 0 without
/// areas.</param>
public sealed record StoredProject(PlanProject Project, int AreaCount, double AreaRai);
