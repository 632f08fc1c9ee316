using NetTopologySuite;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Gis.Core.Spatial;

/// <summary>
/// Moves NTS geometries between coordinate reference systems with ProjNET: from whatever a file declares
/// (WKT of a shapefile <c>.prj</c> or a GeoPackage <c>gpkg_spatial_ref_sys.definition</c>, or a known SRID)
/// to <see cref="Srid.Wgs84"/> (x = longitude, y = latitude), and from WGS 84 to <see cref="Srid.Utm47N"/> (metres).
/// Build an instance once per source CRS and reuse it: creating one parses WKT; applying one costs O(coordinates).
/// </summary>
public sealed class Reprojection
{
    // Traditional GIS axis order (x = longitude) on purpose: no AXIS clause, so no reader flips it to lat, lon.
    private const string Wgs84Wkt =
        """GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],"""
        + """PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]""";

    private const string Utm47NWkt =
        """PROJCS["WGS 84 / UTM zone 47N",""" + Wgs84Wkt + "," + TransverseMercator47N;

    // TOWGS84 is EPSG's "Indian 1975 to WGS 84 (2)" (Thailand onshore and Gulf of Thailand, stated accuracy 5 m).
    // PROJ prefers the 7-parameter variant (4), onshore only; the two disagree by about 190 m around Chiang Mai.
    private const string Indian1975Utm47NWkt =
        """PROJCS["Indian 1975 / UTM zone 47N",GEOGCS["Indian 1975","""
        + """DATUM["Indian_1975",SPHEROID["Everest 1830 (1937 Adjustment)",6377276.345,300.8017],TOWGS84[210,814,289,0,0,0,0]],"""
        + """PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],"""
        + TransverseMercator47N;

    private const string TransverseMercator47N =
        """PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",99],"""
        + """PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]""";

    private static readonly Wgs84ConversionInfo Indian1975ToWgs84 = new(210, 814, 289, 0, 0, 0, 0);

    private static readonly CoordinateSystemFactory CsFactory = new();
    private static readonly CoordinateSystem Wgs84Cs = CsFactory.CreateFromWkt(Wgs84Wkt);
    private static readonly CoordinateSystem Utm47NCs = CsFactory.CreateFromWkt(Utm47NWkt);

    private readonly MathTransform? _transform;
    private readonly GeometryFactory _target;

    private Reprojection(CoordinateSystem source, CoordinateSystem target, int targetSrid, string? sourceName = null)
    {
        SourceName = sourceName ?? (source.Authority == "EPSG" && source.AuthorityCode > 0
            ? "EPSG:" + source.AuthorityCode.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : source.Name);
        SourceIsGeographic = source is GeographicCoordinateSystem;
        // ProjNET would route WGS 84 to WGS 84 through geocentric coordinates and back, moving vertices by
        // about 1e-9 degrees: enough to change which polygons count as valid. Identity must copy exactly.
        _transform = IsWgs84LonLat(source) && IsWgs84LonLat(target)
            ? null
            : new CoordinateTransformationFactory().CreateFromCoordinateSystems(source, target).MathTransform;
        _target = NtsGeometryServices.Instance.CreateGeometryFactory(targetSrid);
    }

    /// <summary>The source CRS as messages name it: <c>EPSG:32647</c>, or the WKT's name.</summary>
    public string SourceName { get; }

    /// <summary>True when the source CRS is geographic (degrees), false when projected (metres, feet).</summary>
    public bool SourceIsGeographic { get; }

    /// <summary>True when source and target are both WGS 84 longitude/latitude: <see cref="Apply"/> then only copies.</summary>
    public bool IsIdentity => _transform is null;

    /// <summary>The SRIDs <see cref="FromSrid"/> knows without a WKT: the members of <see cref="Srid"/>.</summary>
    public static IReadOnlyList<int> KnownSrids { get; } = [Srid.Wgs84, Srid.Utm47N, Srid.Indian1975Utm47N];

    /// <summary>WGS 84 to WGS 84 / UTM 47N (x = easting, y = northing, metres): for maps and planar areas.</summary>
    public static Reprojection Wgs84ToUtm47N { get; } = new(Wgs84Cs, Utm47NCs, Srid.Utm47N);

