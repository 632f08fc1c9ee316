namespace Gis.Core.Targets;

/// <summary>Whether a district reached its hotspot-reduction target.</summary>
public enum TargetStatus
{
    Met,
    NotMet,

    /// <summary>The baseline is zero: no change % exists, so no verdict (never a division by zero).</summary>
    NoBaseline,

    /// <summary>
    /// The store does not cover every day of the period or of the baseline: counts of unlike spans are not compared, so
    /// no verdict (docs/targets.md, ADR 0015).
    /// </summary>
    Incomplete,
}

/// <summary>The reduction arithmetic of the plan: change % against a baseline and the verdict against a target.</summary>
public static class Reduction
{
    /// <summary>The plan's provincial target: hotspots down 5 %.</summary>
    public const double DefaultTargetPercent = -5;

    /// <summary>(current - baseline) / baseline x 100; null when the baseline is zero.</summary>
    public static double? ChangePercent(double current, double baseline) =>
        baseline == 0 ? null : (current - baseline) / baseline * 100;

    /// <summary>Met when change % is at or below the target (a target of -5 asks for at least 5 % fewer).</summary>
    public static TargetStatus Status(double? changePercent, double targetPercent) => changePercent switch
    {
        null => TargetStatus.NoBaseline,
        var c when c <= targetPercent + 1e-9 => TargetStatus.Met,
        _ => TargetStatus.NotMet,
    };

    /// <summary>The code printed and stored: <c>met</c>, <c>not-met</c>, <c>no-baseline</c>, <c>incomplete</c>.</summary>
    public static string Code(TargetStatus status) => status switch
    {
        TargetStatus.Met => "met",
        TargetStatus.NotMet => "not-met",
        TargetStatus.Incomplete => "incomplete",
        _ => "no-baseline",
    };
}
