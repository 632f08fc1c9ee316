using Gis.Core.Hotspots;
using Gis.Rendering.Maps;

namespace Gis.Rendering.Qgis;

/// <summary>How a layer is drawn: its features sorted into <see cref="MapStyles"/> classes, or as a heat map.</summary>
/// <param name="Expression">A QGIS expression (a field name at its simplest) whose value is a category's value; empty: one
/// class, the only category, for every feature.</param>
/// <param name="Categories">Each class with the value of <paramref name="Expression"/> that selects it, in legend order.</param>
/// <param name="Heat">Draw the points as their density (detections per 100 km², <see cref="HeatDensity"/>) in the
/// <see cref="MapStyles.HeatClasses"/>, instead of categories.</param>
public sealed record QgisRenderer(string Expression, IReadOnlyList<(string Value, MapClass Class)> Categories, bool Heat = false)
{
    /// <summary>Categories whose value is the class key itself (the expression yields keys).</summary>
    public static QgisRenderer ByKey(string expression, IReadOnlyList<MapClass> classes) =>
        new(expression, [.. classes.Select(c => (c.Key, c))]);
}

/// <summary>Kinds of geometry column the store's layers have.</summary>
public enum QgisGeometry
{
    /// <summary>Points in WGS 84 (<see cref="Gis.Core.Srid.Wgs84"/>).</summary>
    Point,

    /// <summary>Multipolygons in WGS 84 (<see cref="Gis.Core.Srid.Wgs84"/>).</summary>
    MultiPolygon,
}

/// <summary>One layer of the QGIS project: a table or view of the store, a filter, and how it is drawn.</summary>
/// <param name="Id">Stable layer id (also the style's name in <c>layer_styles</c>).</param>
/// <param name="Table">Table or view; its geometry column is <c>geom</c>.</param>
/// <param name="Key">The integer unique column QGIS keys features on.</param>
/// <param name="Filter">QGIS subset string (SQL the server evaluates), empty for every row.</param>
/// <param name="Visible">Checked in the layer tree when the project opens (the A4 map's layers).</param>
/// <param name="DefaultStyle">Its style is the table's default in <c>layer_styles</c> (one per table).</param>
public sealed record QgisLayer(string Id, string Table, string Key, QgisGeometry Geometry, string TitleTh, string TitleEn,
    string Filter, QgisRenderer Renderer, bool Visible, bool DefaultStyle)
{
    /// <summary>The geometry column of every layer.</summary>
    public const string GeometryColumn = "geom";

    /// <summary>The layer's id in the project: QGIS 3.22 replaces an id of 10 characters or fewer by a random one.</summary>
    public string ProjectId => "gis_layer_" + Id;

    /// <summary>The layer's name in the layer tree and the legend.</summary>
    public string Title(string language) => language == "th" ? TitleTh : TitleEn;
}
