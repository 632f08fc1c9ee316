using Gis.Rendering.Maps;
using SkiaSharp;

namespace Gis.Rendering.Reports;

/// <summary>A column of a printed table: header text, width in points, numbers aligned right.</summary>
internal sealed record TableColumn(string Header, float Width, bool Right = false);

/// <summary>A header spanning columns <paramref name="First"/>..<paramref name="Last"/> above the column headers.</summary>
internal sealed record TableGroup(string Text, int First, int Last);

/// <summary>A cell: its text and, for verdicts, the swatch colour the map uses for it.</summary>
internal sealed record TableCell(string Text, MapColor? Swatch = null);

/// <summary>A row; <paramref name="Total"/> rows are set bold under a rule.</summary>
internal sealed record TableRow(IReadOnlyList<TableCell> Cells, bool Total = false);

/// <summary>
/// A table printed in points: cells wrap at spaces, rows never split, and <see cref="Paginate"/> cuts the rows into
/// page-sized runs so that each page repeats the header.
/// </summary>
internal sealed class ReportTable(IReadOnlyList<TableColumn> columns, IReadOnlyList<TableGroup> groups, MapText text, float fontSize)
{
    private const float Pad = 1.2f;

    // A right-aligned figure ends this far before its column's edge: a left-aligned column after it (a verdict, a project
    // code) would otherwise begin 2.4 pt after its last character, and the two headers read as one ("เป้า % ผล").
    private const float NumberGap = 4f;
    private static readonly SKColor Ink = new(0x20, 0x20, 0x20);
    private static readonly SKColor HeaderFill = new(0xEC, 0xEF, 0xF3);
    private static readonly SKColor Rule = new(0xB0, 0xB0, 0xB0);

    private float LineHeight => fontSize * 1.4f;

    /// <summary>Total width, points.</summary>
    public float Width => columns.Sum(c => c.Width);

    /// <summary>Height of the group and column headers.</summary>
    public float HeaderHeight =>
        (groups.Count > 0 ? LineHeight + 2 * Pad : 0)
        + columns.Max(c => Wrap(c.Header, TextWidth(c), bold: true).Count) * LineHeight + 2 * Pad;

    /// <summary>Height of a row: its tallest wrapped cell.</summary>
    public float RowHeight(TableRow row) =>
        row.Cells.Select((c, i) => Wrap(c.Text, TextWidth(columns[i]) - (c.Swatch is null ? 0 : fontSize), row.Total).Count).Max()
            * LineHeight + 2 * Pad;

    /// <summary>
    /// Cuts <paramref name="rows"/> into runs that fit under a header: <paramref name="firstHeight"/> points on the
    /// first page, <paramref name="nextHeight"/> on every further page. Each run holds at least one row.
    /// </summary>
    public IReadOnlyList<(int First, int Count)> Paginate(IReadOnlyList<TableRow> rows, float firstHeight, float nextHeight)
    {
        var runs = new List<(int, int)>();
        var (start, used, room) = (0, HeaderHeight, firstHeight);
        for (var i = 0; i < rows.Count; i++)
        {
            var h = RowHeight(rows[i]);
            if (i > start && used + h > room)
            {
                runs.Add((start, i - start));
                (start, used, room) = (i, HeaderHeight, nextHeight);
            }
            used += h;
        }
        runs.Add((start, rows.Count - start));
        return runs;
    }

    /// <summary>Draws the header and <paramref name="rows"/> with the top-left corner at (x, y); returns the y below.</summary>
    public float Draw(SKCanvas canvas, float x, float y, IEnumerable<TableRow> rows)
    {
        using var fill = new SKPaint { Color = HeaderFill };
        using var rule = new SKPaint { Color = Rule, StrokeWidth = 0.4f, Style = SKPaintStyle.Stroke };
        using var strong = new SKPaint { Color = Ink, StrokeWidth = 0.8f, Style = SKPaintStyle.Stroke };
        canvas.DrawRect(new SKRect(x, y, x + Width, y + HeaderHeight), fill);
        var top = y;
        if (groups.Count > 0)
        {
            foreach (var group in groups)
            {
                var left = x + columns.Take(group.First).Sum(c => c.Width);
                var right = left + columns.Skip(group.First).Take(group.Last - group.First + 1).Sum(c => c.Width);
                text.Draw(canvas, group.Text, (left + right) / 2, y + Pad + fontSize * 1.05f, fontSize, Ink, SKTextAlign.Center,
                    bold: true);
                canvas.DrawLine(left + Pad, y + LineHeight + 2 * Pad - 1, right - Pad, y + LineHeight + 2 * Pad - 1, rule);
            }
            y += LineHeight + 2 * Pad;
        }
        DrawCells(canvas, x, y, columns.Select(c => new TableCell(c.Header)).ToList(), bold: true);
        y = top + HeaderHeight;
        canvas.DrawLine(x, y, x + Width, y, strong);
        foreach (var row in rows)
        {
            if (row.Total)
                canvas.DrawLine(x, y, x + Width, y, strong);
            DrawCells(canvas, x, y, row.Cells, row.Total);
            y += RowHeight(row);
            canvas.DrawLine(x, y, x + Width, y, rule);
        }
        return y;
    }

    private void DrawCells(SKCanvas canvas, float x, float y, IReadOnlyList<TableCell> cells, bool bold)
    {
        var columnLeft = x;
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var cell = cells[i];
            var left = columnLeft + Pad;
            columnLeft += column.Width;
            var width = TextWidth(column);
            if (cell.Swatch is { } swatch)
            {
                using var paint = new SKPaint { Color = new SKColor(swatch.R, swatch.G, swatch.B), IsAntialias = true };
                using var edge = new SKPaint { Color = Rule, Style = SKPaintStyle.Stroke, StrokeWidth = 0.4f };
                var box = new SKRect(left, y + Pad + fontSize * 0.3f, left + fontSize * 0.8f, y + Pad + fontSize * 1.1f);
                canvas.DrawRect(box, paint);
                canvas.DrawRect(box, edge);
                left += fontSize;
                width -= fontSize;
            }
            var lines = Wrap(cell.Text, width, bold);
            for (var l = 0; l < lines.Count; l++)
            {
                var baseline = y + Pad + fontSize * 1.05f + l * LineHeight;
                if (column.Right)
                    text.Draw(canvas, lines[l], left + width, baseline, fontSize, Ink, SKTextAlign.Right, bold);
                else
                    text.Draw(canvas, lines[l], left, baseline, fontSize, Ink, bold: bold);
            }
        }
    }

    private static float TextWidth(TableColumn column) => column.Width - 2 * Pad - (column.Right ? NumberGap : 0);

    private List<string> Wrap(string value, float width, bool bold) => text.Wrap(value, fontSize, width, bold);
}
