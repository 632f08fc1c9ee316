using System.Globalization;
using System.Xml.Linq;
using Gis.Core.Hotspots;
using Gis.Rendering.Maps;

namespace Gis.Rendering.Qgis;

/// <summary>
/// A layer's QGIS renderer (the <c>renderer-v2</c> element), built from <see cref="MapStyles"/>' classes: the project
/// embeds it in its map layer and the QML stored in <c>layer_styles</c> is the same element in a <c>qgis</c> document.
/// </summary>
public static class QgisStyle
{
    /// <summary>QGIS version the documents are written for.</summary>
    public const string Version = "3.22.16-Białowieża";

    /// <summary>The layer's style as a QML document: its renderer, labels in <paramref name="language"/>.</summary>
    public static XDocument Qml(QgisLayer layer, string language)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return new XDocument(new XDocumentType("qgis", "http://mrcc.com/qgis.dtd", "SYSTEM", null),
            new XElement("qgis", new XAttribute("version", Version), new XAttribute("styleCategories", "Symbology"),
                Renderer(layer, language)));
    }

    /// <summary>The <c>renderer-v2</c> element: categories keyed by the layer's expression, one symbol, or the heat map.</summary>
    public static XElement Renderer(QgisLayer layer, string language)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var renderer = layer.Renderer;
        if (renderer.Heat)
            return HeatRenderer();
        // One class for every feature: a single symbol (QGIS 3.22 turns a constant category expression into invalid SQL).
        if (renderer.Expression.Length == 0)
        {
            return new XElement("renderer-v2", new XAttribute("type", "singleSymbol"), new XAttribute("symbollevels", "0"),
                new XAttribute("forceraster", "0"), new XAttribute("enableorderby", "0"), new XAttribute("referencescale", "-1"),
                new XElement("symbols", Symbol("0", renderer.Categories[0].Class, layer.Geometry)));
        }
        var categories = new XElement("categories");
        var symbols = new XElement("symbols");
        for (var i = 0; i < renderer.Categories.Count; i++)
        {
            var (value, style) = renderer.Categories[i];
            var name = i.ToString(CultureInfo.InvariantCulture);
            categories.Add(new XElement("category", new XAttribute("value", value), new XAttribute("symbol", name),
                new XAttribute("label", style.Label(language)), new XAttribute("render", "true")));
            symbols.Add(Symbol(name, style, layer.Geometry));
        }
        return new XElement("renderer-v2", new XAttribute("type", "categorizedSymbol"), new XAttribute("attr", renderer.Expression),
            new XAttribute("symbollevels", "0"), new XAttribute("forceraster", "0"), new XAttribute("enableorderby", "0"),
            new XAttribute("referencescale", "-1"), categories, symbols);
    }

    private static XElement Symbol(string name, MapClass style, QgisGeometry geometry)
    {
        var (type, layerClass, options) = (geometry, style.Kind) switch
        {
            (QgisGeometry.Point, _) => ("marker", "SimpleMarker", new Dictionary<string, string>
            {
                ["name"] = "circle",
                ["color"] = Rgba(style.Fill),
                ["outline_color"] = Rgba(style.Outline),
                ["outline_style"] = "solid",
                ["outline_width"] = Number(MapStyles.HotspotOutlineWidthMm),
                ["outline_width_unit"] = "MM",
                ["size"] = Number(MapStyles.HotspotDiameterMm),
                ["size_unit"] = "MM",
            }),
            (_, SymbolKind.Outline) => ("fill", "SimpleFill", new Dictionary<string, string>
            {
                ["color"] = Rgba(style.Fill),
                ["style"] = "no",
                ["outline_color"] = Rgba(style.Outline),
                ["outline_style"] = "solid",
                ["outline_width"] = Number(2 * MapStyles.OutlineWidthMm),
                ["outline_width_unit"] = "MM",
            }),
            _ => ("fill", "SimpleFill", new Dictionary<string, string>
            {
                ["color"] = Rgba(style.Fill),
                ["style"] = "solid",
                ["outline_color"] = Rgba(style.Outline),
                ["outline_style"] = "solid",
                ["outline_width"] = Number(MapStyles.OutlineWidthMm),
                ["outline_width_unit"] = "MM",
                ["joinstyle"] = "round",
            }),
        };
        return new XElement("symbol", new XAttribute("type", type), new XAttribute("name", name), new XAttribute("alpha", "1"),
            new XAttribute("clip_to_extent", "1"), new XAttribute("force_rhr", "0"),
            new XElement("layer", new XAttribute("class", layerClass), new XAttribute("pass", "0"), new XAttribute("enabled", "1"),
                new XAttribute("locked", "0"), Options(options)));
    }

    /// <summary>
    /// QGIS' heat map renderer with gis' kernel and classes: its quartic kernel of radius <see cref="HeatDensity.BandwidthMeters"/>
    /// (map units: the project is in UTM metres) adds (1 - (d/h)²)² per detection, which is gis' density per 100 km² divided
    /// by <see cref="HeatDensity.Kernel"/>(0) × 100 km². Each class's lower limit becomes a stop of a discrete ramp at
    /// its share of the ramp's maximum (the top class's limit); below the first limit nothing is drawn.
    /// </summary>
    private static XElement HeatRenderer()
    {
        var perUnit = HeatDensity.Kernel(0, HeatDensity.BandwidthMeters) * HeatDensity.AreaSquareMeters;
        var breaks = HeatDensity.ClassBreaks;
        var top = breaks[^1];
        // A discrete ramp draws a stop's colour from its offset up to the next; the top class's stop is at 1, where the
        // renderer clamps every higher value.
        var stops = string.Join(":", MapStyles.HeatClasses.Select((c, i) => Number(breaks[i] / top) + ";" + Rgba(c.Fill)));
        var ramp = new Dictionary<string, string>
        {
            ["color1"] = "0,0,0,0",
            ["color2"] = Rgba(MapStyles.HeatClasses[^1].Fill),
            ["discrete"] = "1",
            ["rampType"] = "gradient",
            ["stops"] = stops,
        };
        return new XElement("renderer-v2", new XAttribute("type", "heatmapRenderer"), new XAttribute("radius",
            Number(HeatDensity.BandwidthMeters)), new XAttribute("radius_unit", "1"),
            new XAttribute("radius_map_unit_scale", "3x:0,0,0,0,0,0"),
            new XAttribute("max_value", Number(top / perUnit)), new XAttribute("quality", "1"), new XAttribute("weight_expression", ""),
            new XAttribute("forceraster", "0"), new XAttribute("symbollevels", "0"), new XAttribute("enableorderby", "0"),
            new XAttribute("referencescale", "-1"),
            new XElement("colorramp", new XAttribute("type", "gradient"), new XAttribute("name", "[source]"), Options(ramp)));
    }

    private static XElement Options(Dictionary<string, string> options) => new("Option", new XAttribute("type", "Map"),
        options.Select(o => new XElement("Option", new XAttribute("name", o.Key), new XAttribute("value", o.Value),
            new XAttribute("type", "QString"))));

    private static string Rgba(MapColor c) => string.Create(CultureInfo.InvariantCulture, $"{c.R},{c.G},{c.B},255");

    internal static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
