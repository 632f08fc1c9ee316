using System.CommandLine;

namespace Gis.Cli.Options;

/// <summary>The hotspot filter shared by <c>gis targets hotspots</c> and <c>gis report</c>: <c>--satellite</c>.</summary>
internal static class HotspotOptions
{
    /// <summary><c>--satellite</c>, comma-separated, no default (all satellites of the series).</summary>
    /// <param name="viirsOnly">The command counts VIIRS only, so the MODIS satellites are not offered.</param>
    public static Option<string?> Satellite(bool viirsOnly = false) => new("--satellite")
    {
        Description = viirsOnly
            ? "Only these VIIRS satellites, comma-separated: N (S-NPP), N20, N21"
            : "Only these satellites, comma-separated: N (S-NPP), N20, N21, Terra, Aqua",
    };
}
