using System.CommandLine;
using Gis.Core.Targets;

namespace Gis.Cli.Options;

/// <summary>
/// The hotspot-reduction targets as <c>gis targets hotspots</c>, <c>gis map</c> and <c>gis report</c> all take them,
/// so a map or a report of the same options judges every district exactly as the targets table does.
/// </summary>
internal sealed class TargetOptions
{
    public Option<double> Target { get; } = new("--target")
    {
        Description = "Target change % for every district (the plan: -5)",
        DefaultValueFactory = _ => Reduction.DefaultTargetPercent,
    };

    public Option<string[]> DistrictTarget { get; } = new("--district-target")
    {
        Description = "A district's own target, CODE=PCT (repeatable), e.g. 5003=-10",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> Cap { get; } = new("--cap")
    {
        Description = "A cap (most hotspots allowed in the period), CODE=N (repeatable; the province code for the total)",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string?> File { get; } = new("--targets")
    {
        Description = "CSV file code,target_pct,cap with per-district targets and caps",
    };

    public IEnumerable<Option> All => [Target, DistrictTarget, Cap, File];

    /// <summary>The settings the options give: the file first, then single targets and caps over it.</summary>
    public TargetSettings Settings(ParseResult parse)
    {
        var settings = new TargetSettings(parse.GetValue(Target));
        if (parse.GetValue(File) is { } file)
            settings.LoadCsv(file);
        foreach (var (code, value) in (parse.GetValue(DistrictTarget) ?? []).Select(TargetSettings.ParsePair))
            settings.SetTarget(code, value);
        foreach (var (code, value) in (parse.GetValue(Cap) ?? []).Select(TargetSettings.ParsePair))
            settings.SetCap(code, value);
        return settings;
    }
}
