namespace Gis.Core;

/// <summary>
/// The spatial reference identifiers the project uses, named once. No other file writes these numbers.
/// </summary>
public static class Srid
{
    /// <summary>WGS 84 longitude/latitude: how every geometry is stored and exchanged.</summary>
    public const int Wgs84 = 4326;

    /// <summary>WGS 84 / UTM zone 47N: the usual projected CRS for Chiang Mai (metres).</summary>
    public const int Utm47N = 32647;

    /// <summary>WGS 84 / Pseudo-Mercator: web map tiles (the workstation's vector tiles and the OpenLayers view).</summary>
    public const int WebMercator = 3857;

    /// <summary>Indian 1975 / UTM zone 47N: older Thai data, about 80 m off WGS 84.</summary>
    public const int Indian1975Utm47N = 24047;
}
