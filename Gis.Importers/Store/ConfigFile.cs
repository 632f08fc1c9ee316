using System.Text.Json;

namespace Gis.Importers.Store;

/// <summary>
/// <c>$GIS_HOME/config.json</c>: settings and secrets (FIRMS map key, SMTP password, webhook token) that are kept out of
/// the process list and the shell history. Read only when it is private to its owner (mode 600 or stricter).
/// </summary>
public static class ConfigFile
{
    /// <summary>The file's path under <paramref name="gisHome"/> (default <see cref="ManagedCluster.DefaultGisHome"/>).</summary>
    public static string PathOf(string? gisHome = null) => Path.Combine(gisHome ?? ManagedCluster.DefaultGisHome(), "config.json");

    /// <summary>
    /// The string value of <paramref name="key"/> in the file, or null when the file or the key is missing.
    /// Throws <see cref="FormatException"/> when the file is not a JSON object or group or others may read or write it;
    /// the message never repeats the file's text (it holds secrets).
    /// </summary>
    public static string? Value(string key, string? path = null)
    {
        path ??= PathOf();
        if (!File.Exists(path))
            return null;
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & Others) != 0)
            {
                throw new FormatException($"{path}: mode {Convert.ToString((int)mode, 8)} lets other users read the secrets in it; " +
                    $"run 'chmod 600 {path}'.");
            }
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new FormatException($"{path}: expected a JSON object {{\"name\": \"value\", ...}}.");
            return document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
                && value.GetString() is { Length: > 0 } text ? text.Trim() : null;
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not valid JSON (line {e.LineNumber + 1}).", e);
        }
    }
}
