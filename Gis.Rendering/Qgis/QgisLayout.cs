using System.Globalization;
using System.Xml.Linq;
using Gis.Rendering.Maps;
using SkiaSharp;

namespace Gis.Rendering.Qgis;

/// <summary>
/// The print layout of the QGIS project: the A4 landscape page of <c>gis map</c>, placed by the same
/// <see cref="MapLayout"/> (title band, map frame, legend panel with north arrow and scale bar, footer of sources), so a
/// map printed from QGIS looks like the one gis draws.
/// </summary>
public static class QgisLayout
{
    // Fixed uuids: the legend, north arrow and scale bar name the map by its uuid, and the same province gives the same file.
    private const string UuidPrefix = "{5b1c6a57-0b6e-4d1e-9a51-";
    private const string MapUuid = UuidPrefix + "000000000001}";
    private const double MmPerPoint = PageSize.MmPerPoint;

    /// <summary>The layout element, named "A4".</summary>
    public static XElement A4(QgisProjectModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var th = model.Language == "th";
        var page = PageSize.Parse("a4-landscape");
        var layout = new MapLayout(page, model.ExtentUtm);
        // The ground the frame shows: the province with MapLayout's margin, stretched to the frame's shape.
        var topLeft = layout.ToGround(new SKPoint(layout.Frame.Left, layout.Frame.Top));
        var bottomRight = layout.ToGround(new SKPoint(layout.Frame.Right, layout.Frame.Bottom));
        var made = th ? "จัดทำเมื่อ " + MapDataLoader.DayText(model.MadeOn, th) : "Made " + MapDataLoader.DayText(model.MadeOn, th) + " BE";
        var panel = layout.Panel;
        var legendHeight = panel.Height * 0.55f;
        var arrowTop = panel.Top + legendHeight;
        var crs = (th ? "ระบบพิกัด: " : "Coordinate system: ") + MapDataLoader.CrsNote;
        var sources = (th ? "ที่มา: " : "Sources: ") + string.Join("; ", model.Credits);
        return new XElement("Layout", new XAttribute("name", "A4"), new XAttribute("units", "mm"), new XAttribute("printResolution", "300"),
            new XElement("PageCollection", Item(65638, "page", new SKRect(0, 0, page.WidthPt, page.HeightPt), 0,
                [new XAttribute("background", "true")])),
            Item(65639, "map", layout.Frame, 1, [new XAttribute("frame", "true"), new XAttribute("background", "true"),
                new XAttribute("keepLayerSet", "false"), new XAttribute("drawCanvasItems", "true"), new XAttribute("mapRotation", "0"),
                new XElement("Extent", new XAttribute("xmin", QgisProject.Number(topLeft.X)),
                    new XAttribute("ymin", QgisProject.Number(bottomRight.Y)), new XAttribute("xmax", QgisProject.Number(bottomRight.X)),
                    new XAttribute("ymax", QgisProject.Number(topLeft.Y))),
                new XElement("crs", QgisProject.SpatialRefSys(Gis.Core.Srid.Utm47N))], uuid: MapUuid),
            Label(6, "title", model.Title, layout.Title, 18, bold: true),
            Label(7, "made", made, new SKRect(layout.Title.Left, layout.Title.Top + 9 * Pt, layout.Title.Right, layout.Title.Bottom), 11),
            Item(65642, "legend", new SKRect(panel.Left, panel.Top, panel.Right, panel.Top + legendHeight), 3,
                [new XAttribute("title", th ? "คำอธิบายสัญลักษณ์" : "Legend"), new XAttribute("map_uuid", MapUuid),
                new XAttribute("resizeToContents", "1"), new XAttribute("legendFilterByMap", "1"), new XAttribute("symbolWidth", "7"),
                new XAttribute("symbolHeight", "4.5"), new XAttribute("columnCount", "1"), new XAttribute("boxSpace", "1"),
                new XAttribute("wrapChar", "")]),
            Item(65640, "north arrow", new SKRect(panel.Left, arrowTop, panel.Left + 12 * Pt, arrowTop + 18 * Pt), 4,
                [new XAttribute("file", ":/images/north_arrows/layout_default_north_arrow.svg"), new XAttribute("mode", "0"),
                new XAttribute("mapUuid", MapUuid), new XAttribute("northMode", "0"), new XAttribute("northOffset", "0"),
                new XAttribute("resizeMode", "0"), new XAttribute("svgFillColor", "0,0,0,255"),
                new XAttribute("svgBorderColor", "0,0,0,255"),
                new XAttribute("svgBorderWidth", "0.2"), new XAttribute("anchorPoint", "0")]),
            Item(65646, "scale bar", new SKRect(panel.Left + 16 * Pt, arrowTop + 4 * Pt, panel.Right, arrowTop + 16 * Pt), 5,
                [new XAttribute("style", "Single Box"), new XAttribute("mapUuid", MapUuid), new XAttribute("unitType", "kilometers"),
                new XAttribute("unitLabel", th ? "กม." : "km"), new XAttribute("numMapUnitsPerScaleBarUnit", "1000"),
                new XAttribute("numSegments", "4"), new XAttribute("numSegmentsLeft", "0"), new XAttribute("numSubdivisions", "1"),
                new XAttribute("segmentSizeMode", "1"), new XAttribute("minBarWidth", "20"), new XAttribute("maxBarWidth", "55"),
                new XAttribute("numUnitsPerSegment", "10"), new XAttribute("segmentMillimeters", "12"), new XAttribute("height", "1.8"),
                new XAttribute("labelBarSpace", "1.5"), new XAttribute("boxContentSpace", "1"), new XAttribute("outlineWidth", "0.2"),
                new XAttribute("alignment", "0"), new XAttribute("lineJoinStyle", "miter"), new XAttribute("lineCapStyle", "square")]),
            Label(8, "crs", crs, new SKRect(panel.Left, arrowTop + 22 * Pt, panel.Right, arrowTop + 30 * Pt), 8.5),
            Label(9, "sources", sources, layout.Footer, 8));
    }

