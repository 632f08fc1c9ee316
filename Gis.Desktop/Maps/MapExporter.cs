using SkiaSharp;

namespace Gis.Desktop.Maps;

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
        using var renderer = new MapRenderer(fonts);
        var format = FormatOf(path);
        using var stream = File.Create(path);
        switch (format)
        {
            case MapFormat.Png:
                {
                    var scale = dpi / 72f;
                    var info = new SKImageInfo((int)Math.Round(page.WidthPt * scale), (int)Math.Round(page.HeightPt * scale), SKColorType.Rgba8888, SKAlphaType.Premul);
                    using var surface = SKSurface.Create(info);
                    surface.Canvas.Scale(scale);
                    renderer.Draw(surface.Canvas, model, layout);
                    using var image = surface.Snapshot();
                    using var data = image.Encode(SKEncodedImageFormat.Png, 100);
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
                    // The SVG canvas writes its closing tags when disposed, so it must go before the stream.
                    using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, page.WidthPt, page.HeightPt), stream))
                        renderer.Draw(canvas, model, layout);
                    break;
                }
        }
        return layout;
    }
}
