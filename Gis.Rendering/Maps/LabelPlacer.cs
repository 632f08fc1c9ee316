using NetTopologySuite.Algorithm.Construct;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using SkiaSharp;

namespace Gis.Rendering.Maps;

/// <summary>A district label as placed on the page (points), or dropped because no place was free.</summary>
/// <param name="Box">The text's ink box including its halo; empty when <paramref name="Dropped"/>.</param>
/// <param name="Baseline">Where the centred text's baseline runs (its centre x is the box's).</param>
/// <param name="Inside">The whole box lies inside the district.</param>
/// <param name="Anchor">The point inside the district the label belongs to; a label outside its district is tied to it by a leader
/// line.</param>
public sealed record LabelPlacement(string Code, string Text, float Size, SKRect Box, float Baseline, bool Inside, bool Dropped,
    SKPoint Anchor = default);

/// <summary>
/// Places district labels so that no two overlap. The rule is deterministic: larger districts choose first (ties by
/// code); each label tries its preferred size, then smaller sizes down to <see cref="MinSizePt"/>, at the pole of
/// inaccessibility (<see cref="MapDistrict.LabelPointUtm"/>), the NTS interior point, and positions moved by half a
/// label around them. A place whose box lies wholly inside the district is taken first; only when none is free
/// may the label stick out of its district or sit beside it (up to a label's height or width away, never out of the
/// frame), drawn with a leader line to the district; with no free place at all it is dropped.
/// </summary>
public static class LabelPlacer
{
    /// <summary>Largest label size, points.</summary>
    public const float MaxSizePt = 11;

    /// <summary>Smallest label size, points: still legible in print.</summary>
    public const float MinSizePt = 6;

