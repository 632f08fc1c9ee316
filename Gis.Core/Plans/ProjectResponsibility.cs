namespace Gis.Core.Plans;

/// <summary>
/// A plan project answering for a district's result: its areas intersect the district, or it names the district, or both;
/// or for a province as a whole (<paramref name="ProvinceWide"/>).
/// </summary>
/// <param name="DistrictCode">DOPA district code (4 digits).</param>
/// <param name="Share">
/// Area of the union of the project's areas inside the district divided by the district's area, both on the WGS 84
/// ellipsoid (0-1). Overlapping areas of one project count once. Null when the project only names the district.
/// </param>
/// <param name="AreaRai">Area of that union inside the district, in rai on the ellipsoid; null when <paramref name="Share"/> is.</param>
/// <param name="NamesDistrict">The project lists the district among its own districts.</param>
/// <param name="ProvinceWide">
/// The project answers for the province as a whole (<paramref name="DistrictCode"/> is then the province's code): it has
/// neither districts nor areas, and its agency names the province or a province cluster holding it
/// (<see cref="Admin.Provinces.NamedBy"/>), like the FY 2565 haze-reduction line of the upper-northern clusters.
/// </param>
public sealed record ProjectResponsibility(
    string DistrictCode,
    string ProjectCode,
    string NameTh,
    string NameEn,
    int FiscalYear,
    double? Share,
    double? AreaRai,
    bool NamesDistrict,
    bool ProvinceWide = false)
{
    /// <summary>
    /// The projects answering for a province row: each project of its districts once, by code, with the province-wide
    /// ones (<paramref name="provinceCode"/>), without shares.
    /// </summary>
    /// <param name="districtCodes">The districts of the row.</param>
    public static IReadOnlyList<ProjectResponsibility> OfProvince(IEnumerable<ProjectResponsibility> projects, string provinceCode,
        IReadOnlySet<string> districtCodes) =>
        [.. projects.Where(p => districtCodes.Contains(p.DistrictCode) || (p.ProvinceWide && p.DistrictCode == provinceCode))
            .OrderBy(p => p.ProjectCode, StringComparer.Ordinal).ThenByDescending(p => p.ProvinceWide)
            .DistinctBy(p => p.ProjectCode)
            .Select(p => p with { DistrictCode = provinceCode, Share = null, AreaRai = null, NamesDistrict = false })];
}
