namespace Gis.Core.Hotspots;

/// <summary>
/// FIRMS detection confidence class. VIIRS reports the class itself (<c>l</c>/<c>n</c>/<c>h</c>); MODIS reports
/// 0-100, which FIRMS documents as low below 30, nominal 30-79 and high from 80.
/// </summary>
public enum Confidence
{
    Low,
    Nominal,
    High,
}

/// <summary>Conversions of <see cref="Confidence"/>.</summary>
public static class Confidences
{
    /// <summary>The one-letter code stored and printed (<c>l</c>, <c>n</c>, <c>h</c>), as VIIRS files write it.</summary>
    public static char Code(Confidence confidence) => confidence switch
    {
        Confidence.Low => 'l',
        Confidence.Nominal => 'n',
        _ => 'h',
    };

    /// <summary>The class of a MODIS confidence percentage (0-100), after the FIRMS MODIS user guide.</summary>
    public static Confidence FromModisPercent(int percent) => percent switch
    {
        < 30 => Confidence.Low,
        < 80 => Confidence.Nominal,
        _ => Confidence.High,
    };

    /// <summary>Reads a VIIRS class (<c>l</c>, <c>n</c>, <c>h</c>, or the words low/nominal/high).</summary>
    public static Confidence? TryParseClass(ReadOnlySpan<char> text) => text.Trim() switch
    {
        "l" or "L" or "low" => Confidence.Low,
        "n" or "N" or "nominal" => Confidence.Nominal,
        "h" or "H" or "high" => Confidence.High,
        _ => null,
    };
}
