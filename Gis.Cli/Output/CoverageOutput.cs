using System.Globalization;
using Gis.Core.Hotspots;

namespace Gis.Cli.Output;

/// <summary>Coverage (ADR 0015) as the JSON of every table writes it, and as a line of text.</summary>
internal static class CoverageOutput
{
    /// <summary><c>{"days_with_data", "days", "first", "last", "gaps"}</c>; null when not known.</summary>
    public static object? Json(Coverage? coverage) => coverage is null ? null : new
    {
        coverage.DaysWithData,
        coverage.Days,
        First = Day(coverage.First),
        Last = Day(coverage.Last),
        Complete = coverage.IsComplete,
        Gaps = coverage.Gaps.Select(g => new { From = Day(g.From), To = Day(g.To) }),
    };

    /// <summary>The <c>"coverage"</c> member: <c>{"period": ..., "baseline": ...}</c>.</summary>
    public static object Pair(Coverage? period, Coverage? baseline) => new { Period = Json(period), Baseline = Json(baseline) };

    /// <summary>A day as JSON and CSV write it (yyyy-MM-dd), or null.</summary>
    public static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The gaps as text: <c>2026-04-03..2026-04-05, 2026-04-11</c>; "none" when complete.</summary>
    public static string Gaps(Coverage coverage) => coverage.Gaps.Count == 0 ? "none"
        : string.Join(", ", coverage.Gaps.Select(g => g.From == g.To ? Day(g.From) : $"{Day(g.From)}..{Day(g.To)}"));
}
