namespace Gis.SampleData.Geography;

/// <summary>
/// A Chiang Mai district as the generator knows it.
/// </summary>
/// <param name="Code">DOPA code, e.g. <c>5001</c>.</param>
/// <param name="CentreLongitude">Rough centre, rounded to 0.05 degrees: the Voronoi site of the synthetic shape.</param>
/// <param name="FireWeight">Relative number of hotspots per season (mountain forest districts burn most).</param>
/// <param name="Ratio2569">Hotspots of 2569 relative to 2568: below 0.95 meets the 5 % target, above 1 grows.</param>
internal sealed record District(
    string Code,
    string NameTh,
    string NameEn,
    double CentreLongitude,
    double CentreLatitude,
    double FireWeight,
    double Ratio2569);
