using System.Globalization;

namespace Gis.Core.Targets;

/// <summary>
/// Per-district targets and caps: a default target for all, overridden per code (a district, or the province
/// code for the total row). Read from options (<c>5003=-10</c>) or a CSV file <c>code,target_pct,cap</c>.
/// </summary>
public sealed class TargetSettings(double defaultTargetPercent = Reduction.DefaultTargetPercent)
{
    private readonly Dictionary<string, double> _targets = [];
    private readonly Dictionary<string, double> _caps = [];

    public double TargetFor(string code) => _targets.GetValueOrDefault(code, defaultTargetPercent);

    public double? CapFor(string code) => _caps.TryGetValue(code, out var cap) ? cap : null;

    public void SetTarget(string code, double percent) => _targets[code] = percent;

    public void SetCap(string code, double cap) => _caps[code] = cap > 0 ? cap : throw new FormatException(CapNotPositive(code, cap));

    private static string CapNotPositive(string code, double cap) =>
        string.Create(CultureInfo.InvariantCulture, $"cap {cap} for {code}: a cap must be more than zero.");

    /// <summary>Reads <c>CODE=VALUE</c> (for options such as <c>--district-target 5003=-10</c>).</summary>
    public static (string Code, double Value) ParsePair(string text)
    {
        var parts = text.Split('=');
        if (parts.Length == 2 && Admin.DopaCode.TryNormalize(parts[0], out var code)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            return (code, value);
        throw new FormatException($"'{text}' is not CODE=NUMBER (e.g. 5003=-10).");
    }

    /// <summary>
    /// Adds targets and caps from a CSV file with a header <c>code,target_pct,cap</c> (either value may be blank).
    /// </summary>
    /// <exception cref="FormatException">A line cannot be read; the message names file and line.</exception>
    public void LoadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !lines[0].Replace(" ", "", StringComparison.Ordinal).StartsWith("code,target_pct",
            StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"{path}: line 1: expected the header code,target_pct,cap.");
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
                continue;
            var f = lines[i].Split(',').Select(x => x.Trim()).ToArray();
            if (!Admin.DopaCode.TryNormalize(f[0], out var code))
                throw new FormatException($"{path}: line {i + 1}: '{f[0]}' is not a DOPA code.");
            if (f.Length > 1 && f[1].Length > 0)
                SetTarget(code, Number(f[1], i + 1, "target_pct"));
            if (f.Length > 2 && f[2].Length > 0)
            {
                var cap = Number(f[2], i + 1, "cap");
                SetCap(code, cap > 0 ? cap : throw new FormatException($"{path}: line {i + 1}: {CapNotPositive(code, cap)}"));
            }
        }

        double Number(string text, int line, string column) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                ? v
                : throw new FormatException($"{path}: line {line}: {column} '{text}' is not a number.");
    }
}
