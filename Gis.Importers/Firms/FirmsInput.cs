using System.IO.Compression;
using Gis.Importers.Provenance;

namespace Gis.Importers.Firms;

/// <summary>One FIRMS CSV to import: a file on disk or an entry of a <c>.zip</c> archive.</summary>
/// <param name="Name">The name used in messages and batch records: the path, or <c>archive.zip!entry.csv</c>.</param>
/// <param name="Length">Uncompressed size in bytes, for progress.</param>
/// <param name="Open">Opens the bytes for reading; the caller disposes the stream.</param>
public sealed record FirmsInput(string Name, long Length, Func<Stream> Open)
{
    /// <summary>
    /// What the input is known to cover, when it is a standard (archive) pull of a stated window; null for files.
    /// A covered day without detections in the area still replaces the NRT detections there (ADR 0008).
    /// </summary>
    public FirmsCoverage? Coverage { get; init; }

    /// <summary>
    /// The days the input is stated to deliver complete (<c>--covers</c>, or a pull's window inside the product's
    /// archive); null: only the span of its detections counts as covered (ADR 0015).
    /// </summary>
    public CoverageClaim? Covers { get; init; }

    /// <summary>
    /// The source to credit for the input's detections (<c>--credit</c>, else the <see cref="CreditFile"/> of its
    /// folder); null: the series its rows name, e.g. "NASA FIRMS VIIRS NOAA-20 NRT (2.0NRT)" (ADR 0017).
    /// </summary>
    public string? Credit { get; init; }

    /// <summary>
    /// Turns command-line paths into inputs: a file is itself, a <c>.zip</c> is its <c>.csv</c> entries, a directory
    /// is every <c>.csv</c> and <c>.zip</c> below it, in ordinal name order so runs are repeatable.
    /// </summary>
    /// <remarks>
    /// A path that does not exist, a damaged zip, or a zip without a <c>.csv</c> becomes an input that is refused
    /// when opened (<see cref="FirmsFormatException"/> naming it and why), in its place in the run: the other files
    /// are still imported, and the run reports the refusal with the rest.
    /// </remarks>
    public static IReadOnlyList<FirmsInput> Expand(IEnumerable<string> paths)
    {
        var inputs = new List<FirmsInput>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => HasExtension(f, ".csv") || HasExtension(f, ".zip"))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                    AddFile(file, inputs);
            }
            else if (File.Exists(path))
            {
                AddFile(path, inputs);
            }
            else
            {
                inputs.Add(Refused(path, "no such file or directory."));
            }
        }
        return inputs;
    }

    private static void AddFile(string path, List<FirmsInput> inputs)
    {
        if (!HasExtension(path, ".zip"))
        {
            inputs.Add(new FirmsInput(path, new FileInfo(path).Length, () => OpenFile(path)) { Credit = CreditFile.Beside(path) });
            return;
        }
        List<ZipArchiveEntry> entries;
        try
        {
            using var archive = ZipFile.OpenRead(path);
            entries = [.. archive.Entries];
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            inputs.Add(Refused(path, $"not a readable zip archive: {e.Message}"));
            return;
        }
        var csvs = entries.Where(e => HasExtension(e.FullName, ".csv")).OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();
        if (csvs.Count == 0)
        {
            var names = entries.Count == 0 ? "it is empty" : "it holds " + string.Join(", ", entries.Take(5).Select(e => e.FullName))
                + (entries.Count > 5 ? $" and {entries.Count - 5} more" : "");
            inputs.Add(Refused(path, $"no .csv inside ({names})."));
        }
        var credit = CreditFile.Beside(path);
        foreach (var entry in csvs)
        {
            var (name, entryName) = ($"{path}!{entry.FullName}", entry.FullName);
            inputs.Add(new FirmsInput(name, entry.Length, () => ZipEntryStream.Open(path, entryName, name)) { Credit = credit });
        }
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FirmsFormatException($"{path}: cannot be read: {e.Message}", e);
        }
    }

    /// <summary>An input standing for a path that cannot be imported: opening it throws, naming it and why.</summary>
    private static FirmsInput Refused(string name, string reason) =>
        new(name, 0, () => throw new FirmsFormatException($"{name}: {reason}"));

    private static bool HasExtension(string path, string extension) => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The UTC days, area and satellites a standard FIRMS pull answered for, detections or not.</summary>
/// <param name="From">First UTC day asked for.</param>
/// <param name="To">Last UTC day asked for.</param>
/// <param name="Satellites">Satellite codes of the source (<c>N20</c> for VIIRS_NOAA20_SP; <c>Terra</c>, <c>Aqua</c> for MODIS_SP).</param>
public sealed record FirmsCoverage(DateOnly From, DateOnly To, BoundingBox Area, IReadOnlyList<string> Satellites);
