using System.CommandLine;
using Gis.Desktop.Maps;
using Gis.Importers.Store;

namespace Gis.Cli.Commands;

/// <summary>What the drawing commands (map, report) need before they draw: the fonts, then the model from the store.</summary>
internal static class RenderInputs
{
    /// <summary>
    /// Locates the fonts first, so a missing Thai font stops the command before any database work, then loads the
    /// model and closes the store before drawing starts. The caller disposes the fonts.
    /// </summary>
    public static async Task<(MapFonts Fonts, T Model)> LoadAsync<T>(ParseResult parse, Func<GisStore, Task<T>> load, CancellationToken ct)
    {
        var fonts = FontLocator.Locate();
        try
        {
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            return (fonts, await load(store));
        }
        catch
        {
            fonts.Dispose();
            throw;
        }
    }
}
