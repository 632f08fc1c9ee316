namespace Gis.Core.Plans;

/// <summary>
/// A plan project answering for a district's result: its areas intersect the district, or it names the district, or both.
/// </summary>
/// <param name="DistrictCode">DOPA district code (4 digits).</param>
/// <param name="Share">
/// Area of the union of the project's areas inside the district divided by the district's area, both on the WGS 84
/// ellipsoid (0-1). Overlapping areas of one project count once. Null when the project only names the district.
/// </param>
/// <param name="AreaRai">Area of that union inside the district, in rai on the ellipsoid; null when <paramref name="Share"/> is.</param>
/// <param name="NamesDistrict">The project lists the district among its own districts.</param>
public sealed record ProjectResponsibility(
    string DistrictCode,
    string ProjectCode,
    string NameTh,
    string NameEn,
    int FiscalYear,
    double? Share,
    double? AreaRai,
    bool NamesDistrict);
