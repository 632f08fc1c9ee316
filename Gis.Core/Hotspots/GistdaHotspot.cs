using Gis.Core.LandUse;
using Gis.Core.Text;
using Gis.Core.Time;

namespace Gis.Core.Hotspots;

/// <summary>
/// One hotspot as GISTDA (the Thai space agency) publishes it: a VIIRS detection with GISTDA's land class and the Thai
/// names of the province, district and subdistrict it lies in. Identity as for FIRMS: satellite, acquisition time,
/// latitude, longitude.
/// </summary>
/// <param name="AcquiredUtc">Acquisition time, UTC (from <c>ACQ_DATE</c>/<c>ACQ_TIME</c>, or the Thai <c>TH_DATE</c>/<c>TH_TIME</c> minus
/// 7 h).</param>
/// <param name="Confidence">Null when the export carries no confidence.</param>
/// <param name="LandUseName">GISTDA's land class as written (<c>LU_NAME</c>), e.g. <c>เขต สปก.</c>.</param>
/// <param name="LandClass">The hotspot land class <paramref name="LandUseName"/> names; null when it names none of the six.</param>
/// <param name="HotspotRef">GISTDA's own id of the record (<c>HotSpotID</c>), when given.</param>
/// <param name="Origin">Where the record was read: <c>file:line</c> or <c>file#feature</c>.</param>
public sealed record GistdaHotspot(
    Satellite Satellite,
    DateTime AcquiredUtc,
    double Longitude,
    double Latitude,
    Confidence? Confidence,
    double? FrpMw,
    bool? IsDay,
    string? Version,
    string? LandUseName,
    HotspotLandClass? LandClass,
    string? ProvinceTh,
    string? DistrictTh,
    string? SubdistrictTh,
    string? HotspotRef,
    string Origin)
{
    /// <summary>The source name stored with GISTDA records and batches.</summary>
    public const string Source = "gistda";

    /// <summary>The Asia/Bangkok day the detection is reported under.</summary>
    public DateOnly LocalDay => Bangkok.LocalDay(AcquiredUtc);

    public string Instrument => Satellites.Instrument(Satellite);
}

/// <summary>GISTDA's land-class names (<c>LU_NAME</c>) as <see cref="HotspotLandClass"/>.</summary>
public static class GistdaLandClasses
{
    /// <summary>
    /// The class a GISTDA land-class name denotes, or null. GISTDA spells the same class in several ways across its
    /// exports (<c>ชุมชนและอื่น ๆ</c> / <c>ชุมชนและอื่นๆ</c>, <c>เขต สปก.</c> / <c>พื้นที่ ส.ป.ก.</c>), so the name is
    /// compared after Unicode normalisation without spaces and dots, by the word that tells the classes apart; English
    /// names and the stored codes (<c>alro_land</c>) are accepted too.
    /// </summary>
    public static HotspotLandClass? Parse(string? name)
    {
        var key = new string([.. ThaiText.Normalize(name).Where(c => !char.IsWhiteSpace(c) && c != '.')]).ToLowerInvariant();
        if (key.Length == 0)
            return null;
        // Order matters: "ป่าอนุรักษ์" and "ป่าสงวน" are both forest, "พื้นที่ริมทางหลวง" is not agriculture.
        if (key.Contains("อนุรักษ์", StringComparison.Ordinal) || key.Contains("conservation", StringComparison.Ordinal))
            return HotspotLandClass.ConservationForest;
        if (key.Contains("ป่าสงวน", StringComparison.Ordinal) || key.Contains("reserve", StringComparison.Ordinal))
            return HotspotLandClass.NationalReservedForest;
        // Before agriculture: the ALRO zone's full name, เขตปฏิรูปที่ดินเพื่อเกษตรกรรม, contains เกษตร.
        if (key.Contains("สปก", StringComparison.Ordinal) || key.Contains("ปฏิรูปที่ดิน", StringComparison.Ordinal)
            || key.Contains("alro", StringComparison.Ordinal) || key.Contains("landreform", StringComparison.Ordinal))
            return HotspotLandClass.AlroLand;
        if (key.Contains("ทางหลวง", StringComparison.Ordinal) || key.Contains("highway", StringComparison.Ordinal)
            || key.Contains("road", StringComparison.Ordinal))
            return HotspotLandClass.HighwaySide;
        if (key.Contains("เกษตร", StringComparison.Ordinal) || key.Contains("agri", StringComparison.Ordinal))
            return HotspotLandClass.Agriculture;
        if (key.Contains("ชุมชน", StringComparison.Ordinal) || key.Contains("อื่น", StringComparison.Ordinal)
            || key.Contains("community", StringComparison.Ordinal) || key.Contains("other", StringComparison.Ordinal))
            return HotspotLandClass.CommunityOther;
        return null;
    }
}
