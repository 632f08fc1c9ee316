using System.Globalization;
using Gis.Core.Periods;

namespace Gis.Core.Targets;

/// <summary>
/// What a period's hotspot count is compared with: the previous period, the mean of the N previous periods, or a
/// fixed period (<c>previous</c>, <c>mean:3</c>, <c>season:2566</c>).
/// </summary>
public abstract record Baseline
{
    /// <summary>The periods whose counts make the baseline of <paramref name="current"/>.</summary>
    public abstract IReadOnlyList<Period> PeriodsFor(Period current);

    /// <summary>The name printed and stored, e.g. <c>season:2568</c> or <c>mean:3 (season:2566..season:2568)</c>.</summary>
    public string LabelFor(Period current)
    {
        var periods = PeriodsFor(current);
        return periods.Count == 1 ? periods[0].Label
            : string.Create(CultureInfo.InvariantCulture, $"mean:{periods.Count} ({periods[^1].Label}..{periods[0].Label})");
    }

    /// <summary>The baseline count from the counts of <see cref="PeriodsFor"/>, in that order (a mean may be fractional).</summary>
    public static double Combine(IReadOnlyList<long> counts) => counts.Count == 0 ? 0 : counts.Average();

    /// <summary>Reads <c>previous</c>, <c>mean:N</c> or a period (see <see cref="Period.Parse"/>).</summary>
    public static Baseline Parse(string text, bool ce = false, int seasonEndMonth = Period.DefaultSeasonEndMonth)
    {
        var t = text.Trim();
        if (t.Equals("previous", StringComparison.OrdinalIgnoreCase))
            return new PreviousBaseline(1);
        if (t.StartsWith("mean:", StringComparison.OrdinalIgnoreCase))
        {
            return int.TryParse(t[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 30
                ? new PreviousBaseline(n)
                : throw new FormatException($"'{text}': mean:N takes N from 1 to 30 previous periods.");
        }
        return new FixedBaseline(Period.Parse(t, ce, seasonEndMonth));
    }
}

/// <summary>The mean of the <paramref name="Count"/> periods before the current one (1 = the previous period).</summary>
public sealed record PreviousBaseline(int Count) : Baseline
{
    public override IReadOnlyList<Period> PeriodsFor(Period current) =>
        Enumerable.Range(1, Count).Select(current.Previous).ToList();
}

/// <summary>A fixed reference period, e.g. the 2566 season.</summary>
public sealed record FixedBaseline(Period Period) : Baseline
{
    public override IReadOnlyList<Period> PeriodsFor(Period current) => [Period];
}
