using Gis.Rendering.Maps;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using SkiaSharp;

namespace Gis.Rendering.Tests.Maps;

/// <summary>
/// District labels never overlap: placed by a deterministic rule (bigger districts first, then code), inside their
/// district where a place is free, else moved, shrunk or dropped. Districts are WKT in UTM 47N metres.
/// </summary>
public sealed class LabelPlacerTests : IDisposable
{
    private const string LongName = "ดอยสะเก็ดเหนือสุดแดนสยาม";
    private readonly MapFonts _fonts = FontLocator.Locate();
    private readonly MapText _text;

    public LabelPlacerTests() => _text = new MapText(_fonts, glyphsAsPaths: false);

    public void Dispose()
    {
        _text.Dispose();
        _fonts.Dispose();
    }

    /// <summary>Ten 1-km squares in a row with long names: on a small page each label is far wider than its district.</summary>
    private static List<MapDistrict> Row()
    {
        var reader = new WKTReader();
        return [.. Enumerable.Range(0, 10).Select(i =>
        {
            var x = 500_000 + i * 1_000;
            var square = reader.Read($"POLYGON(({x} 2000000, {x + 1000} 2000000, {x + 1000} 2001000, {x} 2001000, {x} 2000000))");
            return new MapDistrict($"50{i:00}", LongName, square, square.Centroid.Coordinate, "district");
        })];
    }

    private static MapLayout Small(IEnumerable<MapDistrict> districts) => new(new PageSize(120, 80), Extent(districts));

    [Fact]
    public void Place_CrowdedRow_NoTwoBoxesOverlapAndSomeAreMovedShrunkOrDropped()
    {
        var districts = Row();
        var layout = Small(districts);
        var labels = LabelPlacer.Place(districts, layout, (t, s) => _text.Measure(t, s));

        Assert.Equal(districts.Select(d => d.Code), labels.Select(l => l.Code));
        var kept = labels.Where(l => !l.Dropped).ToList();
        Assert.NotEmpty(kept);
        for (var i = 0; i < kept.Count; i++)
        {
            Assert.True(layout.Frame.Contains(kept[i].Box));
            for (var j = i + 1; j < kept.Count; j++)
                Assert.False(kept[i].Box.IntersectsWith(kept[j].Box), $"{kept[i].Code} and {kept[j].Code} overlap");
        }
        // Ten labels each wider than three districts cannot all stay at full size in the row's middle.
        Assert.Contains(labels, l => l.Dropped || !l.Inside || l.Size < LabelPlacer.MaxSizePt);
    }

    [Fact]
    public void Place_SameDistrictsInAnyOrder_SamePlacements()
    {
        var districts = Row();
        var layout = Small(districts);
        var forward = LabelPlacer.Place(districts, layout, (t, s) => _text.Measure(t, s));
        var backward = LabelPlacer.Place([.. Enumerable.Reverse(districts)], layout, (t, s) => _text.Measure(t, s));
        Assert.Equal(forward.OrderBy(l => l.Code, StringComparer.Ordinal), backward.OrderBy(l => l.Code, StringComparer.Ordinal));
    }

    [Fact]
    public void Place_CrescentDistrict_LabelInsideAtThePoleNotTheCentroid()
    {
        // A U shape: its centroid lies in the empty middle, outside the district.
        var u = new WKTReader().Read("POLYGON((500000 2000000, 530000 2000000, 530000 2030000, 520000 2030000, 520000 2010000, "
            + "510000 2010000, 510000 2030000, 500000 2030000, 500000 2000000))");
        var pole = NetTopologySuite.Algorithm.Construct.MaximumInscribedCircle.GetCenter(u, 10).Coordinate;
        var district = new MapDistrict("5001", "แม่แจ่ม", u, pole, "district");
        var layout = new MapLayout(PageSize.Parse("a4-landscape"), u.EnvelopeInternal);

        var label = Assert.Single(LabelPlacer.Place([district], layout, (t, s) => _text.Measure(t, s)));
        Assert.False(label.Dropped);
        Assert.True(label.Inside);
        Assert.False(u.Contains(u.Centroid));
        Assert.True(u.Contains(u.Factory.CreatePoint(layout.ToGround(new SKPoint(label.Box.MidX, label.Box.MidY)))));
    }

    [Fact]
    public void Render_CrowdedRow_DrawnLabelTextsDoNotOverlap()
    {
        var districts = Row();
        var layout = Small(districts);
        var model = new MapModel(MapTheme.Hotspots, "th", "ทดสอบ", "ฤดูไฟ 2569", Extent(districts),
            districts, [], [new LegendEntry("district", "เขตอำเภอ", SymbolKind.Area, MapStyles.PlainDistrict, MapStyles.Outline, 10)],
            ["test"], "UTM 47N", [], new DateOnly(2026, 6, 1));
        using var renderer = new MapRenderer(_fonts);
        using var surface = SKSurface.Create(new SKImageInfo((int)layout.Page.WidthPt, (int)layout.Page.HeightPt));
        renderer.Draw(surface.Canvas, model, layout);

        // The texts as the renderer drew them, not as the placer planned them.
        var drawn = renderer.PlacedTexts.Where(t => t.Text == LongName)
            .Select(t => new SKRect(t.Left, t.Baseline - t.Size, t.Left + t.Width, t.Baseline + 0.4f * t.Size)).ToList();
        Assert.Equal(renderer.Labels.Count(l => !l.Dropped), drawn.Count);
        for (var i = 0; i < drawn.Count; i++)
        {
            for (var j = i + 1; j < drawn.Count; j++)
                Assert.False(drawn[i].IntersectsWith(drawn[j]), $"labels {i} and {j} overlap on the page");
        }
    }

    private static Envelope Extent(IEnumerable<MapDistrict> districts)
    {
        var extent = new Envelope();
        foreach (var d in districts)
            extent.ExpandToInclude(d.GeometryUtm.EnvelopeInternal);
        return extent;
    }
}
