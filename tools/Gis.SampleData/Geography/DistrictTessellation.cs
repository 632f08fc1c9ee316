using Gis.Core;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Triangulate;

namespace Gis.SampleData.Geography;

/// <summary>
/// Synthetic district shapes: the Voronoi cells of the district centres, clipped to the province outline. Voronoi cells
/// tile the plane, so the clipped cells tile the province with no gaps or overlaps by construction.
/// </summary>
internal static class DistrictTessellation
{
    /// <summary>
    /// Coordinates are snapped to 1e-6 degrees (about 0.1 m). Neighbouring cells share the same Voronoi edge and the
    /// overlay rounds it the same way in both, so shared borders stay identical and are written with six decimals.
    /// </summary>
    public static GeometryFactory Factory { get; } = new(new PrecisionModel(1e6), Srid.Wgs84);

    /// <summary>The province outline in <see cref="Factory"/>.</summary>
    public static Polygon Province() => ChiangMai.Outline(Factory);

    /// <summary>
    /// The province as written: the union of the districts. Equal to the outline except where a district border meets
    /// it, where the crossing point is snapped to the 1e-6 grid (a sliver of about 1e-8 relative area); using the union
    /// keeps "districts tile the province" exact for every consumer.
    /// </summary>
    public static MultiPolygon ProvinceOf(IReadOnlyList<(District District, MultiPolygon Boundary)> districts)
    {
        var all = Factory.BuildGeometry(districts.Select(d => (Geometry)d.Boundary));
        return ToMultiPolygon(UnaryUnionNG.Union(all, Factory.PrecisionModel));
    }

    /// <summary>District code to its synthetic boundary (valid multipolygon, longitude/latitude), in code order.</summary>
    public static IReadOnlyList<(District District, MultiPolygon Boundary)> Build()
    {
        var province = Province();
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(ChiangMai.Districts.Select(d => new Coordinate(d.CentreLongitude, d.CentreLatitude)).ToList());
        var clip = province.EnvelopeInternal.Copy();
        clip.ExpandBy(1.0);
        builder.ClipEnvelope = clip;
        var cells = builder.GetSubdivision().GetVoronoiCellPolygons(Factory);

        var result = new List<(District, MultiPolygon)>();
        foreach (var district in ChiangMai.Districts)
        {
            // The builder tags each cell with its site; match on that rather than on the (unspecified) cell order.
            var cell = cells.Single(c => c.UserData is Coordinate site
                && site.X == district.CentreLongitude && site.Y == district.CentreLatitude);
            var clipped = OverlayNG.Overlay(cell, province, SpatialFunction.Intersection, Factory.PrecisionModel);
            result.Add((district, ToMultiPolygon(clipped)));
        }
        return result;
    }

    private static MultiPolygon ToMultiPolygon(Geometry geometry)
    {
        var parts = new List<Polygon>();
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is Polygon { IsEmpty: false } p)
                parts.Add(p);
        }
        return Factory.CreateMultiPolygon([.. parts]);
    }
}
