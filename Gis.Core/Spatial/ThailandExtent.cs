using System.Globalization;
using NetTopologySuite.Geometries;

namespace Gis.Core.Spatial;

/// <summary>
/// Where data of this software can lie: a generous box around Thailand (WGS 84 degrees), wide enough for border
/// provinces' neighbours and the Andaman coast, narrow enough that coordinates read in the wrong CRS fall outside it
/// (degrees read as UTM metres land near 94.5 E, 0 N; metres read as degrees are not coordinates at all).
/// </summary>
public static class ThailandExtent
{
    /// <summary>Longitude 92..110 E, latitude 3..23 N.</summary>
    public static Envelope Box { get; } = new(92, 110, 3, 23);

    /// <summary>True when <paramref name="wgs84"/> (longitude, latitude) lies wholly inside <see cref="Box"/>.</summary>
    public static bool Contains(Envelope wgs84) => Box.Contains(wgs84);

    /// <summary>An extent as text for messages: <c>lon 94.5..94.51, lat 0.0002..0.0003</c>.</summary>
    public static string Describe(Envelope extent) => string.Create(CultureInfo.InvariantCulture,
        $"lon {extent.MinX:0.####}..{extent.MaxX:0.####}, lat {extent.MinY:0.####}..{extent.MaxY:0.####}");

    /// <summary>The box as text: <c>lon 92..110, lat 3..23</c>.</summary>
    public static string BoxText => Describe(Box);
}