    /// <summary>
    /// Places every district's label. <paramref name="measure"/> gives the width of a text at a size (points).
    /// Cost: per label at most (sizes × 9 candidates) rectangle-in-polygon tests on a prepared geometry.
    /// </summary>
    public static IReadOnlyList<LabelPlacement> Place(IReadOnlyList<MapDistrict> districts, MapLayout layout,
        Func<string, float, float> measure)
    {
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(measure);
        var placed = new List<LabelPlacement>();
        var taken = new List<SKRect>();
        var factory = districts.Count > 0 ? districts[0].GeometryUtm.Factory : new GeometryFactory();
        foreach (var district in districts.OrderByDescending(d => d.GeometryUtm.Area).ThenBy(d => d.Code, StringComparer.Ordinal))
        {
            var prepared = PreparedGeometryFactory.Prepare(district.GeometryUtm);
            var preferred = PreferredSize(district, layout);
            var anchors = Anchors(district, layout);
            var placement = Find(district, preferred, anchors, Offsets, layout, measure, taken,
                box => prepared.Covers(Ground(box, layout, factory)))
                ?? Find(district, preferred, anchors, [.. Offsets, .. Beside], layout, measure, taken, null);
            if (placement is null)
            {
                placed.Add(new LabelPlacement(district.Code, district.Label, 0, SKRect.Empty, 0, Inside: false, Dropped: true));
                continue;
            }
            taken.Add(placement.Box);
            placed.Add(placement);
        }
        // Back in the districts' order, so drawing order does not depend on the placement order.
        var order = districts.Select((d, i) => (d.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        return [.. placed.OrderBy(p => order[p.Code])];
    }

    /// <summary>Size of the names of context districts (around a district's own map), points: below every district label.</summary>
    public const float ContextSizePt = 7.5f;

    /// <summary>
    /// Places the names of the context districts in the room the district labels (<paramref name="placed"/>) left:
    /// each wholly inside the part of its district the frame shows (the pole of inaccessibility of that part first),
    /// at <see cref="ContextSizePt"/> or smaller; a name that fits nowhere is left out, as context may be.
    /// </summary>
    public static IReadOnlyList<LabelPlacement> PlaceContext(IReadOnlyList<MapDistrict> neighbours, IReadOnlyList<LabelPlacement> placed,
        MapLayout layout, Func<string, float, float> measure)
    {
        ArgumentNullException.ThrowIfNull(neighbours);
        ArgumentNullException.ThrowIfNull(placed);
        ArgumentNullException.ThrowIfNull(layout);
        var result = new List<LabelPlacement>();
        if (neighbours.Count == 0)
            return result;
        var taken = placed.Where(p => !p.Dropped).Select(p => p.Box).ToList();
        var factory = neighbours[0].GeometryUtm.Factory;
        var frame = Ground(layout.Frame, layout, factory);
        foreach (var neighbour in neighbours)
        {
            // Robust overlay: simplified boundary files carry slivers that the classic overlay can refuse.
            var shown = OverlayNGRobust.Overlay(neighbour.GeometryUtm, frame, SpatialFunction.Intersection);
            if (shown.IsEmpty || shown is not (Polygon or MultiPolygon))
                continue;
            var visible = neighbour with { GeometryUtm = shown, LabelPointUtm = MaximumInscribedCircle.GetCenter(shown, 100).Coordinate };
            var prepared = PreparedGeometryFactory.Prepare(shown);
            var placement = Find(visible, ContextSizePt, Anchors(visible, layout), Offsets, layout, measure, taken,
                box => prepared.Covers(Ground(box, layout, factory)));
            if (placement is null)
                continue;
            taken.Add(placement.Box);
            result.Add(placement);
        }
        return result;
    }

    /// <summary>Small districts get smaller text so it fits inside them.</summary>
    private static float PreferredSize(MapDistrict district, MapLayout layout) =>
        Math.Clamp((float)Math.Sqrt(district.GeometryUtm.Area) * layout.PointsPerMetre / 7, MinSizePt + 0.5f, MaxSizePt);

    private static List<SKPoint> Anchors(MapDistrict district, MapLayout layout)
    {
        var pole = layout.ToPage(district.LabelPointUtm.X, district.LabelPointUtm.Y);
        var interior = district.GeometryUtm.InteriorPoint.Coordinate;
        var anchors = new List<SKPoint> { pole };
        if (interior is not null)
            anchors.Add(layout.ToPage(interior.X, interior.Y));
        return anchors;
    }

    private static LabelPlacement? Find(MapDistrict district, float preferred, List<SKPoint> anchors, (float Dx, float Dy)[] offsets,
        MapLayout layout, Func<string, float, float> measure, List<SKRect> taken, Func<SKRect, bool>? inside)
    {
        for (var size = preferred; size >= MinSizePt - 0.01f; size -= 0.5f)
        {
            var width = measure(district.Label, size);
            // Thai stacks vowels and tone marks above the cap height and descenders below: the box covers them and the halo.
            var (above, below, halo) = (size * 1.0f, size * 0.4f, size * 0.11f);
            foreach (var anchor in anchors)
            {
                foreach (var (dx, dy) in offsets)
                {
                    var cx = anchor.X + dx * width / 2;
                    var baseline = anchor.Y + size * 0.35f + dy * (above + below) / 2;
                    var box = new SKRect(cx - width / 2 - halo, baseline - above - halo, cx + width / 2 + halo, baseline + below + halo);
                    if (!layout.Frame.Contains(box) || taken.Any(t => t.IntersectsWith(box)))
                        continue;
                    if (inside is not null && !inside(box))
                        continue;
                    return new LabelPlacement(district.Code, district.Label, size, box, baseline, Inside: inside is not null,
                        Dropped: false, anchor);
                }
            }
        }
        return null;
    }

    // Centre first, then half a label up, down, left, right and to the corners.
    private static readonly (float Dx, float Dy)[] Offsets = [(0, 0), (0, -1), (0, 1), (-1, 0), (1, 0), (-1, -1), (1, -1), (-1, 1), (1, 1)];

    // Beside the district, for labels that fit nowhere inside: a whole label above or below, then to either side.
    private static readonly (float Dx, float Dy)[] Beside = [(0, -2), (0, 2), (-2.2f, 0), (2.2f, 0), (-2.2f, -2), (2.2f, -2), (-2.2f, 2),
        (2.2f, 2)];

    private static Polygon Ground(SKRect box, MapLayout layout, GeometryFactory factory)
    {
        var corners = new[] { new SKPoint(box.Left, box.Top), new SKPoint(box.Right, box.Top), new SKPoint(box.Right, box.Bottom),
            new SKPoint(box.Left, box.Bottom), new SKPoint(box.Left, box.Top) };
        return factory.CreatePolygon(corners.Select(layout.ToGround).ToArray());
    }
}
