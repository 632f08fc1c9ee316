using System.Globalization;

namespace Gis.Cli.Output;

/// <summary>Numbers for people: thousands separators, invariant culture (th-TH would not change digits, but stays out).</summary>
internal static class Numbers
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Plain(long value) => value.ToString(CultureInfo.InvariantCulture);
}
