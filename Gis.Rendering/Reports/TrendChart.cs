using System.Globalization;
using Gis.Core.Targets;
using Gis.Rendering.Maps;
using SkiaSharp;

namespace Gis.Rendering.Reports;

/// <summary>
/// A small bar chart of a district's hotspot counts over the earlier periods and the report's period, with the
/// count the target allows drawn as a dashed line. Earlier periods grey; the report's period in its verdict colour; a
/// period the store has no data for is marked "no data" with no bar.
/// </summary>
internal static class TrendChart
{
    private static readonly SKColor Ink = new(0x20, 0x20, 0x20);
    private static readonly SKColor Grid = new(0xD0, 0xD0, 0xD0);
    private static readonly SKColor Earlier = new(0x9E, 0x9E, 0x9E);

    /// <summary>Draws the chart into <paramref name="area"/> (points).</summary>
    public static void Draw(SKCanvas canvas, MapText text, SKRect area, HotspotTargetRow row, IReadOnlyList<TrendPoint> trend, bool th)
    {
        const float Size = 7.5f;
        var plot = new SKRect(area.Left + 30, area.Top + 16, area.Right - 4, area.Bottom - 14);
        // The count the target allows: baseline x (1 + target %), drawn when a baseline exists.
        double? allowed = row.Baseline > 0 ? row.Baseline * (1 + row.TargetPercent / 100) : null;
        // Twice a round step, so the middle grid line falls on a round count too.
        var top = 2 * NiceCeiling(Math.Max(trend.Max(p => (double?)p.Count) ?? 0, allowed ?? 0) / 2);
        float Y(double v) => plot.Bottom - (float)(v / top) * plot.Height;

        using var grid = new SKPaint { Color = Grid, StrokeWidth = 0.4f, Style = SKPaintStyle.Stroke };
        foreach (var v in new[] { 0, top / 2, top })
        {
            canvas.DrawLine(plot.Left, Y(v), plot.Right, Y(v), grid);
            text.Draw(canvas, ReportFormat.Count((long)Math.Round(v)), plot.Left - 3, Y(v) + Size * 0.35f, Size, Ink, SKTextAlign.Right);
        }
        var slot = plot.Width / trend.Count;
        for (var i = 0; i < trend.Count; i++)
        {
            var current = i == trend.Count - 1;
            var color = current ? ReportFormat.StatusColor(row.Status) : new MapColor(Earlier.Red, Earlier.Green, Earlier.Blue);
            using var bar = new SKPaint { Color = new SKColor(color.R, color.G, color.B), IsAntialias = true };
            var cx = plot.Left + slot * (i + 0.5f);
            if (trend[i].Count is { } count)
                canvas.DrawRect(new SKRect(cx - slot * 0.3f, Y(count), cx + slot * 0.3f, plot.Bottom), bar);
            text.Draw(canvas, ShortName(trend[i], th), cx, plot.Bottom + Size + 3, Size, Ink, SKTextAlign.Center, bold: current);
        }
        if (allowed is { } limit)
        {
            using var dash = new SKPaint
            {
                Color = Ink,
                StrokeWidth = 0.8f,
                Style = SKPaintStyle.Stroke,
                PathEffect = SKPathEffect.CreateDash([3, 2], 0),
            };
            canvas.DrawLine(plot.Left, Y(limit), plot.Right, Y(limit), dash);
            // Its key sits above the plot, where no bar or count can be under it.
            var label = (th ? "เป้าหมาย: ไม่เกิน " : "target: at most ") + limit.ToString("N1", CultureInfo.InvariantCulture);
            var keyLeft = plot.Right - text.Measure(label, Size) - 16;
            canvas.DrawLine(keyLeft, area.Top + 4, keyLeft + 12, area.Top + 4, dash);
            text.Draw(canvas, label, plot.Right, area.Top + 4 + Size * 0.35f, Size, Ink, SKTextAlign.Right);
        }
        // Counts last, with a halo, so the target line never strikes through them.
        for (var i = 0; i < trend.Count; i++)
        {
            var cx = plot.Left + slot * (i + 0.5f);
            // A period without data is a marked gap, never a bar of 0.
            var label = trend[i].Count is { } count ? ReportFormat.Count(count) : th ? "ไม่มีข้อมูล" : "no data";
            text.Draw(canvas, label, cx, Y(trend[i].Count ?? 0) - 2, Size, Ink, SKTextAlign.Center,
                bold: i == trend.Count - 1, halo: SKColors.White);
        }
    }

    /// <summary>"2568" for a season or year, "งป. 2568" / "FY 2568" for a fiscal year, the first day otherwise.</summary>
    private static string ShortName(TrendPoint point, bool th) => point.Period.Kind switch
    {
        Core.Periods.PeriodKind.Season or Core.Periods.PeriodKind.Year => point.Period.Year!.Value.ToString(CultureInfo.InvariantCulture),
        Core.Periods.PeriodKind.Fiscal => (th ? "งป. " : "FY ") + point.Period.Year!.Value.ToString(CultureInfo.InvariantCulture),
        _ => MapDataLoader.DayText(point.Period.From, th),
    };

    /// <summary>1, 2 or 5 × 10^k at or above <paramref name="value"/> (at least 1).</summary>
    internal static double NiceCeiling(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(value, 1))));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (step * power >= value)
                return step * power;
        }
        return 10 * power;
    }
}
