using System.Diagnostics.CodeAnalysis;

namespace Gis.Core.Hotspots;

/// <summary>The satellites FIRMS reports active fires from.</summary>
public enum Satellite
{
    SuomiNpp,
    Noaa20,
    Noaa21,
    Terra,
    Aqua,
}

/// <summary>FIRMS spellings of <see cref="Satellite"/> and the instrument each carries.</summary>
public static class Satellites
{
    /// <summary>The code stored and printed: FIRMS' own VIIRS codes, MODIS platform names.</summary>
    public static string Code(Satellite satellite) => satellite switch
    {
        Satellite.SuomiNpp => "N",
        Satellite.Noaa20 => "N20",
        Satellite.Noaa21 => "N21",
        Satellite.Terra => "Terra",
        Satellite.Aqua => "Aqua",
        _ => throw new ArgumentOutOfRangeException(nameof(satellite)),
    };

    /// <summary>VIIRS (375 m) or MODIS (1 km).</summary>
    public static string Instrument(Satellite satellite) =>
        satellite is Satellite.Terra or Satellite.Aqua ? "MODIS" : "VIIRS";

    /// <summary>
    /// Reads the FIRMS <c>satellite</c> column. NOAA-20 files write <c>N20</c> or, in older archives, <c>1</c>;
    /// NOAA-21 <c>N21</c> (<c>2</c> in some archives); S-NPP <c>N</c>; MODIS <c>Terra</c>/<c>Aqua</c> or <c>T</c>/<c>A</c>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out Satellite? satellite)
    {
        satellite = text.Trim() switch
        {
            "N" or "NPP" or "SNPP" or "S-NPP" or "Suomi NPP" => Satellite.SuomiNpp,
            "N20" or "1" or "NOAA-20" or "NOAA20" or "J1" => Satellite.Noaa20,
            "N21" or "2" or "NOAA-21" or "NOAA21" or "J2" => Satellite.Noaa21,
            "Terra" or "T" or "TERRA" => Satellite.Terra,
            "Aqua" or "A" or "AQUA" => Satellite.Aqua,
            _ => null,
        };
        return satellite is not null;
    }
}
