using System.Globalization;
using System.Xml.Linq;
using SkiaSharp;

namespace Gis.Rendering.Maps;

/// <summary>The file formats a map is written in.</summary>
public enum MapFormat
{
    /// <summary>Raster at a chosen resolution.</summary>
    Png,

    /// <summary>Vector, fonts embedded; for printing.</summary>
    Pdf,

    /// <summary>Vector, for editing or the web.</summary>
    Svg,
}

/// <summary>Writes a map page to PNG, PDF or SVG, all drawn by the one <see cref="MapRenderer"/>.</summary>
public static class MapExporter
{
    /// <summary>The format a file name asks for by its extension.</summary>
    /// <exception cref="FormatException">The extension is not .png, .pdf or .svg.</exception>
    public static MapFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => MapFormat.Png,
        ".pdf" => MapFormat.Pdf,
        ".svg" => MapFormat.Svg,
        _ => throw new FormatException($"Cannot tell the map format of '{path}': use a .png, .pdf or .svg file name."),
    };

    /// <summary>
    /// Lays out and writes <paramref name="model"/> on <paramref name="page"/> to <paramref name="path"/>;
    /// <paramref name="dpi"/> matters for PNG only (A4 at 150 dpi is 1754 × 1240 pixels). Returns the layout used.
    /// </summary>
    public static MapLayout Export(MapModel model, PageSize page, int dpi, string path, MapFonts fonts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dpi, 36);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dpi, 1200);
        var layout = new MapLayout(page, model.ExtentUtm);
        var format = FormatOf(path);
        using var renderer = new MapRenderer(fonts, glyphsAsPaths: format == MapFormat.Svg);
        using var stream = File.Create(path);
        switch (format)
        {
            case MapFormat.Png:
                {
                    var scale = dpi / 72f;
                    var info = new SKImageInfo((int)Math.Round(page.WidthPt * scale), (int)Math.Round(page.HeightPt * scale),
                        SKColorType.Rgba8888, SKAlphaType.Premul);
                    using var surface = SKSurface.Create(info);
                    surface.Canvas.Scale(scale);
                    renderer.Draw(surface.Canvas, model, layout);
                    // zlib level 3 instead of the default 6: a third of the encoding time for a file a few % larger.
                    using var pixels = surface.PeekPixels()
                        ?? throw new InvalidOperationException("The raster surface has no pixels to encode.");
                    using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 3))
                        ?? throw new InvalidOperationException("PNG encoding failed.");
                    data.SaveTo(stream);
                    break;
                }
            case MapFormat.Pdf:
                {
                    var metadata = new SKDocumentPdfMetadata
                    {
                        Title = model.Title,
                        Author = model.Author ?? "",
                        Creator = "gis map",
                        Creation = model.MadeOn.ToDateTime(TimeOnly.MinValue),
                        RasterDpi = dpi,
                    };
                    using var document = SKDocument.CreatePdf(stream, metadata);
                    var canvas = document.BeginPage(page.WidthPt, page.HeightPt);
                    renderer.Draw(canvas, model, layout);
                    document.EndPage();
                    document.Close();
                    break;
                }
            default:
                {
                    // The SVG canvas writes its closing tags when disposed, so it must go before the buffer is read.
                    using var svg = new MemoryStream();
                    using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, page.WidthPt, page.HeightPt), svg))
                        renderer.Draw(canvas, model, layout);
                    svg.Position = 0;
                    var document = XDocument.Load(svg);
                    AddTextLayer(document, renderer.PlacedTexts);
                    document.Save(stream);
                    break;
                }
        }
        return layout;
    }

    /// <summary>
    /// Text in an SVG is drawn as glyph outlines (see <see cref="MapRenderer"/>), which nobody can search or copy. An
    /// invisible layer of the same strings, in correct Unicode at the same places, makes the names findable and
    /// selectable, as the hidden text layer of a scanned PDF does.
    /// </summary>
    private static void AddTextLayer(XDocument document, IReadOnlyList<PlacedText> texts)
    {
        XNamespace svg = "http://www.w3.org/2000/svg";
        var layer = new XElement(svg + "g", new XAttribute("id", "text"), new XAttribute("fill-opacity", "0"),
            new XAttribute("font-family", "Noto Sans Thai, Noto Sans, sans-serif"));
        foreach (var text in texts)
        {
            layer.Add(new XElement(svg + "text",
                new XAttribute("x", text.Left.ToString("0.##", CultureInfo.InvariantCulture)),
                new XAttribute("y", text.Baseline.ToString("0.##", CultureInfo.InvariantCulture)),
                new XAttribute("font-size", text.Size.ToString("0.##", CultureInfo.InvariantCulture)),
                new XAttribute("textLength", text.Width.ToString("0.##", CultureInfo.InvariantCulture)),
                text.Text));
        }
        document.Root!.Add(layer);
    }
}