    /// <summary>The WKT the project uses for a known SRID (with TOWGS84 for Indian 1975).</summary>
    /// <exception cref="NotSupportedException">The SRID is not one of <see cref="KnownSrids"/>.</exception>
    public static string WktOf(int srid) => srid switch
    {
        Srid.Wgs84 => Wgs84Wkt,
        Srid.Utm47N => Utm47NWkt,
        Srid.Indian1975Utm47N => Indian1975Utm47NWkt,
        _ => throw new NotSupportedException(
            $"SRID {srid} is not known; give the CRS as WKT (a .prj file) or use one of {string.Join(", ", KnownSrids)}."),
    };

    /// <summary>From a known SRID to <see cref="Srid.Wgs84"/>.</summary>
    /// <exception cref="NotSupportedException">The SRID is not one of <see cref="KnownSrids"/>.</exception>
    public static Reprojection FromSrid(int srid) =>
        FromWkt(WktOf(srid), "EPSG:" + srid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// From the CRS a WKT describes (OGC or ESRI flavour) to <see cref="Srid.Wgs84"/>. An Indian 1975 datum
    /// without TOWGS84 (ESRI <c>.prj</c> files never carry one) gets the project's shift rather than none.
    /// </summary>
    /// <exception cref="ArgumentException">The WKT cannot be parsed.</exception>
    /// <exception cref="NotSupportedException">
    /// The CRS is neither geographic nor projected, or its datum is not WGS 84-like and names no shift to WGS 84:
    /// guessing a zero shift would misplace everything by hundreds of metres without a sign.
    /// </exception>
    public static Reprojection FromWkt(string wkt) => FromWkt(wkt, null);

    private static Reprojection FromWkt(string wkt, string? name)
    {
        CoordinateSystem source;
        try
        {
            source = CsFactory.CreateFromWkt(wkt);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArgumentException($"Not a coordinate system WKT: {Shorten(wkt)} ({e.Message})", nameof(wkt), e);
        }

        var datum = source switch
        {
            ProjectedCoordinateSystem p => p.HorizontalDatum,
            GeographicCoordinateSystem g => g.HorizontalDatum,
            _ => throw new NotSupportedException($"Only geographic and projected CRSs are supported: {Shorten(wkt)}"),
        };
        EnsureShiftToWgs84(datum, wkt);
        return new Reprojection(source, Wgs84Cs, Srid.Wgs84, name);
    }

    /// <summary>
    /// A copy of <paramref name="geometry"/> in the target CRS, with the target SRID. The input is not changed;
    /// an empty geometry stays empty; Z values pass through untouched.
    /// </summary>
    public Geometry Apply(Geometry geometry)
    {
        var copy = _target.CreateGeometry(geometry);
        if (_transform is not null)
            copy.Apply(new TransformFilter(_transform));
        return copy;
    }

    private static void EnsureShiftToWgs84(HorizontalDatum datum, string wkt)
    {
        if (datum.Wgs84Parameters is not null)
            return;
        var name = new string([.. datum.Name.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant();
        if (name.Contains("INDIAN1975", StringComparison.Ordinal))
        {
            datum.Wgs84Parameters = Indian1975ToWgs84;
            return;
        }
        // WGS 84 itself and its realisations on WGS 84/GRS 80 ellipsoids (ITRF, ...) agree to well under a metre.
        if (IsWgs84Ellipsoid(datum.Ellipsoid))
            return;
        throw new NotSupportedException(
            $"Datum '{datum.Name}' names no shift to WGS 84 (TOWGS84) and is not known: {Shorten(wkt)}");
    }

    private static bool IsWgs84LonLat(CoordinateSystem cs) =>
        cs is GeographicCoordinateSystem g
        && IsWgs84Ellipsoid(g.HorizontalDatum.Ellipsoid)
        && (g.HorizontalDatum.Wgs84Parameters is null || g.HorizontalDatum.Wgs84Parameters.HasZeroValuesOnly)
        && g.PrimeMeridian.Longitude == 0
        && Math.Abs(g.AngularUnit.RadiansPerUnit - (Math.PI / 180)) < 1e-12;

    // GRS 80 differs from WGS 84 by 0.1 mm in the semi-minor axis only.
    private static bool IsWgs84Ellipsoid(Ellipsoid e) => Math.Abs(e.SemiMajorAxis - Ellipsoid.WGS84.SemiMajorAxis) < 0.01;

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "...";

    private sealed class TransformFilter(MathTransform transform) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var x = seq.GetX(i);
                var y = seq.GetY(i);
                transform.Transform(ref x, ref y);
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
