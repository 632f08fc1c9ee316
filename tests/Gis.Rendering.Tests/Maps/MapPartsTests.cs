using Gis.Rendering.Maps;
using NetTopologySuite.Geometries;

namespace Gis.Rendering.Tests.Maps;

/// <summary>The small parts of a map page that need no database: paper sizes, layout, scale bar, classes, fonts.</summary>
public sealed class MapPartsTests
{
    [Theory]
    [InlineData("a4-landscape", 297, 210)]
    [InlineData("A4-Portrait", 210, 297)]
    [InlineData("a3-landscape", 420, 297)]
    [InlineData("300x200", 300, 200)]
    [InlineData("250.5X180", 250.5, 180)]
    public void PageSize_Parse_KnownNamesAndMillimetres(string text, double widthMm, double heightMm) =>
        Assert.Equal(new PageSize(widthMm, heightMm), PageSize.Parse(text));

    [Theory]
    [InlineData("letter")]
    [InlineData("10x10")]
    [InlineData("300,5x200")]
    public void PageSize_Parse_Other_FormatException(string text) => Assert.Throws<FormatException>(() => PageSize.Parse(text));

    [Theory]
    [InlineData(73_000, 50_000)]
    [InlineData(199_999, 100_000)]
    [InlineData(200_000, 200_000)]
    [InlineData(2_600, 2_000)]
    [InlineData(0.3, 1)]
    public void NiceLength_RoundsDownToOneTwoFive(double metres, double expected) => Assert.Equal(expected, MapLayout.NiceLength(metres));

    [Fact]
    public void Layout_SquareExtentOnLandscapePage_SameScaleBothAxesCentredInFrame()
    {
        var layout = new MapLayout(PageSize.Parse("a4-landscape"), new Envelope(400_000, 500_000, 2_000_000, 2_100_000));
        var lowerLeft = layout.ToPage(400_000, 2_000_000);
        var upperRight = layout.ToPage(500_000, 2_100_000);
        // North is up: a larger northing is higher on the page (smaller y).
        Assert.True(upperRight.Y < lowerLeft.Y);
        Assert.Equal(upperRight.X - lowerLeft.X, lowerLeft.Y - upperRight.Y, 0.01);
        Assert.Equal(layout.Frame.MidX, (lowerLeft.X + upperRight.X) / 2, 0.01);
        Assert.True(layout.Frame.Contains(lowerLeft) && layout.Frame.Contains(upperRight));
        // 100 km plus the 4 % margin fills the frame's height.
        Assert.Equal(layout.Frame.Height, (float)(108_000 * layout.PointsPerMetre), 1);
        Assert.True(layout.ScaleBarMetres * layout.PointsPerMetre <= layout.Panel.Width);
    }

    [Theory]
    [InlineData(120.0, 100, "green-met")]
    [InlineData(100.0, 100, "green-met")]
    [InlineData(60.0, 100, "green-mid")]
    [InlineData(10.0, 100, "green-low")]
    [InlineData(0.0, 100, "green-none")]
    [InlineData(-5.0, 100, "green-none")]
    [InlineData(50.0, null, "no-allocation")]
    [InlineData(50.0, 0, "zero-allocation")]
    public void GreenClass_NetAgainstAllocation(double netRai, int? allocation, string expected) =>
        Assert.Equal(expected, MapDataLoader.GreenClass(netRai, allocation));

    [Fact]
    public void FontLocator_ThisMachine_ThaiFaceHasThaiGlyphsAndLatinFaceHasDigits()
    {
        using var fonts = FontLocator.Locate();
        using var thai = new SkiaSharp.SKFont(fonts.Thai);
        using var latin = new SkiaSharp.SKFont(fonts.Latin);
        Assert.True(thai.ContainsGlyphs("แม่แจ่ม"));
        Assert.True(latin.ContainsGlyphs("EPSG:32647"));
    }

    [Fact]
    public void MapTextRuns_MixedScript_SplitsByScriptWithSpacesKept()
    {
        using var fonts = FontLocator.Locate();
        using var text = new MapText(fonts, glyphsAsPaths: false);
        var runs = text.Runs("ฤดูไฟ 2569: 1 ม.ค.", bold: false).ToList();
        // Noto Sans Thai has no full stop, so the abbreviation's dots go to the Latin face.
        Assert.Equal(["ฤดูไฟ ", "2569: 1 ", "ม", ".", "ค", "."], runs.Select(r => r.Text));
        Assert.Same(fonts.Thai, runs[0].Face);
        Assert.Same(fonts.Latin, runs[1].Face);
        Assert.Equal("ฤดูไฟ 2569: 1 ม.ค.", string.Concat(runs.Select(r => r.Text)));
    }
}