    /// <summary>Points per mm: the layout's rectangles are in PDF points, the QGIS layout in mm.</summary>
    private const float Pt = (float)(1 / MmPerPoint);

    private static XElement Label(int number, string id, string text, SKRect box, double sizePt, bool bold = false) =>
        Item(65641, id, box, number, [new XAttribute("labelText", text), new XAttribute("htmlState", "0"), new XAttribute("halign", "1"),
            new XAttribute("valign", "32"), new XAttribute("marginX", "0"), new XAttribute("marginY", "0"),
            new XElement("LabelFont", new XAttribute("description", string.Create(CultureInfo.InvariantCulture,
                $"Noto Sans Thai,{sizePt},-1,5,{(bold ? 75 : 50)},0,0,0,0,0")), new XAttribute("style", "")),
            new XElement("FontColor", new XAttribute("red", "32"), new XAttribute("green", "32"), new XAttribute("blue", "32"),
                new XAttribute("alpha", "255"))]);

    /// <summary>
    /// A layout item of QGIS type <paramref name="type"/> (QgsLayoutItemRegistry) at <paramref name="box"/> (points);
    /// <paramref name="number"/> (unique) is its stacking order and the tail of its uuid.
    /// </summary>
    private static XElement Item(int type, string id, SKRect box, int number, object[]? content = null, string? uuid = null)
    {
        var position = Mm(box.Left) + "," + Mm(box.Top) + ",mm";
        return new XElement("LayoutItem", new XAttribute("type", type.ToString(CultureInfo.InvariantCulture)), new XAttribute("id", id),
            new XAttribute("uuid", uuid ?? UuidPrefix + number.ToString("x12", CultureInfo.InvariantCulture) + "}"),
            new XAttribute("position", position), new XAttribute("positionOnPage", position),
            new XAttribute("size", Mm(box.Width) + "," + Mm(box.Height) + ",mm"), new XAttribute("zValue", number),
            new XAttribute("visibility", "1"), new XAttribute("opacity", "1"), new XAttribute("referencePoint", "0"),
            new XAttribute("itemRotation", "0"), new XAttribute("outlineWidthM", "0.3,mm"), new XAttribute("frameJoinStyle", "miter"),
            new XAttribute("excludeFromExports", "0"), new XAttribute("positionLock", "false"), new XAttribute("blendMode", "0"),
            content ?? []);
    }

    private static string Mm(float points) => (points * MmPerPoint).ToString("0.###", CultureInfo.InvariantCulture);
}
