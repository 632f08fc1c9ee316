using Gis.Core.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Gis.Core.Tests.Spatial;

/// <summary>
/// Control values computed independently with PROJ 9 (Debian proj-bin), e.g.
/// <c>echo "98.98 18.80" | cs2cs -f %.4f +proj=longlat +datum=WGS84 +to +proj=utm +zone=47 +datum=WGS84</c>;
/// Indian 1975 with <c>+ellps=evrst30 +towgs84=210,814,289,0,0,0,0</c>, the shift the project embeds.
/// </summary>
public class ReprojectionTests
{
    // 0.01 m is far below anything a map or an area in rai shows, and above ProjNET's rounding.
    private const double ToleranceMeters = 0.01;
    // About 1 cm on the ground at Chiang Mai's latitude.
    private const double ToleranceDegrees = 1e-7;

    private const string EsriIndian1975Utm47NPrj =
        """PROJCS["Indian_1975_UTM_Zone_47N",GEOGCS["GCS_Indian_1975",DATUM["D_Indian_1975","""
        + """SPHEROID["Everest_Adjustment_1937",6377276.345,300.8017]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],"""
        + """PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],"""
        + """PARAMETER["Central_Meridian",99.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";

    private static readonly WKTReader Wkt = new();

    [Theory]
    [InlineData("Chiang Mai city", 98.98, 18.80, 497892.5000, 2078698.2499)]
    [InlineData("west edge of the FIRMS box, 1.5 deg off the central meridian", 97.5, 17.5, 340749.5667, 1935495.8466)]
    public void Wgs84ToUtm47N_ControlPoint_MatchesProj(string place, double lon, double lat, double easting, double northing)
    {
        var utm = (Point)Reprojection.Wgs84ToUtm47N.Apply(Geo.Point(lon, lat));

        Assert.True(Math.Abs(utm.X - easting) < ToleranceMeters, $"{place}: easting {utm.X}");
        Assert.True(Math.Abs(utm.Y - northing) < ToleranceMeters, $"{place}: northing {utm.Y}");
        Assert.Equal(Srid.Utm47N, utm.SRID);
    }

    [Theory]
    [InlineData("Chiang Mai city", 497892.5000, 2078698.2499, 98.98, 18.80)]
    [InlineData("west edge of the FIRMS box", 340749.5667, 1935495.8466, 97.5, 17.5)]
    public void FromSrid_Utm47NControlPoint_MatchesProj(string place, double easting, double northing, double lon, double lat)
    {
        var wgs = (Point)Reprojection.FromSrid(Srid.Utm47N).Apply(Wkt.Read($"POINT ({Invariant(easting)} {Invariant(northing)})"));

        Assert.True(Math.Abs(wgs.X - lon) < ToleranceDegrees, $"{place}: longitude {wgs.X}");
        Assert.True(Math.Abs(wgs.Y - lat) < ToleranceDegrees, $"{place}: latitude {wgs.Y}");
        Assert.Equal(Srid.Wgs84, wgs.SRID);
    }

    [Fact]
    public void FromSrid_Indian1975_AppliesDatumShift()
    {
        var grid = Wkt.Read("POINT (497893.6 2078828.1)");

        var indian = (Point)Reprojection.FromSrid(Srid.Indian1975Utm47N).Apply(grid);
        var wgs = (Point)Reprojection.FromSrid(Srid.Utm47N).Apply(grid);

        // PROJ with +towgs84=210,814,289 gives 98.9768343 18.8039319; 1e-6 deg is about 0.1 m.
        Assert.Equal(98.9768343, indian.X, 1e-6);
        Assert.Equal(18.8039319, indian.Y, 1e-6);
        // The same numbers read as WGS 84 / UTM land about 450 m away: the shift is applied, and is not absurd.
        var apartMeters = MetersBetween(indian, wgs);
        Assert.InRange(apartMeters, 300, 600);
    }

    [Fact]
    public void FromWkt_EsriPrjWithoutTowgs84_UsesIndian1975Shift()
    {
        var grid = Wkt.Read("POINT (497893.6 2078828.1)");

        var fromPrj = (Point)Reprojection.FromWkt(EsriIndian1975Utm47NPrj).Apply(grid);
        var fromSrid = (Point)Reprojection.FromSrid(Srid.Indian1975Utm47N).Apply(grid);

        Assert.True(MetersBetween(fromPrj, fromSrid) < ToleranceMeters);
    }

    [Fact]
    public void Wgs84ToUtm47N_RoundTripPolygon_ReturnsSameCoordinates()
    {
        var polygon = Wkt.Read("POLYGON ((98.9 18.7, 99.1 18.7, 99.1 18.9, 98.9 18.9, 98.9 18.7))");
        polygon.SRID = Srid.Wgs84;

        var back = Reprojection.FromSrid(Srid.Utm47N).Apply(Reprojection.Wgs84ToUtm47N.Apply(polygon));

        Assert.True(back.EqualsExact(polygon, ToleranceDegrees), back.AsText());
        // The input is copied, never changed in place.
        Assert.Equal(98.9, polygon.Coordinates[0].X);
    }

    [Fact]
    public void FromWkt_EsriWgs84_IsIdentityAndCopiesExactly()
    {
        const string esriWgs84 =
            """GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],"""
            + """UNIT["Degree",0.0174532925199433]]""";
        var point = (Point)Wkt.Read("POINT (98.123456789012 18.987654321098)");

        var reprojection = Reprojection.FromWkt(esriWgs84);
        var copy = (Point)reprojection.Apply(point);

        Assert.True(reprojection.IsIdentity);
        Assert.Equal(point.X, copy.X);
        Assert.Equal(point.Y, copy.Y);
        Assert.Equal(Srid.Wgs84, copy.SRID);
        Assert.False(Reprojection.FromSrid(Srid.Utm47N).IsIdentity);
    }

    [Fact]
    public void FromWkt_UnknownDatumWithoutTowgs84_Throws()
    {
        const string kertau =
            """GEOGCS["Kertau",DATUM["Kertau_1968",SPHEROID["Everest 1830 Modified",6377304.063,300.8017]],PRIMEM["Greenwich",0],"""
            + """UNIT["degree",0.0174532925199433]]""";

        var e = Assert.Throws<NotSupportedException>(() => Reprojection.FromWkt(kertau));
        Assert.Contains("Kertau_1968", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromWkt_NotWkt_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => Reprojection.FromWkt("this is not a projection"));

    [Fact]
    public void WktOf_UnknownSrid_ThrowsNamingKnownOnes()
    {
        var e = Assert.Throws<NotSupportedException>(() => Reprojection.WktOf(3857));
        Assert.Contains(Srid.Utm47N.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
    }

    private static string Invariant(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    // Both points in UTM 47N: planar distance is exact enough for a few hundred metres.
    private static double MetersBetween(Point a, Point b) =>
        Reprojection.Wgs84ToUtm47N.Apply(a).Distance(Reprojection.Wgs84ToUtm47N.Apply(b));
}
