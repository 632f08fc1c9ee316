using System.Globalization;
using System.Text;

namespace Gis.Core.Text;

/// <summary>
/// Input text quoted back in a message or a stored reason: short, and printable. A damaged file can hold a 10 MB
/// field or NUL bytes; echoed whole, it floods the console and a NUL cannot even be stored in PostgreSQL text.
/// </summary>
public static class Echo
{
    /// <summary>Characters of a value quoted in a message.</summary>
    public const int ValueChars = 200;

    /// <summary>
    /// The text as given when it is at most <paramref name="maxChars"/> characters, else its start and
    /// <c>... (N characters)</c>; control characters other than tab written as <c>\u0000</c>.
    /// </summary>
    public static string Clip(ReadOnlySpan<char> text, int maxChars = ValueChars)
    {
        var head = text.Length > maxChars ? text[..maxChars] : text;
        var result = new StringBuilder(head.Length + 24);
        foreach (var c in head)
        {
            if (c < ' ' && c != '\t')
                result.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else
                result.Append(c);
        }
        if (text.Length > maxChars)
            result.Append(CultureInfo.InvariantCulture, $"... ({text.Length:N0} characters)");
        return result.ToString();
    }
}
