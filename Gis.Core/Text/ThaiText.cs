using System.Text;

namespace Gis.Core.Text;

/// <summary>Thai text as the project stores and compares it.</summary>
public static class ThaiText
{
    /// <summary>
    /// Trimmed, Unicode NFC, with sara am written as the single letter U+0E33. NFC alone leaves the decomposed
    /// spelling (nikhahit U+0E4D + sara aa U+0E32) apart, because U+0E33 has only a compatibility decomposition;
    /// real files use both, and they must compare equal. Null or blank gives an empty string.
    /// </summary>
    public static string Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? string.Empty
            : text.Trim().Normalize(NormalizationForm.FormC).Replace("\u0E4D\u0E32", "\u0E33", StringComparison.Ordinal);
}
