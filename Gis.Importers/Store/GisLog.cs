using System.Globalization;

namespace Gis.Importers.Store;

/// <summary>
/// The log of failures under the GIS home folder (<c>$GIS_HOME/logs/gis.log</c>): where the full exception of a
/// failure goes, so the console shows one line a user can act on and the details are still there for a report.
/// </summary>
public static class GisLog
{
    // Kept small: one older file is kept beside it when it grows past this.
    private const long MaxBytes = 1 << 20;

    /// <summary>The log file under the default GIS home.</summary>
    public static string DefaultPath => Path.Combine(ManagedCluster.DefaultGisHome(), "logs", "gis.log");

    /// <summary>
    /// Appends a dated entry: what was being done and the whole exception. Never throws: a log that cannot be written
    /// must not hide the failure it was to record.
    /// </summary>
    /// <returns>The file written, or null when it could not be written.</returns>
    public static string? Write(string what, Exception exception, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        path ??= DefaultPath;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (File.Exists(path) && new FileInfo(path).Length > MaxBytes)
                File.Move(path, path + ".1", overwrite: true);
            var entry = string.Create(CultureInfo.InvariantCulture,
                $"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z pid {Environment.ProcessId}: {what}{Environment.NewLine}")
                + exception + Environment.NewLine;
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            using var writer = new StreamWriter(file);
            writer.Write(entry);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
