using SkiaSharp;

namespace Gis.Rendering.Maps;

/// <summary>
/// The typefaces a map uses: one for Thai script and one for everything else, because Noto Sans Thai carries no
/// Latin letters or digits while the Latin fonts carry no Thai. Dispose to release them.
/// </summary>
public sealed class MapFonts(SKTypeface thai, SKTypeface thaiBold, SKTypeface latin, SKTypeface latinBold) : IDisposable
{
    /// <summary>Thai script, regular.</summary>
    public SKTypeface Thai { get; } = thai;

    /// <summary>Thai script, bold (the regular face when no bold file exists).</summary>
    public SKTypeface ThaiBold { get; } = thaiBold;

    /// <summary>Latin letters, digits and punctuation, regular.</summary>
    public SKTypeface Latin { get; } = latin;

    /// <summary>Latin, bold.</summary>
    public SKTypeface LatinBold { get; } = latinBold;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var face in new[] { Thai, ThaiBold, Latin, LatinBold }.Distinct())
            face.Dispose();
    }
}

/// <summary>
/// Finds Thai and Latin fonts on the machine by file name in the usual font folders (Debian's fonts-noto-core and
/// fonts-thai-tlwg, /usr/local/share/fonts, ~/.fonts, ~/.local/share/fonts). File names rather than fontconfig
/// queries, because fontconfig happily substitutes a font without Thai glyphs and the map would show boxes.
/// </summary>
public static class FontLocator
{
    /// <summary>Font folders searched (recursively), in order.</summary>
    public static IReadOnlyList<string> Folders { get; } =
    [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fonts"),
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "fonts"),
    ];

    // Noto Sans Thai first: designed for screen and small sizes, which map labels are; Sarabun is the official
    // document face and a fine second; TLWG Loma/Garuda (Debian fonts-thai-tlwg) as the last resort.
    private static readonly (string Regular, string Bold)[] ThaiFiles =
    [
        ("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
        ("NotoSansThaiUI-Regular.ttf", "NotoSansThaiUI-Bold.ttf"),
        ("THSarabunNew.ttf", "THSarabunNew Bold.ttf"),
        ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf"),
        ("Loma.ttf", "Loma-Bold.ttf"),
        ("Garuda.ttf", "Garuda-Bold.ttf"),
    ];

    private static readonly (string Regular, string Bold)[] LatinFiles =
    [
        ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
        ("Loma.ttf", "Loma-Bold.ttf"),
    ];

    /// <summary>Loads the first Thai and Latin fonts found. Cost: one directory walk of the font folders.</summary>
    /// <exception cref="FileNotFoundException">No Thai (or Latin) font: the message names the Debian packages to install.</exception>
    public static MapFonts Locate()
    {
        var files = Folders.Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*.*",
                new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key!, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var thai = Find(files, ThaiFiles)
            ?? throw new FileNotFoundException(
                "No Thai font found (looked for Noto Sans Thai, TH Sarabun, Loma, Garuda under " + string.Join(", ", Folders)
                + "). Install one: sudo apt-get install fonts-noto-core (or fonts-thai-tlwg).");
        var latin = Find(files, LatinFiles)
            ?? throw new FileNotFoundException("No Latin font found (Noto Sans, DejaVu Sans, Liberation Sans). "
                + "Install one: sudo apt-get install fonts-noto-core.");
        return new MapFonts(Load(thai.Regular), Load(thai.Bold), Load(latin.Regular), Load(latin.Bold));
    }

    private static (string Regular, string Bold)? Find(Dictionary<string, string> files, (string Regular, string Bold)[] wanted)
    {
        foreach (var (regular, bold) in wanted)
        {
            if (files.TryGetValue(regular, out var r))
                return (r, files.GetValueOrDefault(bold, r));
        }
        return null;
    }

    private static SKTypeface Load(string path) =>
        SKTypeface.FromFile(path) ?? throw new FileNotFoundException($"The font {path} cannot be read.", path);
}
