using System.Globalization;

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
    IReadOnlyList<int>? Types = null)
{
    /// <summary>The instruments a filter can name; <c>all</c> stands for both.</summary>
    public static readonly IReadOnlyList<string> InstrumentNames = ["VIIRS", "MODIS"];

    private const string SatelliteNames = "N (S-NPP), N20 (NOAA-20), N21 (NOAA-21), Terra, Aqua";

    /// <summary>
    /// The one reading of a filter as users write it (command line, workstation): every value checked against the valid
    /// ones, spellings normalised (<c>terra</c> -> <c>Terra</c>, <c>high</c> -> <c>h</c>). A satellite implies its
    /// instrument (Terra/Aqua: MODIS; N, N20, N21: VIIRS); without instrument or satellites the series is VIIRS.
    /// </summary>
    /// <param name="instrument">VIIRS, MODIS or all; null: from the satellites, else VIIRS.</param>
    /// <param name="satellites">Comma-separated satellite codes, or null.</param>
    /// <param name="confidences">Comma-separated confidence classes (l, n, h), or null.</param>
    /// <param name="dayNight">D or N, or null.</param>
    /// <param name="types">Comma-separated FIRMS types (0-3), or null.</param>
    /// <exception cref="FormatException">A value is not valid; the message names it and the valid values.</exception>
    public static HotspotFilter Parse(string? instrument, string? satellites = null, string? confidences = null,
        string? dayNight = null, string? types = null)
    {
        var satelliteList = Split(satellites)?.Select(ParseSatellite).Distinct().ToList();
        var implied = satelliteList?.Select(Hotspots.Satellites.Instrument).Distinct().ToList();
        string? series = instrument?.Trim().ToUpperInvariant() switch
        {
            null or "" => implied is [var only] ? only
                : implied is { Count: > 1 } ? throw new FormatException(
                    $"satellites {satellites} mix VIIRS and MODIS, which are not counted together; choose one series.")
                : "VIIRS",
            "ALL" => null,
            "VIIRS" => "VIIRS",
            "MODIS" => "MODIS",
            _ => throw new FormatException($"instrument '{instrument}' is not known; valid: VIIRS, MODIS, all."),
        };
        if (series is not null && implied?.FirstOrDefault(i => i != series) is not null)
        {
            throw new FormatException($"satellites {satellites} are not {series} satellites (Terra and Aqua carry MODIS; "
                + "N, N20, N21 VIIRS).");
        }
        var confidenceList = Split(confidences)?.Select(c => Hotspots.Confidences.TryParseClass(c) is { } parsed
            ? Hotspots.Confidences.Code(parsed).ToString()
            : throw new FormatException($"confidence '{c}' is not known; valid: l (low), n (nominal), h (high).")).Distinct().ToList();
        var dayNightCode = dayNight?.Trim().ToUpperInvariant() switch
        {
            null or "" => null,
            "D" or "DAY" => "D",
            "N" or "NIGHT" => "N",
            _ => throw new FormatException($"day/night '{dayNight}' is not known; valid: D (day), N (night)."),
        };
        var typeList = Split(types)?.Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var type) && type <= 3
            ? type
            : throw new FormatException($"FIRMS type '{t}' is not known; valid: 0 (vegetation fire), 1 (volcano), "
                + "2 (static land source), 3 (offshore).")).Distinct().ToList();
        return new HotspotFilter(series, satelliteList?.Select(Hotspots.Satellites.Code).ToList(), confidenceList, dayNightCode,
            typeList);
    }

    /// <summary>The series as text: "VIIRS", "MODIS Terra", "VIIRS and MODIS".</summary>
    public string SeriesText => (Instrument ?? "VIIRS and MODIS") + (Satellites is { Count: > 0 } only ? " " + string.Join(",", only) : "");

    // Users type terra or n20 as readily as FIRMS' own spelling.
    private static Satellite ParseSatellite(string text) =>
        Hotspots.Satellites.TryParse(text, out var satellite) ? satellite.Value
        : Enum.GetValues<Satellite>().Where(v => Hotspots.Satellites.Code(v).Equals(text, StringComparison.OrdinalIgnoreCase))
              .Cast<Satellite?>().FirstOrDefault()
          ?? throw new FormatException($"satellite '{text}' is not known; valid: {SatelliteNames}.");

    private static List<string>? Split(string? commaSeparated) =>
        commaSeparated?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } parts
            ? [.. parts]
            : null;
}
