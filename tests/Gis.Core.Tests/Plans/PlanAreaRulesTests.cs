using Gis.Core.Plans;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Gis.Core.Tests.Plans;

public class PlanAreaRulesTests
{
    private static Geometry Read(string wkt) => new WKTReader().Read(wkt);

    [Theory]
    [InlineData("square", "POLYGON ((98.35 18.57, 98.36 18.57, 98.36 18.58, 98.35 18.58, 98.35 18.57))")]
    [InlineData("two squares",
        "MULTIPOLYGON (((98.35 18.57, 98.36 18.57, 98.36 18.58, 98.35 18.57)), ((98.4 18.6, 98.41 18.6, 98.41 18.61, 98.4 18.6)))")]
    [InlineData("with hole", "POLYGON ((98 18, 98.1 18, 98.1 18.1, 98 18.1, 98 18), (98.02 18.02, 98.04 18.02, 98.04 18.04, 98.02 18.02))")]
    public void CheckGeometry_ValidPolygons_NoProblems(string name, string wkt)
    {
        Assert.True(PlanAreaRules.CheckGeometry(Read(wkt)).Count == 0, name + ": "
            + string.Join("; ", PlanAreaRules.CheckGeometry(Read(wkt))));
    }

    [Theory]
    [InlineData("bow-tie", "POLYGON ((98.35 18.57, 98.36 18.58, 98.36 18.57, 98.35 18.58, 98.35 18.57))",
        "Self-intersection at 98.355 18.575")]
    [InlineData("empty", "POLYGON EMPTY", "empty")]
    [InlineData("line", "LINESTRING (98 18, 98.1 18.1)", "LineString: only Polygon or MultiPolygon")]
    [InlineData("point", "POINT (98 18)", "Point: only Polygon")]
    [InlineData("lat/lon swapped past 90", "POLYGON ((18 98, 18.1 98, 18.1 98.1, 18 98))", "vertex 18 98 is not a longitude, latitude")]
    [InlineData("projected metres", "POLYGON ((500000 2000000, 501000 2000000, 501000 2001000, 500000 2000000))", "vertex 500000 2000000")]
    [InlineData("overlapping shells", "MULTIPOLYGON (((98 18, 98.1 18, 98.1 18.1, 98 18)), ((98.05 18, 98.15 18, 98.15 18.1, 98.05 18)))",
        "not valid")]
    public void CheckGeometry_Bad_NamesTheProblem(string name, string wkt, string expected)
    {
        var problem = Assert.Single(PlanAreaRules.CheckGeometry(Read(wkt)));
        Assert.True(problem.Contains(expected, StringComparison.Ordinal), $"{name}: {problem}");
    }

    [Fact]
    public void CheckGeometry_NullOrOtherSrid_Refused()
    {
        Assert.Contains("missing", Assert.Single(PlanAreaRules.CheckGeometry(null)), StringComparison.Ordinal);
        var utm = Read("POLYGON ((98 18, 98.1 18, 98.1 18.1, 98 18))");
        utm.SRID = Srid.Utm47N;
        Assert.Contains("SRID 32647", Assert.Single(PlanAreaRules.CheckGeometry(utm)), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckGeometry_TooManyVertices_Refused()
    {
        // A circle of 10,001 distinct vertices (closed ring: one more point).
        var ring = Enumerable.Range(0, PlanAreaRules.MaxVertices + 1)
            .Select(i => new Coordinate(98.5 + (0.01 * Math.Cos(2 * Math.PI * i / (PlanAreaRules.MaxVertices + 1))), 18.5
                + (0.01 * Math.Sin(2 * Math.PI * i / (PlanAreaRules.MaxVertices + 1)))))
            .ToList();
        ring.Add(ring[0]);
        var circle = new GeometryFactory().CreatePolygon([.. ring]);
        Assert.Contains("10002 vertices", Assert.Single(PlanAreaRules.CheckGeometry(circle)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2560, true)]
    [InlineData(2569, true)]
    [InlineData(2579, true)]
    [InlineData(2580, false)]
    [InlineData(2559, false)]
    [InlineData(1999, false)]
    [InlineData(0, false)]
    public void CheckYear_Range2560ToCurrentPlus10(int year, bool accepted)
    {
        Assert.Equal(accepted, PlanAreaRules.CheckYear(year, currentYear: 2569).Count == 0);
    }

    [Fact]
    public void CheckYear_CeYear_HintsAtBuddhistEra()
    {
        Assert.Contains("2569", Assert.Single(PlanAreaRules.CheckYear(2026, 2569)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "agency is required")]
    [InlineData("", "agency is required")]
    [InlineData("   ", "agency is required")]
    public void CheckText_Blank_Required(string? value, string expected)
    {
        Assert.Equal(expected, Assert.Single(PlanAreaRules.CheckText("agency", value)));
    }

    [Fact]
    public void CheckText_TooLong_Refused_ThaiAccepted()
    {
        Assert.Single(PlanAreaRules.CheckText("name", new string('ก', PlanAreaRules.MaxTextLength + 1)));
        Assert.Empty(PlanAreaRules.CheckText("name", "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดเชียงใหม่"));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(0.2, false)]
    [InlineData(0.25, true)]
    [InlineData(730, true)]
    [InlineData(100_000, true)]
    [InlineData(100_001, false)]
    [InlineData(double.NaN, false)]
    public void CheckArea_Bounds(double rai, bool accepted)
    {
        Assert.Equal(accepted, PlanAreaRules.CheckArea(rai).Count == 0);
    }

    [Fact]
    public void ToMultiPolygon_Polygon_WrappedWithWgs84Srid()
    {
        var m = PlanAreaRules.ToMultiPolygon(Read("POLYGON ((98 18, 98.1 18, 98.1 18.1, 98 18))"));
        Assert.Equal((1, Srid.Wgs84), (m.NumGeometries, m.SRID));
        Assert.Equal("MULTIPOLYGON (((98 18, 98.1 18, 98.1 18.1, 98 18)))", m.AsText());
    }
}
