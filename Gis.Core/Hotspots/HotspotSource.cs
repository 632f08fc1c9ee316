namespace Gis.Core.Hotspots;

/// <summary>Whose detections a count reads. The two are stored apart and never mixed in one count (ADR 0008).</summary>
public enum HotspotSource
{
    /// <summary>NASA FIRMS detections (files and API), NRT superseded by standard data.</summary>
    Firms,

    /// <summary>GISTDA's published hotspots, with GISTDA's own land classes.</summary>
    Gistda,
}

/// <summary>Names of <see cref="HotspotSource"/> as options and output write them.</summary>
public static class HotspotSources
{
    public static string Code(HotspotSource source) => source == HotspotSource.Gistda ? "gistda" : "firms";

    /// <exception cref="FormatException">Not <c>firms</c> or <c>gistda</c>.</exception>
    public static HotspotSource Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "firms" => HotspotSource.Firms,
        "gistda" => HotspotSource.Gistda,
        _ => throw new FormatException($"'{text}' is not a hotspot source: firms or gistda."),
    };
}
