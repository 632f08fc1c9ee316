namespace Gis.Core.LandUse;

/// <summary>
/// The six land classes Thai hotspot statistics are split by (GISTDA's official counts use the same split).
/// </summary>
public enum HotspotLandClass
{
    /// <summary>ป่าอนุรักษ์: national parks, wildlife sanctuaries and other protected forest.</summary>
    ConservationForest,

    /// <summary>ป่าสงวนแห่งชาติ: national reserved forest.</summary>
    NationalReservedForest,

    /// <summary>พื้นที่ ส.ป.ก.: Agricultural Land Reform Office land.</summary>
    AlroLand,

    /// <summary>พื้นที่เกษตร: agriculture outside the above.</summary>
    Agriculture,

    /// <summary>ชุมชนและอื่นๆ: community and other land.</summary>
    CommunityOther,

    /// <summary>พื้นที่ริมทางหลวง: along highways.</summary>
    HighwaySide,
}

/// <summary>Codes and names of <see cref="HotspotLandClass"/> as stored and printed.</summary>
public static class HotspotLandClasses
{
    /// <summary>The code stored in PostGIS and printed in CSV/JSON.</summary>
    public static string Code(HotspotLandClass c) => c switch
    {
        HotspotLandClass.ConservationForest => "conservation_forest",
        HotspotLandClass.NationalReservedForest => "national_reserved_forest",
        HotspotLandClass.AlroLand => "alro_land",
        HotspotLandClass.Agriculture => "agriculture",
        HotspotLandClass.CommunityOther => "community_other",
        _ => "highway_side",
    };

    public static string NameTh(HotspotLandClass c) => c switch
    {
        HotspotLandClass.ConservationForest => "ป่าอนุรักษ์",
        HotspotLandClass.NationalReservedForest => "ป่าสงวนแห่งชาติ",
        HotspotLandClass.AlroLand => "พื้นที่ ส.ป.ก.",
        HotspotLandClass.Agriculture => "พื้นที่เกษตร",
        HotspotLandClass.CommunityOther => "ชุมชนและอื่นๆ",
        _ => "พื้นที่ริมทางหลวง",
    };

    public static HotspotLandClass? FromCode(string code) =>
        Enum.GetValues<HotspotLandClass>().Cast<HotspotLandClass?>().FirstOrDefault(c => Code(c!.Value) == code);
}
