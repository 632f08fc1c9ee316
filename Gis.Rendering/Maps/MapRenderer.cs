using System.Globalization;
using Gis.Core.Hotspots;
using Gis.Core.Time;
using NetTopologySuite.Geometries;
using SkiaSharp;

namespace Gis.Rendering.Maps;

/// <summary>
/// Draws a prepared <see cref="MapModel"/> onto any <see cref="SKCanvas"/> whose unit is the PDF point: the same code
/// makes the PNG, PDF and SVG (<see cref="MapExporter"/>). It reads only the model: no database, no files.
/// </summary>
/// <param name="glyphsAsPaths">Draw text as glyph outlines (for SVG, see <see cref="MapExporter"/>); else as text.</param>
public sealed class MapRenderer(MapFonts fonts, bool glyphsAsPaths = false) : IDisposable
{
    private const float Mm = (float)(1 / PageSize.MmPerPoint);
    private static readonly SKColor Ink = new(0x20, 0x20, 0x20);
    private static readonly SKColor Halo = new(0xFF, 0xFF, 0xFF, 0xE0);

    private readonly MapText _text = new(fonts, glyphsAsPaths);

    private IReadOnlyList<LabelPlacement> _labels = [];
    private IReadOnlyList<LabelPlacement> _contextLabels = [];

    /// <summary>Every text drawn so far, in order, with its place on the page (points).</summary>
    public IReadOnlyList<PlacedText> PlacedTexts => _text.Placed;

    /// <summary>The district labels of the last page drawn: where each went, or that it was dropped.</summary>
    public IReadOnlyList<LabelPlacement> Labels => _labels;

    /// <summary>The names of the neighbouring districts placed on the last page drawn (a district's own map).</summary>
    public IReadOnlyList<LabelPlacement> ContextLabels => _contextLabels;

    /// <summary>Diameter of a hotspot symbol on paper, mm (<see cref="MapStyles.HotspotDiameterMm"/>).</summary>
    public const float HotspotDiameterMm = MapStyles.HotspotDiameterMm;

    /// <summary>Draws the whole page.</summary>
    public void Draw(SKCanvas canvas, MapModel model, MapLayout layout)
    {
        if (layout.Inset)
        {
            using var paper = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(new SKRect(0, 0, layout.Page.WidthPt, layout.Page.HeightPt), paper);
        }
        else
        {
            canvas.Clear(SKColors.White);
            DrawTitle(canvas, model, layout);
        }

        canvas.Save();
        canvas.ClipRect(layout.Frame);
        using (var water = new SKPaint { Color = new SKColor(0xFA, 0xFA, 0xF7) })
            canvas.DrawRect(layout.Frame, water);
        DrawNeighbours(canvas, model, layout);
        DrawDistricts(canvas, model, layout);
        if (model.HotspotsAsHeat)
            DrawHeat(canvas, model, layout);
        else
            DrawHotspots(canvas, model, layout);
        DrawLabels(canvas, model, layout);
        canvas.Restore();

        using (var neatline = new SKPaint { Color = Ink, Style = SKPaintStyle.Stroke, StrokeWidth = 0.35f * Mm, IsAntialias = true })
            canvas.DrawRect(layout.Frame, neatline);

        var y = DrawLegend(canvas, model, layout);
        y = DrawNorthArrowAndScale(canvas, layout, y, model.Language == "th");
        DrawNotes(canvas, model, layout, y);
        DrawFooter(canvas, model, layout);
    }

    private void DrawTitle(SKCanvas canvas, MapModel model, MapLayout layout)
    {
        // A long title on portrait paper would run off the page: shrink it to the width, down to 11 pt.
        var size = 18f;
        while (size > 11 && _text.Measure(model.Title, size, bold: true) > layout.Title.Width)
            size -= 0.5f;
        _text.Draw(canvas, model.Title, layout.Title.Left, layout.Title.Top + 7 * Mm, size, Ink, bold: true);
        _text.Draw(canvas, model.PeriodText, layout.Title.Left, layout.Title.Top + 13.5f * Mm, 11, Ink);
    }

