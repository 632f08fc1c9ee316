using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace Gis.Core.Spatial;

/// <summary>
/// Answers "which area is this point in" for many points against a fixed set of polygons (districts).
/// A point on a border shared by several areas goes to the lowest code (ordinal order), so it is counted once;
/// PostGIS queries over stored hotspots follow the same rule (<c>ST_Intersects ... ORDER BY code LIMIT 1</c>).
/// </summary>
/// <remarks>Cost: building is O(n log n) in the number of areas; a lookup is an STR-tree query plus prepared
/// point-in-polygon tests on the few candidates, about a microsecond for simplified district boundaries.
/// Not thread-safe to build; lookups are read-only and may run concurrently.</remarks>
public sealed class AreaLocator
{
    private readonly STRtree<(string Code, IPreparedGeometry Area)> _index = new();

    /// <param name="areas">Codes with polygons in the same CRS as the points that will be looked up.</param>
    public AreaLocator(IEnumerable<(string Code, Geometry Area)> areas)
    {
        foreach (var (code, area) in areas)
            _index.Insert(area.EnvelopeInternal, (code, PreparedGeometryFactory.Prepare(area)));
        _index.Build();
    }

    /// <summary>The code of the area covering (longitude, latitude), or null when no area does.</summary>
    public string? Locate(double longitude, double latitude)
    {
        var point = Geo.Point(longitude, latitude);
        string? best = null;
        foreach (var (code, area) in _index.Query(point.EnvelopeInternal))
        {
            if ((best is null || string.CompareOrdinal(code, best) < 0) && area.Covers(point))
                best = code;
        }
        return best;
    }
}
