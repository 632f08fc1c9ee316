using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace Gis.Core.Spatial;

/// <summary>Geometry factories of the project; coordinates are always (longitude, latitude) in <see cref="Srid.Wgs84"/>.</summary>
public static class Geo
{
    /// <summary>Factory for WGS 84 geometries (x = longitude, y = latitude).</summary>
    public static GeometryFactory Wgs84 { get; } = NtsGeometryServices.Instance.CreateGeometryFactory(Srid.Wgs84);

    /// <summary>A WGS 84 point; argument order is longitude first, as everywhere in the project.</summary>
    public static Point Point(double longitude, double latitude) => Wgs84.CreatePoint(new Coordinate(longitude, latitude));
}
