namespace Gis.Core.Hotspots;

/// <summary>
/// Which detections count. Null members do not filter. The domain default counts every confidence class and every
/// sensor of one instrument series: VIIRS and MODIS see fires at different resolutions and are not mixed in one count.
/// </summary>
/// <param name="Instrument">VIIRS or MODIS.</param>
/// <param name="Satellites">Satellite codes (N, N20, N21, Terra, Aqua).</param>
/// <param name="Confidences">Confidence codes l, n, h.</param>
/// <param name="DayNight">D or N.</param>
/// <param name="Types">FIRMS type values 0-3 (records without a type pass only when null).</param>
public sealed record HotspotFilter(
    string? Instrument = "VIIRS",
    IReadOnlyList<string>? Satellites = null,
    IReadOnlyList<string>? Confidences = null,
    string? DayNight = null,
    IReadOnlyList<int>? Types = null);
