namespace Gis.Core.Spatial;

/// <summary>The Web Mercator tile grid of web maps (z/x/y, y down from the north), as PostGIS ST_TileEnvelope numbers it.</summary>
public static class WebTiles
{
    /// <summary>The tile holding a longitude, latitude (degrees) at zoom <paramref name="z"/>.</summary>
    public static (int X, int Y) TileOf(double longitude, double latitude, int z)
    {
        var n = 1 << z;
        var rad = latitude * Math.PI / 180;
        var x = (int)Math.Floor((longitude + 180) / 360 * n);
        var y = (int)Math.Floor((1 - (Math.Log(Math.Tan(rad) + (1 / Math.Cos(rad))) / Math.PI)) / 2 * n);
        return (Math.Clamp(x, 0, n - 1), Math.Clamp(y, 0, n - 1));
    }
}
