using System.CommandLine;

namespace Gis.Cli.Options;

/// <summary>
/// The green target's options: the two land-use snapshots <c>gis map</c> and <c>gis report</c> compare (<c>gis targets
/// green</c> calls them <c>--from</c> and <c>--to</c>), and <c>--year</c>: the year of the allocation and the green
/// projects shown (those three commands), or the year <c>gis allocate</c> splits the target of.
/// </summary>
internal static class GreenOptions
{
    /// <summary><c>--green-from</c>, no default.</summary>
    /// <param name="onlyWith">The option value it applies to (e.g. "--theme green"), null when always.</param>
    /// <param name="withoutIt">What the command does when it is left out, null to say nothing.</param>
    public static Option<int?> From(string? onlyWith = null, string? withoutIt = null) => new("--green-from")
    {
        Description = Describe("Earlier land-use snapshot (BE) of the green target", onlyWith)
            + (withoutIt is null ? "" : "; without it " + withoutIt),
    };

    /// <summary><c>--green-to</c>, no default.</summary>
    /// <param name="onlyWith">The option value it applies to (e.g. "--theme green"), null when always.</param>
    public static Option<int?> To(string? onlyWith = null) => new("--green-to")
    {
        Description = Describe("Later land-use snapshot (BE) of the green target", onlyWith),
    };

    /// <summary><c>--year</c>; when not given, commands take the later snapshot's year.</summary>
    /// <param name="laterSnapshot">The command's option for the later snapshot, whose year is the default.</param>
    /// <param name="onlyWith">The option value it applies to (e.g. "--theme green"), null when always.</param>
    public static Option<int?> Year(string laterSnapshot, string? onlyWith = null) => new("--year")
    {
        Description = Describe("Year (BE) of the allocation and the green projects", onlyWith) + $" (default: {laterSnapshot})",
    };

    /// <summary><c>--year</c> of <c>gis allocate</c>: required, and CE with <c>--ce</c>.</summary>
    public static Option<int> AllocationYear() => new("--year")
    {
        Description = "The target's year (Buddhist Era, e.g. 2569; CE with --ce)",
        Required = true,
    };

    private static string Describe(string text, string? onlyWith) => onlyWith is null ? text : $"{text}, for {onlyWith}";
}
