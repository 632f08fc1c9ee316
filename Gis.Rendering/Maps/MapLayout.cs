using NetTopologySuite.Geometries;
using SkiaSharp;

namespace Gis.Rendering.Maps;

/// <summary>
/// Where everything sits on the page, in PDF points (1/72 inch) from the top-left corner, and the one transform from
/// UTM 47N metres to the page. The renderer draws with it and tests use it to find a feature's pixel.
/// </summary>
public sealed class MapLayout
{
    private const float Mm = (float)(1 / PageSize.MmPerPoint);

    private readonly double _minEasting;
    private readonly double _maxNorthing;
    private readonly float _offsetX;
    private readonly float _offsetY;

    /// <summary>Lays out <paramref name="page"/> for a map of <paramref name="extentUtm"/> (UTM 47N metres).</summary>
    public MapLayout(PageSize page, Envelope extentUtm)
        : this(page, extentUtm, inset: false)
    {
    }

    /// <summary>
    /// Lays out a map of <paramref name="extentUtm"/> on <paramref name="page"/>; an <paramref name="inset"/> map is a
    /// part of a larger page (a report) that names the place and the date itself: no margin, no title band, and a
    /// one-line footer of sources.
    /// </summary>
    public MapLayout(PageSize page, Envelope extentUtm, bool inset)
    {
        Page = page;
        Inset = inset;
        var (w, h) = (page.WidthPt, page.HeightPt);
        var margin = inset ? 0 : 10 * Mm;
        Title = new SKRect(margin, margin, w - margin, margin + (inset ? 0 : 17 * Mm));
        Footer = new SKRect(margin, h - margin - (inset ? 4 : 9) * Mm, w - margin, h - margin);
        var body = new SKRect(margin, Title.Bottom + (inset ? 0 : 2 * Mm), w - margin, Footer.Top - 2 * Mm);
        // Landscape pages put legend and scale to the right of the map, portrait pages below it.
        if (w >= h)
        {
            var panelWidth = Math.Min(80 * Mm, body.Width * 0.33f);
            Frame = new SKRect(body.Left, body.Top, body.Right - panelWidth - 4 * Mm, body.Bottom);
            Panel = new SKRect(Frame.Right + 4 * Mm, body.Top, body.Right, body.Bottom);
        }
        else
        {
            var panelHeight = Math.Min(75 * Mm, body.Height * 0.35f);
            Frame = new SKRect(body.Left, body.Top, body.Right, body.Bottom - panelHeight - 4 * Mm);
            Panel = new SKRect(body.Left, Frame.Bottom + 4 * Mm, body.Right, body.Bottom);
        }

        // 4 % of ground around the districts so outlines do not touch the neatline; one scale for x and y keeps shapes true.
        var extent = new Envelope(extentUtm);
        extent.ExpandBy(Math.Max(extent.Width, extent.Height) * 0.04 + 1);
        PointsPerMetre = (float)Math.Min(Frame.Width / extent.Width, Frame.Height / extent.Height);
        _minEasting = extent.MinX;
        _maxNorthing = extent.MaxY;
        _offsetX = Frame.Left + (Frame.Width - (float)(extent.Width * PointsPerMetre)) / 2;
        _offsetY = Frame.Top + (Frame.Height - (float)(extent.Height * PointsPerMetre)) / 2;
        // The bar starts 16 mm into the panel (beside the north arrow) and its end label needs about 8 mm more.
        ScaleBarMetres = NiceLength(Math.Min(Panel.Width - 24 * Mm, 60 * Mm) / PointsPerMetre);
    }

    /// <summary>The map is part of a larger page: no title band, sources only in the footer.</summary>
    public bool Inset { get; }

    /// <summary>The paper.</summary>
    public PageSize Page { get; }

    /// <summary>Title and period band.</summary>
    public SKRect Title { get; }

    /// <summary>The map frame; the neatline is its border and features are clipped to it.</summary>
    public SKRect Frame { get; }

    /// <summary>Legend, north arrow, scale bar and notes.</summary>
    public SKRect Panel { get; }

    /// <summary>Credit, CRS and date lines.</summary>
    public SKRect Footer { get; }

    /// <summary>Page points per metre of UTM ground; the map scale is this × 25.4 / 72 / 1000 (mm per m).</summary>
    public float PointsPerMetre { get; }

    /// <summary>Ground length of the scale bar: 1, 2 or 5 × a power of ten metres.</summary>
    public double ScaleBarMetres { get; }

    /// <summary>The page position (points from the top-left) of a UTM 47N easting/northing.</summary>
    public SKPoint ToPage(double easting, double northing) => new(
        _offsetX + (float)((easting - _minEasting) * PointsPerMetre),
        _offsetY + (float)((_maxNorthing - northing) * PointsPerMetre));

    /// <summary>The UTM 47N easting/northing under a page position (the inverse of <see cref="ToPage"/>).</summary>
    public Coordinate ToGround(SKPoint page) => new(
        _minEasting + (page.X - _offsetX) / PointsPerMetre,
        _maxNorthing - (page.Y - _offsetY) / PointsPerMetre);

    /// <summary>The largest 1, 2 or 5 × 10^k not above <paramref name="metres"/> (at least 1 m).</summary>
    public static double NiceLength(double metres)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(metres, 1))));
        foreach (var step in new[] { 5.0, 2.0, 1.0 })
        {
            if (step * power <= metres)
                return step * power;
        }
        return power;
    }
}
