using System.Text;

namespace Gis.Importers.Features;

/// <summary>Text encodings of shapefile attribute tables, as <c>.cpg</c> files and users name them.</summary>
internal static class TextEncodings
{
    private const int ThaiCodePage = 874;

    // Windows-874 and TIS-620 come from the code-pages provider, which .NET does not register by itself.
    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// The encoding a name denotes. TIS-620 is read as Windows-874, its superset: the Thai letters have the same
    /// bytes, and .NET has no TIS-620 of its own. Digits alone are a code page (<c>874</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The name denotes no encoding .NET has.</exception>
    public static Encoding Resolve(string name)
    {
        var key = new string([.. name.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant();
        if (key is "TIS620" or "TIS6202533" or "ISO885911" or "CP874" or "WINDOWS874" or "ANSI874" or "MS874" or "THAI")
            return Encoding.GetEncoding(ThaiCodePage);
        if (key is "UTF8")
            return new UTF8Encoding(false);
        if (key.Length > 0 && key.All(char.IsAsciiDigit)
            && int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var codePage))
            return Encoding.GetEncoding(codePage);
        return Encoding.GetEncoding(name.Trim());
    }
}
