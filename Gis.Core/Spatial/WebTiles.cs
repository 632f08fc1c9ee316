namespace Gis.Core.Spatial;

/// <summary>The Web Mercator tile grid of web maps (z/x/y, y down from the north), as PostGIS ST_TileEnvelope numbers it.</summary>
public static class WebTiles
{
    /// <summary>Half the width of the Web Mercator plane in metres (pi times the sphere radius 6,378,137 m).</summary>
    public const double HalfWorldMeters = 20037508.342789244;

    /// <summary>Sphere radius of Web Mercator (the WGS 84 semi-major axis), metres.</summary>
    public const double RadiusMeters = 6378137;

    /// <summary>The tile holding a longitude, latitude (degrees) at zoom <paramref name="z"/>.</summary>
    public static (int X, int Y) TileOf(double longitude, double latitude, int z)
    {
        var n = 1 << z;
        var rad = latitude * Math.PI / 180;
        var x = (int)Math.Floor((longitude + 180) / 360 * n);
        var y = (int)Math.Floor((1 - (Math.Log(Math.Tan(rad) + (1 / Math.Cos(rad))) / Math.PI)) / 2 * n);
        return (Math.Clamp(x, 0, n - 1), Math.Clamp(y, 0, n - 1));
    }

    /// <summary>Web Mercator x, y (metres, EPSG:3857) of a longitude, latitude in degrees; the formulas PostGIS applies.</summary>
    public static (double X, double Y) Mercator(double longitude, double latitude) =>
        (longitude * HalfWorldMeters / 180, Math.Log(Math.Tan((90 + latitude) * Math.PI / 360)) * RadiusMeters);

    /// <summary>
    /// The Mercator scale factor at Web Mercator y (metres): 1 / cos(latitude) = cosh(y / R). A length of L metres on the
    /// ground is L times this on the Mercator plane.
    /// </summary>
    public static double ScaleFactor(double mercatorY) => Math.Cosh(mercatorY / RadiusMeters);

    /// <summary>The tile's bounds in Web Mercator metres (as ST_TileEnvelope(z, x, y)).</summary>
    public static (double MinX, double MinY, double MaxX, double MaxY) Envelope(int z, int x, int y)
    {
        var size = 2 * HalfWorldMeters / (1L << z);
        var minX = -HalfWorldMeters + (x * size);
        var maxY = HalfWorldMeters - (y * size);
        return (minX, maxY - size, minX + size, maxY);
    }
}
