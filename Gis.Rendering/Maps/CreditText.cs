namespace Gis.Rendering.Maps;

/// <summary>
/// Credits as Thai readers see them. The store keeps each credit in English, as the import recorded it (ADR 0017);
/// the phrases the importers themselves write are translated here, in one table. Names of products and series
/// (NASA FIRMS VIIRS NOAA-20 NRT, HDX COD-AB) and credits a user gave stay as written.
/// </summary>
internal static class CreditText
{
    private static readonly Dictionary<string, string> ThaiPhrases = new(StringComparer.Ordinal)
    {
        ["synthetic sample data (gis sample-data generator)"] = "ข้อมูลตัวอย่างสังเคราะห์ (สร้างโดยตัวสร้างข้อมูลตัวอย่างของ gis)",
        ["Land Development Department (LDD)"] = "กรมพัฒนาที่ดิน (LDD)",
        ["GISTDA"] = "สำนักงานพัฒนาเทคโนโลยีอวกาศและภูมิสารสนเทศ (GISTDA)",
        ["HDX COD-AB (OCHA)"] = "HDX COD-AB (สำนักงานประสานงานกิจการด้านมนุษยธรรมแห่งสหประชาชาติ, OCHA)",
    };

    /// <summary>The credit in Thai when it is one of the importers' own phrases; else as stored.</summary>
    public static string Thai(string credit) => ThaiPhrases.GetValueOrDefault(credit, credit);
}
