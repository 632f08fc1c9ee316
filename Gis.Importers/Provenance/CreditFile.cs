namespace Gis.Importers.Provenance;

/// <summary>
/// A <c>credit.txt</c> beside data files: whom maps and reports credit for every file in that folder (ADR 0017).
/// </summary>
/// <remarks>
/// Files that imitate a real layout byte for byte (the synthetic sample data has HDX field names, FIRMS columns and
/// LDD codes) cannot say what they are by their content; the folder can. The sidecar wins over what the data says and
/// loses to <c>--credit</c>: the person importing knows best. Lines starting with <c>#</c> are comments.
/// </remarks>
public static class CreditFile
{
    /// <summary>The sidecar's file name.</summary>
    public const string Name = "credit.txt";

    /// <summary>The credit of the folder holding <paramref name="dataPath"/>; null when it has no <c>credit.txt</c>.</summary>
    /// <exception cref="FormatException">The sidecar names nobody: a map would credit no one.</exception>
    public static string? Beside(string dataPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataPath))!;
        var sidecar = Path.Combine(folder, Name);
        if (!File.Exists(sidecar))
            return null;
        return File.ReadLines(sidecar)
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.Length > 0 && !line.StartsWith('#'))
            ?? throw new FormatException($"{sidecar}: names no source; write the credit on its first line, or remove the file.");
    }
}