    private static void DrawDistricts(SKCanvas canvas, MapModel model, MapLayout layout)
    {
        using var outline = DistrictOutline(model);
        foreach (var district in model.Districts)
        {
            using var path = ToPath(district.GeometryUtm, layout);
            using var fill = new SKPaint { Color = Color(model.Style(district.ClassKey).Fill), IsAntialias = true };
            canvas.DrawPath(path, fill);
            canvas.DrawPath(path, outline);
        }
    }

    private static void DrawNeighbours(SKCanvas canvas, MapModel model, MapLayout layout)
    {
        using var fill = new SKPaint { Color = Color(MapStyles.Neighbour), IsAntialias = true };
        using var outline = new SKPaint
        {
            Color = Color(MapStyles.NeighbourInk),
            Style = SKPaintStyle.Stroke,
            StrokeWidth = 0.18f * Mm,
            IsAntialias = true,
            StrokeJoin = SKStrokeJoin.Round,
        };
        foreach (var neighbour in model.Neighbours)
        {
            using var path = ToPath(neighbour.GeometryUtm, layout);
            canvas.DrawPath(path, fill);
            canvas.DrawPath(path, outline);
        }
    }

    /// <summary>Side of a heat cell on paper, mm: finer than the eye separates in print, coarse enough to stay cheap.</summary>
    public const float HeatCellMm = 0.5f;

