using Gis.Core.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Gis.TestSupport;

/// <summary>Geometries written inline as WKT, in WGS 84 (x = longitude, y = latitude).</summary>
public static class Wkt
{
    public static Geometry Read(string wkt) => Geo.Wgs84.CreateGeometry(new WKTReader().Read(wkt));

    /// <summary>A polygon or multipolygon as a multipolygon, the shape admin areas are stored in.</summary>
    public static MultiPolygon MultiPolygon(string wkt) => Read(wkt) switch
    {
        MultiPolygon m => m,
        Polygon p => Geo.Wgs84.CreateMultiPolygon([p]),
        var g => throw new ArgumentException($"not a polygon: {g.GeometryType}"),
    };
}
