namespace Gis.Core.Plans;

/// <summary>
/// The store's and files' spelling of <see cref="TargetKind"/> (<c>hotspot</c>, <c>green</c>, <c>other</c>), and the
/// keyword rule that infers a kind from a project's name when a source (a budget bill) states none.
/// </summary>
public static class TargetKinds
{
    // Words that make a project's aim clear. Thai words are matched inside longer words (Thai has no spaces
    // between words); English ones case-insensitively. A name with words of both lists is not clear.
    private static readonly string[] HotspotWords =
        ["ไฟป่า", "หมอกควัน", "ฝุ่นควัน", "ฝุ่นละออง", "PM2.5", "PM 2.5", "การเผา", "ชิงเผา", "เชื้อเพลิง", "แนวกันไฟ", "haze", "wildfire",
            "forest fire", "hotspot", "smoke"];

    private static readonly string[] GreenWords =
        ["ปลูกป่า", "ฟื้นฟูป่า", "พื้นที่สีเขียว", "ปลูกต้นไม้", "ป่าชุมชน", "ป่าต้นน้ำ", "reforest", "afforest", "green area",
            "tree planting"];

    /// <summary>The text the store and files use: <c>hotspot</c>, <c>green</c> or <c>other</c>.</summary>
    public static string ToText(TargetKind kind) => kind switch
    {
        TargetKind.HotspotReduction => "hotspot",
        TargetKind.GreenArea => "green",
        _ => "other",
    };

    /// <summary>Reads <c>hotspot</c>, <c>green</c> or <c>other</c> (case-insensitive, trimmed); false for anything else.</summary>
    public static bool TryParse(string? text, out TargetKind kind)
    {
        (var ok, kind) = text?.Trim().ToUpperInvariant() switch
        {
            "HOTSPOT" => (true, TargetKind.HotspotReduction),
            "GREEN" => (true, TargetKind.GreenArea),
            "OTHER" => (true, TargetKind.Other),
            _ => (false, TargetKind.Other),
        };
        return ok;
    }

    /// <summary>Like <see cref="TryParse"/> but throws a message naming the bad value.</summary>
    public static TargetKind Parse(string text) =>
        TryParse(text, out var kind) ? kind : throw new FormatException($"'{text}' is not a target kind: hotspot, green or other.");

    /// <summary>
    /// The kind a project's name makes clear: haze, forest-fire, burning or fuel words give
    /// <see cref="TargetKind.HotspotReduction"/>; reforestation, green-area or community-forest words give
    /// <see cref="TargetKind.GreenArea"/>. Null when the name has neither or both: the caller decides (and says) what then.
    /// </summary>
    /// <param name="text">Thai text normalised with <see cref="Text.ThaiText.Normalize"/>, or English.</param>
    public static TargetKind? Infer(string text)
    {
        var hotspot = HotspotWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
        var green = GreenWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
        return (hotspot, green) switch
        {
            (true, false) => TargetKind.HotspotReduction,
            (false, true) => TargetKind.GreenArea,
            _ => null,
        };
    }
}
