using NetTopologySuite.Geometries;

namespace Gis.Core.LandUse;

/// <summary>
/// One land-use or land-cover polygon of a snapshot, classified by a <see cref="LandUseMapping"/>.
/// </summary>
/// <param name="FeatureNumber">1-based feature number in the source file, for tracing back.</param>
/// <param name="ClassCode">The class code as the file gives it, trimmed and upper case (e.g. <c>A302</c>, <c>A101+A202</c>).</param>
/// <param name="NameTh">Thai class description (NFC, sara am composed); empty when the file has none.</param>
/// <param name="NameEn">English class description; empty when the file has none.</param>
/// <param name="IsGreen">Whether the class counts as green area.</param>
/// <param name="LandClass">The hotspot land class of the parcel.</param>
/// <param name="Geometry">Valid, non-empty multipolygon in <see cref="Srid.Wgs84"/> (longitude, latitude).</param>
public sealed record LandUseParcel(
    int FeatureNumber,
    string ClassCode,
    string NameTh,
    string NameEn,
    bool IsGreen,
    HotspotLandClass LandClass,
    MultiPolygon Geometry);
