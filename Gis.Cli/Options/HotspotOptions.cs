using System.CommandLine;
using Gis.Core.Hotspots;

namespace Gis.Cli.Options;

/// <summary>
/// The hotspot series shared by <c>gis targets hotspots</c>, <c>gis map</c> and <c>gis report</c>: <c>--instrument</c>
/// and <c>--satellite</c>, read and checked in one place (<see cref="HotspotFilter.Parse"/>).
/// </summary>
internal sealed class HotspotOptions
{
    /// <summary><c>--instrument</c>, no default: the series of <c>--satellite</c>, else VIIRS.</summary>
    public Option<string?> Instrument { get; } = new("--instrument")
    {
        Description = "VIIRS, MODIS or all (the two series are not mixed by default); default: the series of --satellite, else VIIRS",
    };

    /// <summary><c>--satellite</c>, comma-separated, no default (all satellites of the series).</summary>
    public Option<string?> Satellite { get; } = new("--satellite")
    {
        Description = "Only these satellites, comma-separated: N (S-NPP), N20, N21 (VIIRS), Terra, Aqua (MODIS)",
    };

    public IEnumerable<Option> All => [Instrument, Satellite];

    /// <summary>The filter of these two options and, where the command has them, the other filter options.</summary>
    /// <exception cref="FormatException">A value is not valid (exit 2); the message names the valid ones.</exception>
    public HotspotFilter Filter(ParseResult parse, string? confidences = null, string? dayNight = null, string? types = null) =>
        HotspotFilter.Parse(parse.GetValue(Instrument), parse.GetValue(Satellite), confidences, dayNight, types);
}