    /// <summary>
    /// The density surface over the frame, opaque class colours (print has no layer opacity), then the district
    /// outlines again on top so the boundaries stay readable through it.
    /// </summary>
    private static void DrawHeat(SKCanvas canvas, MapModel model, MapLayout layout)
    {
        var frame = layout.Frame;
        var columns = Math.Max(1, (int)Math.Ceiling(frame.Width / (HeatCellMm * Mm)));
        var rows = Math.Max(1, (int)Math.Ceiling(frame.Height / (HeatCellMm * Mm)));
        var cellMetres = HeatCellMm * Mm / layout.PointsPerMetre;
        var topLeft = layout.ToGround(new SKPoint(frame.Left, frame.Top));
        var values = HeatDensity.Surface(model.Hotspots.Select(h => (h.Easting, h.Northing)),
            new DensityGrid(topLeft.X, topLeft.Y, cellMetres, columns, rows));
        using var bitmap = new SKBitmap(new SKImageInfo(columns, rows, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var pixels = bitmap.GetPixelSpan();
        for (var k = 0; k < values.Length; k++)
        {
            var cls = HeatDensity.ClassOf(values[k]);
            var c = cls < 0 ? default : MapStyles.Heat[cls];
            (pixels[k * 4], pixels[(k * 4) + 1], pixels[(k * 4) + 2], pixels[(k * 4) + 3]) = (c.R, c.G, c.B, (byte)(cls < 0 ? 0 : 255));
        }
        using var image = SKImage.FromBitmap(bitmap);
        // Nearest neighbour: the classes keep their hard edges, as in the legend.
        canvas.DrawImage(image, new SKRect(frame.Left, frame.Top, frame.Left + (columns * HeatCellMm * Mm), frame.Top
            + (rows * HeatCellMm * Mm)),
            new SKSamplingOptions(SKFilterMode.Nearest));
        using var outline = DistrictOutline(model);
        foreach (var district in model.Districts)
        {
            using var path = ToPath(district.GeometryUtm, layout);
            canvas.DrawPath(path, outline);
        }
    }

    /// <summary>
    /// The districts' outline, under or over the heat map alike. Among its neighbours a district's own map draws it
    /// bold: its fill may be as pale as theirs.
    /// </summary>
    private static SKPaint DistrictOutline(MapModel model) => new()
    {
        Color = Color(MapStyles.Outline),
        Style = SKPaintStyle.Stroke,
        StrokeWidth = (model.Neighbours.Count > 0 ? 2 * MapStyles.OutlineWidthMm : MapStyles.OutlineWidthMm) * Mm,
        IsAntialias = true,
        StrokeJoin = SKStrokeJoin.Round,
    };

    private static void DrawHotspots(SKCanvas canvas, MapModel model, MapLayout layout)
    {
        var radius = HotspotDiameterMm / 2 * Mm;
        using var outline = new SKPaint
        {
            Color = Color(MapStyles.HotspotOutline),
            Style = SKPaintStyle.Stroke,
            StrokeWidth = MapStyles.HotspotOutlineWidthMm * Mm,
            IsAntialias = true,
        };
        // Low first, high last: the most certain fires end up on top where points pile up.
        foreach (var group in model.Hotspots.GroupBy(h => h.Confidence).OrderBy(g => g.Key))
        {
            using var fill = new SKPaint { Color = Color(model.Style(group.First().ClassKey).Fill), IsAntialias = true };
            foreach (var hotspot in group)
            {
                var p = layout.ToPage(hotspot.Easting, hotspot.Northing);
                canvas.DrawCircle(p, radius, fill);
                canvas.DrawCircle(p, radius, outline);
            }
        }
    }

    private void DrawLabels(SKCanvas canvas, MapModel model, MapLayout layout)
    {
        // Placed first, so that no two labels overlap; the halo keeps them readable over points and dark fills.
        _labels = LabelPlacer.Place(model.Districts, layout, (text, size) => _text.Measure(text, size));
        // A label outside its district points back to it, so it cannot be read as naming the neighbour it sits on.
        using (var leader = new SKPaint { Color = Ink, StrokeWidth = 0.2f * Mm, Style = SKPaintStyle.Stroke, IsAntialias = true })
        {
            foreach (var label in _labels.Where(l => l is { Dropped: false, Inside: false }))
            {
                var end = new SKPoint(Math.Clamp(label.Anchor.X, label.Box.Left, label.Box.Right),
                    Math.Clamp(label.Anchor.Y, label.Box.Top, label.Box.Bottom));
                canvas.DrawLine(label.Anchor, end, leader);
                canvas.DrawCircle(label.Anchor, 0.35f * Mm, leader);
            }
        }
        foreach (var label in _labels.Where(l => !l.Dropped))
            _text.Draw(canvas, label.Text, label.Box.MidX, label.Baseline, label.Size, Ink, SKTextAlign.Center, halo: Halo);
        // The neighbours' names last, in the room left, in their grey: context, never competing with the district's.
        _contextLabels = LabelPlacer.PlaceContext(model.Neighbours, _labels, layout, (text, size) => _text.Measure(text, size));
        foreach (var label in _contextLabels)
            _text.Draw(canvas, label.Text, label.Box.MidX, label.Baseline, label.Size, Color(MapStyles.NeighbourInk), SKTextAlign.Center,
                halo: Halo);
    }

    /// <summary>Legend at the top of the panel; returns the y below it.</summary>
    private float DrawLegend(SKCanvas canvas, MapModel model, MapLayout layout)
    {
        var x = layout.Panel.Left;
        var y = layout.Panel.Top + 5 * Mm;
        _text.Draw(canvas, model.Language == "th" ? "คำอธิบายสัญลักษณ์" : "Legend", x, y, 12, Ink, bold: true);
        y += 4 * Mm;
        foreach (var entry in model.Legend)
        {
            using var fill = new SKPaint { Color = Color(entry.Fill), IsAntialias = true };
            using var stroke = new SKPaint
            {
                Color = Color(entry.Outline),
                Style = SKPaintStyle.Stroke,
                StrokeWidth = 0.25f * Mm,
                IsAntialias = true,
            };
            if (entry.Kind == SymbolKind.Area)
            {
                var box = new SKRect(x, y, x + 7 * Mm, y + 4.5f * Mm);
                canvas.DrawRect(box, fill);
                canvas.DrawRect(box, stroke);
            }
            else
            {
                var c = new SKPoint(x + 3.5f * Mm, y + 2.25f * Mm);
                canvas.DrawCircle(c, 1.2f * Mm, fill);
                canvas.DrawCircle(c, 1.2f * Mm, stroke);
            }
            // A narrow panel shrinks a long entry rather than cutting it at the page edge.
            var size = 9.5f;
            while (size > 7 && _text.Measure(entry.Label, size) > layout.Panel.Width - 9 * Mm)
                size -= 0.5f;
            _text.Draw(canvas, entry.Label, x + 9 * Mm, y + 3.4f * Mm, size, Ink);
            y += 6.5f * Mm;
        }
        return y + 3 * Mm;
    }

    /// <summary>North arrow, then the scale bar with a round length in m or km; returns the y below them.</summary>
    private float DrawNorthArrowAndScale(SKCanvas canvas, MapLayout layout, float y, bool th)
    {
        var x = layout.Panel.Left;
        // UTM grid north: at Chiang Mai (near the zone's 99° E meridian) it is within half a degree of true north.
        var arrowTop = y + 3 * Mm;
        var cx = x + 6 * Mm;
        using (var black = new SKPaint { Color = Ink, IsAntialias = true })
        using (var white = new SKPaint { Color = SKColors.White, IsAntialias = true })
        using (var edge = new SKPaint { Color = Ink, Style = SKPaintStyle.Stroke, StrokeWidth = 0.25f * Mm, IsAntialias = true })
        {
            using var left = Triangle(new SKPoint(cx, arrowTop + 5 * Mm), new SKPoint(cx - 4 * Mm, arrowTop + 17 * Mm),
                new SKPoint(cx, arrowTop + 14 * Mm));
            using var right = Triangle(new SKPoint(cx, arrowTop + 5 * Mm), new SKPoint(cx + 4 * Mm, arrowTop + 17 * Mm),
                new SKPoint(cx, arrowTop + 14 * Mm));
            canvas.DrawPath(left, black);
            canvas.DrawPath(right, white);
            canvas.DrawPath(right, edge);
            canvas.DrawPath(left, edge);
        }
        _text.Draw(canvas, "N", cx, arrowTop + 3.5f * Mm, 11, Ink, SKTextAlign.Center, bold: true);

        // Scale bar beside the arrow: four alternating segments, labelled at 0, half and full length.
        var barX = x + 16 * Mm;
        var barY = arrowTop + 11 * Mm;
        var length = (float)(layout.ScaleBarMetres * layout.PointsPerMetre);
        using (var black = new SKPaint { Color = Ink, IsAntialias = true })
        using (var edge = new SKPaint { Color = Ink, Style = SKPaintStyle.Stroke, StrokeWidth = 0.2f * Mm, IsAntialias = true })
        {
            for (var i = 0; i < 4; i++)
            {
                var segment = new SKRect(barX + i * length / 4, barY, barX + (i + 1) * length / 4, barY + 1.8f * Mm);
                if (i % 2 == 0)
                    canvas.DrawRect(segment, black);
                canvas.DrawRect(segment, edge);
            }
        }
        var km = layout.ScaleBarMetres >= 1000;
        string Label(double metres) => (km ? metres / 1000 : metres).ToString("0.##", CultureInfo.InvariantCulture);
        var unit = km ? (th ? "กม." : "km") : (th ? "ม." : "m");
        _text.Draw(canvas, "0", barX, barY - 1.2f * Mm, 8, Ink, SKTextAlign.Center);
        // The middle label only when the bar is long enough for three labels not to touch.
        if (length >= 25 * Mm)
            _text.Draw(canvas, Label(layout.ScaleBarMetres / 2), barX + length / 2, barY - 1.2f * Mm, 8, Ink, SKTextAlign.Center);
        _text.Draw(canvas, Label(layout.ScaleBarMetres) + " " + unit, barX + length, barY - 1.2f * Mm, 8, Ink, SKTextAlign.Center);
        return arrowTop + 24 * Mm;
    }

    private void DrawNotes(SKCanvas canvas, MapModel model, MapLayout layout, float y)
    {
        // A narrow panel (portrait paper, a map inset in a report) wraps the notes rather than letting them run off.
        var crs = (model.Language == "th" ? "ระบบพิกัด: " : "Coordinate system: ") + model.CrsNote;
        foreach (var line in model.Notes.Append(crs).SelectMany(n => _text.Wrap(n, 8.5f, layout.Panel.Width)))
        {
            _text.Draw(canvas, line, layout.Panel.Left, y, 8.5f, Ink);
            y += 4.5f * Mm;
        }
    }

    private void DrawFooter(SKCanvas canvas, MapModel model, MapLayout layout)
    {
        var th = model.Language == "th";
        var sources = (th ? "ที่มา: " : "Sources: ") + string.Join("; ", model.Credits);
        var made = th
            ? "จัดทำเมื่อ " + MapDataLoader.DayText(model.MadeOn, th)
            : "Made " + MapDataLoader.DayText(model.MadeOn, th) + " BE";
        if (model.Author is { Length: > 0 } author)
            made = (th ? "ผู้จัดทำ: " : "By ") + author + ", " + made;
        if (layout.Inset)
        {
            // One line under an inset map, smaller where it is long, cut with an ellipsis where even 5 pt would run past
            // the frame: its report lists the sources in full.
            var inset = 7f;
            while (inset > 5 && _text.Measure(sources, inset) > layout.Footer.Width)
                inset -= 0.5f;
            var line = _text.Fit(sources, inset, layout.Footer.Width);
            _text.Draw(canvas, line, layout.Footer.Left, layout.Footer.Top + 3.5f * Mm, inset, Ink);
            return;
        }
        // Long credits wrap (two lines fit the footer; a third shrinks the text) beside the date, right-aligned on the last line.
        var width = layout.Footer.Width - _text.Measure(made, 8) - 4 * Mm;
        var size = 8f;
        var lines = _text.Wrap(sources, size, width);
        for (; lines.Count > 2 && size > 5; lines = _text.Wrap(sources, size, width))
            size -= 0.5f;
        var step = 4f * Mm * size / 8;
        for (var i = 0; i < lines.Count; i++)
            _text.Draw(canvas, lines[i], layout.Footer.Left, layout.Footer.Top + 3.5f * Mm + i * step, size, Ink);
        _text.Draw(canvas, made, layout.Footer.Right, layout.Footer.Top + 7.5f * Mm, 8, Ink, SKTextAlign.Right);
    }

    private static SKPath ToPath(Geometry geometry, MapLayout layout)
    {
        using var path = new SKPathBuilder { FillType = SKPathFillType.EvenOdd };
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is not Polygon polygon)
                continue;
            foreach (var ring in new[] { polygon.ExteriorRing }.Concat(polygon.InteriorRings))
            {
                var coordinates = ring.Coordinates;
                path.MoveTo(layout.ToPage(coordinates[0].X, coordinates[0].Y));
                for (var j = 1; j < coordinates.Length; j++)
                    path.LineTo(layout.ToPage(coordinates[j].X, coordinates[j].Y));
                path.Close();
            }
        }
        return path.Detach();
    }

    private static SKPath Triangle(SKPoint a, SKPoint b, SKPoint c)
    {
        using var path = new SKPathBuilder();
        path.MoveTo(a);
        path.LineTo(b);
        path.LineTo(c);
        path.Close();
        return path.Detach();
    }

    private static SKColor Color(MapColor c) => new(c.R, c.G, c.B);

    public void Dispose() => _text.Dispose();
}
