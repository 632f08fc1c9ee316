using System.Globalization;
using System.Text;

namespace Gis.Cli.Output;

/// <summary>
/// A plain-text table aligned for a terminal. Thai vowels and tone marks above and below the line are combining
/// characters that take no column, so widths count only spacing characters; otherwise Thai names break alignment.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly HashSet<int> _rightAligned = [];

    public TextTable AlignRight(params int[] columns)
    {
        _rightAligned.UnionWith(columns);
        return this;
    }

    public void Add(params string[] cells) => _rows.Add(cells);

    public void AddSeparator() => _rows.Add([]);

    public void WriteTo(TextWriter output)
    {
        var widths = headers.Select((h,
            i) => _rows.Where(r => r.Length > 0).Select(r => DisplayWidth(r[i])).Append(DisplayWidth(h)).Max()).ToArray();
        WriteRow(output, headers, widths);
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            if (row.Length == 0)
                output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            else
                WriteRow(output, row, widths);
        }
    }

    private void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            var pad = new string(' ', widths[i] - DisplayWidth(cells[i]));
            line.Append(_rightAligned.Contains(i) ? pad + cells[i] : cells[i] + pad);
            if (i < cells.Length - 1)
                line.Append("  ");
        }
        output.WriteLine(line.ToString().TrimEnd());
    }

    /// <summary>Columns a string takes on a terminal: combining marks (Thai above/below vowels, tone marks) take none.</summary>
    public static int DisplayWidth(string text) =>
        text.Count(c => CharUnicodeInfo.GetUnicodeCategory(c)
            is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format));
}
