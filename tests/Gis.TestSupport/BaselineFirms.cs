namespace Gis.TestSupport;

/// <summary>A baseline year made from real FIRMS files, for tests that need the target engine to compare two seasons.</summary>
public static class BaselineFirms
{
    /// <summary>
    /// Copies the CSV files of <paramref name="directory"/> (in name order) into a new temporary folder with every
    /// acquisition date moved to 2025 and every fourth detection (counted across the files) dropped. The caller deletes
    /// the folder.
    /// </summary>
    public static string MakeFrom(string directory)
    {
        var dir = Directory.CreateTempSubdirectory("baseline-2025-").FullName;
        var lineNumber = 0;
        foreach (var file in Directory.GetFiles(directory, "*.csv").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file);
            var date = Array.IndexOf(lines[0].Split(','), "acq_date");
            var kept = lines.Skip(1).Where(_ => ++lineNumber % 4 != 0).Select(l =>
            {
                var f = l.Split(',');
                f[date] = "2025" + f[date][4..];
                return string.Join(',', f);
            });
            File.WriteAllLines(Path.Combine(dir, Path.GetFileName(file)), [lines[0], .. kept]);
        }
        return dir;
    }
}
