using System.Diagnostics.CodeAnalysis;

namespace Gis.Core.Admin;

/// <summary>
/// Department of Provincial Administration codes: province <c>50</c>, district <c>5001</c>, subdistrict <c>500101</c>.
/// HDX COD-AB writes them with a country prefix (<c>TH5001</c>); the project stores and prints the bare digits.
/// </summary>
public static class DopaCode
{
    /// <summary>Normalises <c>TH5001</c>, <c>th5001</c>, <c> 5001 </c> to <c>5001</c>; false for anything else.</summary>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? code)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = text.Trim();
        if (s.StartsWith("TH", StringComparison.OrdinalIgnoreCase))
            s = s[2..];
        if (s.Length is not (2 or 4 or 6) || !s.All(char.IsAsciiDigit))
            return false;
        code = s;
        return true;
    }

    /// <summary>Like <see cref="TryNormalize"/> but throws a message naming the bad value.</summary>
    public static string Normalize(string? text) =>
        TryNormalize(text, out var code)
            ? code
            : throw new FormatException($"'{text}' is not a DOPA code (expected 2, 4 or 6 digits, optionally prefixed TH).");

    /// <summary>The level a code denotes, from its length.</summary>
    public static AdminLevel LevelOf(string code) => (AdminLevel)code.Length;

    /// <summary>The province code (first two digits) of any code.</summary>
    public static string ProvinceOf(string code) => code[..2];

    /// <summary>The code of the enclosing unit, or null for a province.</summary>
    public static string? ParentOf(string code) => code.Length > 2 ? code[..(code.Length - 2)] : null;
}
