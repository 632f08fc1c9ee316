using System.Globalization;

namespace Gis.Cli.Output;

/// <summary>Areas for people: rai with two decimals and thousands separators, invariant culture.</summary>
internal static class Areas
{
    public static string Rai(double rai) => rai.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>For CSV: no thousands separators, four decimals (0.0004 rai is under a square wah).</summary>
    public static string Plain(double rai) => Math.Round(rai, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
