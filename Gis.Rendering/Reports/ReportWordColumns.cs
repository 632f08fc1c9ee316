using SkiaSharp;

namespace Gis.Rendering.Reports;

/// <summary>
/// Widths of a Word table's columns fitted to what they hold, in the table's own font: the PDF's widths are made for its
/// 7 pt table text, and Word's 11 pt text broke every header and number over lines in them (issue 15).
/// </summary>
internal static class ReportWordColumns
{
    /// <summary>Left and right cell margins of the report's tables plus a little air, twips.</summary>
    internal const int PaddingTwips = 2 * 60 + 60;

    /// <summary>
    /// Word and LibreOffice set the text a little wider than Skia measures it (hinting, their own shaping): without this
    /// share a total row's name that measured as fitting still broke over two lines.
    /// </summary>
    private const float Slack = 1.08f;

    /// <summary>
    /// Every column but the last as wide as its longest text unbroken, the last (the projects, a list that may wrap) the
    /// rest; when that does not fit in <paramref name="totalTwips"/>, each column at least as wide as its longest word and
    /// the room left shared among the others in proportion to what each still lacks. The widths add up to
    /// <paramref name="totalTwips"/> exactly.
    /// </summary>
    /// <param name="columns">Per column its texts, each with whether it is set bold.</param>
    /// <param name="fontPt">Size of the table text, points.</param>
    public static int[] Fit(IReadOnlyList<IReadOnlyList<(string Text, bool Bold)>> columns, string family, float fontPt, int totalTwips)
    {
        using var regular = new SKFont(SKTypeface.FromFamilyName(family), fontPt);
        using var bold = new SKFont(SKTypeface.FromFamilyName(family, SKFontStyle.Bold), fontPt);
        int Twips(string text, bool isBold) => (int)Math.Ceiling((isBold ? bold : regular).MeasureText(text) * 20 * Slack) + PaddingTwips;
        var natural = columns.Select(c => c.Max(t => Twips(t.Text, t.Bold))).ToArray();
        var widths = columns.Select(c => c.Max(t => t.Text.Split(' ').Max(word => Twips(word, t.Bold)))).ToArray();
        var room = totalTwips - widths.Sum();
        if (room < 0)
        {
            // Not even the words fit: every column shrinks alike (Word then breaks inside words, as it must).
            var least = widths.Sum();
            widths = [.. widths.Select(w => (int)((long)w * totalTwips / least))];
        }
        else
        {
            var lacking = natural.SkipLast(1).Select((n, i) => n - widths[i]).ToArray();
            var wanted = lacking.Sum();
            for (var i = 0; i < lacking.Length; i++)
                widths[i] += wanted <= room ? lacking[i] : (int)((long)room * lacking[i] / wanted);
        }
        widths[^1] += totalTwips - widths.Sum();
        return widths;
    }
}
