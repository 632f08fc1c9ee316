using System.Globalization;

namespace Gis.Core.Text;

/// <summary>Money amounts as Thai documents write them: <c>1,234,500</c>, <c>1234500</c>, <c>1,234,500.50</c>, optionally <c>บาท</c>
/// after.</summary>
public static class BahtAmount
{
    /// <summary>
    /// Reads an amount with the invariant culture. Thousands separators must group by three: <c>300,0</c> (OCR noise)
    /// is refused rather than read as 3,000, which .NET's <c>AllowThousands</c> would do. False for blank text.
    /// </summary>
    public static bool TryParse(string? text, out decimal amount)
    {
        amount = 0;
        var s = text?.Trim() ?? "";
        if (s.EndsWith("บาท", StringComparison.Ordinal))
            s = s[..^3].TrimEnd();
        var point = s.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? s : s[..point];
        var groups = whole.Split(',');
        if (whole.Length == 0 || groups.Any(g => g.Length == 0 || !g.All(char.IsAsciiDigit))
            || (groups.Length > 1 && (groups[0].Length > 3 || groups.Skip(1).Any(g => g.Length != 3))))
            return false;
        return decimal.TryParse(s.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
            out amount);
    }
}
