namespace Gis.TestSupport;

/// <summary>A clock stopped at one instant, for checks that depend on today's date ("not after tomorrow").</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>5 December 2026, 03:00 UTC: tomorrow is 6 December.</summary>
    public static readonly FixedClock December5 = new(new DateTimeOffset(2026, 12, 5, 3, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
