using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Gis.Rendering.Maps;

/// <summary>
/// Draws mixed Thai/Latin text with HarfBuzz shaping, so Thai vowels and tone marks stack and sit where the font
/// places them (Skia's plain DrawText maps characters to glyphs one by one and leaves marks colliding). Text is split
/// into runs by script and each run is shaped with the typeface that has its glyphs.
/// </summary>
internal sealed class MapText(MapFonts fonts, bool glyphsAsPaths) : IDisposable
{
    private readonly Dictionary<SKTypeface, SKShaper> _shapers = [];

    /// <summary>Every text drawn, in drawing order, with its left baseline point and width.</summary>
    public List<PlacedText> Placed { get; } = [];

    /// <summary>Width of <paramref name="text"/> in the canvas unit at <paramref name="size"/>.</summary>
    public float Measure(string text, float size, bool bold = false) =>
        Runs(text, bold).Sum(r => Width(r.Text, r.Face, size));

    /// <summary>The text, cut with an ellipsis where it would pass <paramref name="width"/>.</summary>
    public string Fit(string value, float size, float width, bool bold = false)
    {
        if (Measure(value, size, bold) <= width)
            return value;
        var cut = value.Length;
        while (cut > 1 && Measure(value[..cut] + "…", size, bold) > width)
            cut--;
        return value[..cut] + "…";
    }

    /// <summary>
    /// Splits <paramref name="text"/> at spaces into lines no wider than <paramref name="width"/> at
    /// <paramref name="size"/>; a single word wider than that keeps a line of its own.
    /// </summary>
    public List<string> Wrap(string text, float size, float width, bool bold = false)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Measure(candidate, size, bold) > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }
        lines.Add(line);
        return lines;
    }

    /// <summary>
    /// Draws <paramref name="text"/> with its baseline at <paramref name="y"/>; <paramref name="align"/> places
    /// <paramref name="x"/> at the left, centre or right. A <paramref name="halo"/> colour draws a white-ish outline
    /// first so labels stay readable over fills and points.
    /// </summary>
    public void Draw(SKCanvas canvas, string text, float x, float y, float size, SKColor color, SKTextAlign align = SKTextAlign.Left,
        bool bold = false, SKColor? halo = null)
    {
        var width = Measure(text, size, bold);
        var left = align switch
        {
            SKTextAlign.Center => x - width / 2,
            SKTextAlign.Right => x - width,
            _ => x,
        };
        Placed.Add(new PlacedText(text, left, y, size, width));
        if (halo is { } haloColor)
        {
            using var stroke = new SKPaint
            {
                Color = haloColor,
                IsAntialias = true,
                Style = SKPaintStyle.Stroke,
                StrokeWidth = size * 0.22f,
                StrokeJoin = SKStrokeJoin.Round,
            };
            DrawRuns(canvas, text, left, y, size, bold, stroke);
        }
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        DrawRuns(canvas, text, left, y, size, bold, paint);
    }

    private void DrawRuns(SKCanvas canvas, string text, float x, float y, float size, bool bold, SKPaint paint)
    {
        foreach (var (runText, face) in Runs(text, bold))
        {
            using var font = Font(face, size);
            var run = Shape(runText, face, font);
            if (run.Glyphs.Length > 0)
            {
                if (glyphsAsPaths)
                    DrawAsPaths(canvas, run, font, x, y, paint);
                else
                    DrawAsText(canvas, run, font, x, y, paint);
            }
            x += run.Width;
        }
    }

    /// <summary>
    /// Draws the run as a text blob that carries its UTF-8 text and cluster map beside the glyphs. Skia's PDF writer
    /// needs those to emit /ActualText: shaped Thai uses glyphs no character maps to (a tone mark shifted left or
    /// lowered, Sara Am split into Nikhahit + Sara Aa), and without the text a PDF reader extracts "เปาหมาย" for
    /// "เป้าหมาย". <c>DrawShapedText</c> drops the text, so the blob is built here.
    /// </summary>
    private static void DrawAsText(SKCanvas canvas, ShapedRun run, SKFont font, float x, float y, SKPaint paint)
    {
        using var builder = new SKTextBlobBuilder();
        var buffer = builder.AllocatePositionedTextRun(font, run.Glyphs.Length, run.Utf8.Length);
        buffer.SetGlyphs(run.Glyphs);
        buffer.SetPositions(run.Points);
        buffer.SetText(run.Utf8);
        buffer.SetClusters(run.Clusters);
        using var blob = builder.Build();
        if (blob is not null)
            canvas.DrawText(blob, x, y, paint);
    }

    /// <summary>
    /// Draws each shaped glyph as its outline. For SVG: Skia's SVG writer turns glyphs back into characters through
    /// the font's character map and drops what has none, so a shaped Thai tone mark vanishes ("พืนที" for "พื้นที่")
    /// and the viewer re-shapes with whatever font it has. Outlines look the same everywhere.
    /// </summary>
    private static void DrawAsPaths(SKCanvas canvas, ShapedRun run, SKFont font, float x, float y, SKPaint paint)
    {
        for (var i = 0; i < run.Glyphs.Length; i++)
        {
            using var path = font.GetGlyphPath(run.Glyphs[i]);
            if (path is null || path.IsEmpty)
                continue;
            canvas.Save();
            canvas.Translate(x + run.Points[i].X, y + run.Points[i].Y);
            canvas.DrawPath(path, paint);
            canvas.Restore();
        }
    }

    private sealed record ShapedRun(ushort[] Glyphs, SKPoint[] Points, uint[] Clusters, byte[] Utf8, float Width);

    private ShapedRun Shape(string text, SKTypeface face, SKFont font)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        using var buffer = new HarfBuzzSharp.Buffer();
        // UTF-8 in, so HarfBuzz's clusters are byte offsets: the unit Skia's text-run clusters use.
        buffer.AddUtf8(utf8);
        buffer.GuessSegmentProperties();
        var result = Shaper(face).Shape(buffer, font);
        var glyphs = result.Codepoints.Select(c => (ushort)c).ToArray();
        return new ShapedRun(glyphs, result.Points, result.Clusters, utf8, result.Width);
    }

    private float Width(string text, SKTypeface face, float size)
    {
        using var font = Font(face, size);
        return Shaper(face).Shape(text, font).Width;
    }

    private static SKFont Font(SKTypeface face, float size) => new(face, size) { Subpixel = true, Edging = SKFontEdging.Antialias };

    private SKShaper Shaper(SKTypeface face)
    {
        if (!_shapers.TryGetValue(face, out var shaper))
            _shapers[face] = shaper = new SKShaper(face);
        return shaper;
    }

    /// <summary>Splits text into runs of Thai script and of everything else; spaces stay with the run before them.</summary>
    internal IEnumerable<(string Text, SKTypeface Face)> Runs(string text, bool bold)
    {
        var thai = bold ? fonts.ThaiBold : fonts.Thai;
        var latin = bold ? fonts.LatinBold : fonts.Latin;
        var start = 0;
        bool? currentThai = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ')
                continue;
            var isThai = text[i] is >= '\u0E00' and <= '\u0E7F';
            if (currentThai is { } c && c != isThai)
            {
                yield return (text[start..i], c ? thai : latin);
                start = i;
            }
            currentThai = isThai;
        }
        if (start < text.Length)
            yield return (text[start..], currentThai == true ? thai : latin);
    }

    public void Dispose()
    {
        foreach (var shaper in _shapers.Values)
            shaper.Dispose();
    }
}

/// <summary>A text as drawn: its string, left end of the baseline and width, in page points.</summary>
public sealed record PlacedText(string Text, float Left, float Baseline, float Size, float Width);
