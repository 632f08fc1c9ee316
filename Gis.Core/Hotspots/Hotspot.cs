using Gis.Core.Time;

namespace Gis.Core.Hotspots;

/// <summary>
/// One satellite fire detection as FIRMS delivers it. Identity (what makes two deliveries the same detection):
/// satellite, acquisition time, latitude and longitude.
/// </summary>
/// <param name="AcquiredUtc">Acquisition time, UTC, to the minute (FIRMS <c>acq_date</c> + <c>acq_time</c>).</param>
/// <param name="Longitude">Degrees east, WGS 84.</param>
/// <param name="Latitude">Degrees north, WGS 84.</param>
/// <param name="ConfidencePercent">MODIS only: the 0-100 confidence FIRMS reports; null for VIIRS.</param>
/// <param name="BrightnessK">Brightness temperature of the fire channel in kelvin (VIIRS I-4, MODIS 21/22).</param>
/// <param name="BrightnessSecondaryK">Brightness temperature of the background channel in kelvin (VIIRS I-5, MODIS 31).</param>
/// <param name="ScanKm">Along-scan pixel size in km.</param>
/// <param name="TrackKm">Along-track pixel size in km.</param>
/// <param name="FrpMw">Fire radiative power in megawatts.</param>
/// <param name="IsDay">FIRMS <c>daynight</c> = D.</param>
/// <param name="Version">Collection and processing, e.g. <c>2.0NRT</c>, <c>6.1</c>.</param>
/// <param name="Type">Inferred hot spot type (0 vegetation, 1 volcano, 2 static land source, 3 offshore); archive files only.</param>
public sealed record Hotspot(
    Satellite Satellite,
    DateTime AcquiredUtc,
    double Longitude,
    double Latitude,
    Confidence Confidence,
    int? ConfidencePercent,
    double? BrightnessK,
    double? BrightnessSecondaryK,
    double? ScanKm,
    double? TrackKm,
    double? FrpMw,
    bool IsDay,
    string Version,
    int? Type)
{
    /// <summary>The Asia/Bangkok day the detection is reported under.</summary>
    public DateOnly LocalDay => Bangkok.LocalDay(AcquiredUtc);

    /// <summary>Near-real-time data (an NRT version of <see cref="FirmsVersions"/>), later replaced by standard processing.</summary>
    public bool IsNearRealTime => FirmsVersions.IsNearRealTime(Version);

    public string Instrument => Satellites.Instrument(Satellite);
}
