using System.CommandLine;
using Gis.Importers.Provenance;

namespace Gis.Cli.Options;

/// <summary>
/// The options of the import commands: how a file is read (<c>--srid</c>, <c>--encoding</c>, <c>--layer</c> for
/// GeoJSON/Shapefile/GeoPackage layers), whether one unreadable line refuses it (<c>--strict</c>) and whom maps and
/// reports credit for it (<c>--credit</c>).
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

    /// <summary>
    /// <c>--credit</c>: overrides the source the importer reads from the data or a <c>credit.txt</c> beside it (ADR 0017);
    /// read it with <see cref="CreditOf"/>.
    /// </summary>
    /// <param name="otherwise">What is credited when it is not given.</param>
    /// <param name="besideFile">Whether a <c>credit.txt</c> beside the file is read (<see cref="CreditOf"/> with its path).</param>
    public static Option<string?> Credit(string otherwise, bool besideFile = true) => new("--credit")
    {
        Description = "Source that maps and reports credit for this data (e.g. \"synthetic sample data\"); default: " +
            (besideFile ? "the first line of a credit.txt beside the file, else " : "") + otherwise,
    };

    /// <summary>
    /// The <c>--credit</c> given, trimmed; else the <see cref="CreditFile"/> beside <paramref name="dataPath"/>; null when
    /// neither says (the importer then reads the credit from the data).
    /// </summary>
    /// <exception cref="FormatException">It is blank: a map would credit nobody.</exception>
    public static string? CreditOf(ParseResult parse, Option<string?> credit, string? dataPath = null) => parse.GetValue(credit) switch
    {
        null => dataPath is null ? null : CreditFile.Beside(dataPath),
        { } text when string.IsNullOrWhiteSpace(text) => throw new FormatException("--credit is empty: name the source of the data."),
        { } text => text.Trim(),
    };
}
