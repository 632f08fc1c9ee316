using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Gis.Cli.Options;
using Gis.Importers.Store;
using Gis.Rendering.Maps;

namespace Gis.Cli.Commands;

/// <summary>
/// One run of a drawing command (map, report): the fonts, found before any database work so that a missing Thai font
/// stops the command first, and a clock that tells users (and the benchmark) where the time went. Dispose to
/// release the fonts.
/// </summary>
internal sealed class RenderRun : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _loaded;

    private RenderRun() => Fonts = FontLocator.Locate();

    public MapFonts Fonts { get; }

    /// <summary>Locates the fonts, then loads the model and closes the store before drawing starts.</summary>
    public static async Task<(RenderRun Run, T Model)> LoadAsync<T>(ParseResult parse, Func<GisStore, Task<T>> load, CancellationToken ct)
    {
        var run = new RenderRun();
        try
        {
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var model = await load(store);
            run._loaded = run._clock.Elapsed;
            return (run, model);
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    /// <summary>" in 1.23 s (fonts and data 0.45 s, drawing 0.78 s)".</summary>
    public string Timing() => string.Create(CultureInfo.InvariantCulture,
        $" in {_clock.Elapsed.TotalSeconds:0.00} s (fonts and data {_loaded.TotalSeconds:0.00} s, " +
        $"drawing {(_clock.Elapsed - _loaded).TotalSeconds:0.00} s)");

    public void Dispose() => Fonts.Dispose();
}
