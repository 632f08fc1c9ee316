using Gis.Core.Hotspots;
using SkiaSharp;

namespace Gis.Rendering.Maps;

/// <summary>
/// Draws a heat map tile: every pixel in the colour of its density class (<see cref="MapStyles.Heat"/>, opaque),
/// transparent below the lowest class, as PNG. The page sets the layer's opacity.
/// </summary>
public static class HeatTileRenderer
{
    private static readonly Lazy<byte[]> Empty512 = new(() => Encode(HeatDensity.Tile(0, 0, 0, 512, [])));

    /// <summary>The PNG of a grid. Cost: one class lookup per pixel (262,144 at 512 pixels) and the PNG encoding.</summary>
    public static byte[] Png(HeatGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return grid.IsEmpty && grid.SizePixels == 512 ? Empty512.Value : Encode(grid);
    }

    private static byte[] Encode(HeatGrid grid)
    {
        if (MapStyles.Heat.Length != HeatDensity.ClassBreaks.Count)
            throw new InvalidOperationException("MapStyles.Heat needs one colour per HeatDensity class.");
        var size = grid.SizePixels;
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var pixels = bitmap.GetPixelSpan();
        if (!grid.IsEmpty)
        {
            for (var row = 0; row < size; row++)
            {
                for (var column = 0; column < size; column++)
                {
                    var cls = HeatDensity.ClassOf(grid.AtPixel(column, row));
                    var at = ((row * size) + column) * 4;
                    if (cls < 0)
                    {
                        pixels.Slice(at, 4).Clear();
                        continue;
                    }
                    var c = MapStyles.Heat[cls];
                    (pixels[at], pixels[at + 1], pixels[at + 2], pixels[at + 3]) = (c.R, c.G, c.B, 255);
                }
            }
        }
        else
        {
            pixels.Clear();
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
