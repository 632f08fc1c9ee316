using System.CommandLine;

namespace Gis.Cli.Options;

/// <summary>
/// The options of the import commands: how a file is read (<c>--srid</c>, <c>--encoding</c>, <c>--layer</c> for
/// GeoJSON/Shapefile/GeoPackage layers) and whether one unreadable line refuses it (<c>--strict</c>).
/// </summary>
internal static class ImportOptions
{
    public static Option<int?> Srid() =>
        new("--srid") { Description = "CRS of the coordinates: 4326, 32647 or 24047; overrides the CRS the file names" };

    /// <summary><c>--encoding</c>, no default.</summary>
    /// <param name="files">The files whose text it decodes.</param>
    /// <param name="otherwise">What decides the encoding when it is not given.</param>
    public static Option<string?> Encoding(string files = "a Shapefile's .dbf", string otherwise = "the .cpg") =>
        new("--encoding") { Description = $"Text encoding of {files} (e.g. TIS-620, 874, UTF-8); default: {otherwise}" };

    public static Option<string?> Layer() => new("--layer") { Description = "GeoPackage layer (default: the first)" };

    /// <summary><c>--strict</c>.</summary>
    /// <param name="unit">What the file is made of ("line", "record").</param>
    public static Option<bool> Strict(string unit) =>
        new("--strict") { Description = "Store nothing from a file that has any unreadable " + unit };
}
