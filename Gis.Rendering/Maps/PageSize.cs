using System.Globalization;

namespace Gis.Rendering.Maps;

/// <summary>A paper size in millimetres; also in PDF points (1/72 inch), the unit the renderer draws in.</summary>
public readonly record struct PageSize(double WidthMm, double HeightMm)
{
    /// <summary>Millimetres per PDF point.</summary>
    public const double MmPerPoint = 25.4 / 72;

    /// <summary>Width in points.</summary>
    public float WidthPt => (float)(WidthMm / MmPerPoint);

    /// <summary>Height in points.</summary>
    public float HeightPt => (float)(HeightMm / MmPerPoint);

    /// <summary>
    /// Reads <c>a4-landscape</c>, <c>a4-portrait</c>, <c>a3-landscape</c>, <c>a3-portrait</c> or <c>WxH</c> in
    /// millimetres (e.g. <c>300x200</c>, invariant decimals).
    /// </summary>
    /// <exception cref="FormatException">Anything else, or a side under 50 mm or over 2000 mm.</exception>
    public static PageSize Parse(string text)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "a4-landscape": return new(297, 210);
            case "a4-portrait": return new(210, 297);
            case "a3-landscape": return new(420, 297);
            case "a3-portrait": return new(297, 420);
        }
        var parts = text.Split('x', 'X');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var h)
            && w is >= 50 and <= 2000 && h is >= 50 and <= 2000)
        {
            return new(w, h);
        }
        throw new FormatException($"Page size '{text}' is not a4-landscape, a4-portrait, a3-landscape, a3-portrait "
            + "or WxH in mm (50-2000), e.g. 300x200.");
    }
}
