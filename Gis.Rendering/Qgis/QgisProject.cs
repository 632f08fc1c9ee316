using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Gis.Core;
using Gis.Core.Periods;
using NetTopologySuite.Geometries;

namespace Gis.Rendering.Qgis;

/// <summary>What a QGIS project of a province holds besides its layers.</summary>
/// <param name="Connection">libpq connection parameters of the layers (<c>service='gis'</c>, or host, port, dbname, user):
/// never a password.</param>
/// <param name="Schema">The store's schema (where its tables and views are).</param>
/// <param name="ExtentUtm">The province's extent, UTM 47N metres: the canvas and the layout's map show it.</param>
/// <param name="Title">The print layout's title, in <paramref name="Language"/>.</param>
/// <param name="Credits">The sources of the data drawn, one line per layer (ADR 0017), as <c>gis map</c> prints them.</param>
/// <param name="HotspotPeriod">The Bangkok days the hotspot layers show.</param>
/// <param name="HotspotCoverage">Which days of <paramref name="HotspotPeriod"/> the store has data for, in words (ADR 0015):
/// the hotspot layers' abstract.</param>
public sealed record QgisProjectModel(string ProvinceCode, string Language, string Connection, string Schema, Envelope ExtentUtm,
    string Title, IReadOnlyList<string> Credits, DateOnly MadeOn, Period HotspotPeriod, string HotspotCoverage);

/// <summary>
/// Writes a QGIS 3.22 project (<c>.qgz</c>: a <c>.qgs</c> document zipped) of the store's layers of a province
/// (<see cref="QgisLayers"/>), styled by <see cref="QgisStyle"/>, in WGS 84 / UTM 47N, with the A4 map as its print
/// layout (<see cref="QgisLayout"/>).
/// </summary>
public static class QgisProject
{
    /// <summary>Writes the project to <paramref name="path"/> (replaced if it exists). Cost: no database work.</summary>
    public static void Write(string path, QgisProjectModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        // Written aside first, so a failure leaves no half-written project behind.
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
            Write(file, Path.GetFileNameWithoutExtension(path), model);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Writes the project as a <c>.qgz</c> to <paramref name="output"/>, its <c>.qgs</c> called <paramref name="name"/>.</summary>
    public static void Write(Stream output, string name, QgisProjectModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var document = Document(model);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        using var entry = zip.CreateEntry(name + ".qgs").Open();
        document.Save(entry);
    }

    /// <summary>The <c>.qgs</c> document.</summary>
    public static XDocument Document(QgisProjectModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = QgisLayers.For(model.ProvinceCode, model.HotspotPeriod);
        var tree = new XElement("layer-tree-group", layers.Select(l => new XElement("layer-tree-layer",
            new XAttribute("id", l.ProjectId), new XAttribute("name", l.Title(model.Language)), new XAttribute("providerKey", "postgres"),
            new XAttribute("source", DataSource(l, model)), new XAttribute("checked", l.Visible ? "Qt::Checked" : "Qt::Unchecked"),
            new XAttribute("expanded", l.Visible ? "1" : "0"))));
        var projectLayers = new XElement("projectlayers", layers.Select(l => new XElement("maplayer",
            new XAttribute("type", "vector"), new XAttribute("geometry", l.Geometry == QgisGeometry.Point ? "Point" : "Polygon"),
            new XAttribute("wkbType", l.Geometry.ToString()),
            new XElement("id", l.ProjectId),
            new XElement("datasource", DataSource(l, model)),
            new XElement("layername", l.Title(model.Language)),
            // A count of detections means nothing without the days it rests on: the hotspot layers say which have data.
            l.Geometry == QgisGeometry.Point ? new XElement("abstract", model.HotspotCoverage) : null,
            new XElement("srs", SpatialRefSys(Srid.Wgs84)),
            new XElement("provider", new XAttribute("encoding", "UTF-8"), "postgres"),
            QgisStyle.Renderer(l, model.Language),
            new XElement("blendMode", "0"),
            new XElement("featureBlendMode", "0"),
            new XElement("layerOpacity", "1"))));
        var e = model.ExtentUtm;
        return new XDocument(new XDocumentType("qgis", "http://mrcc.com/qgis.dtd", "SYSTEM", null),
            new XElement("qgis", new XAttribute("version", QgisStyle.Version), new XAttribute("projectname", model.Title),
                new XElement("title", model.Title),
                new XElement("projectCrs", SpatialRefSys(Srid.Utm47N)),
                tree,
                new XElement("mapcanvas", new XAttribute("name", "theMapCanvas"),
                    new XElement("units", "meters"),
                    new XElement("extent", new XElement("xmin", Number(e.MinX)), new XElement("ymin", Number(e.MinY)),
                        new XElement("xmax", Number(e.MaxX)), new XElement("ymax", Number(e.MaxY))),
                    new XElement("rotation", "0"),
                    new XElement("destinationsrs", SpatialRefSys(Srid.Utm47N))),
                projectLayers,
                // Areas measured in QGIS come out on the WGS 84 ellipsoid, as gis computes them.
                new XElement("properties",
                    new XElement("Measure", new XElement("Ellipsoid", new XAttribute("type", "QString"), "EPSG:7030")),
                    // Without it QGIS 3.22 ignores projectCrs and the project has no CRS.
                    new XElement("SpatialRefSys", new XElement("ProjectionsEnabled", new XAttribute("type", "int"), "1"))),
                new XElement("Layouts", QgisLayout.A4(model))));
    }

    /// <summary>
    /// The postgres provider's data source of a layer: the connection, its integer key (never guessed: QGIS 3.22 crashes
    /// on some views without one), SRID and type, the relation and its filter.
    /// </summary>
    public static string DataSource(QgisLayer layer, QgisProjectModel model)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(model);
        return string.Create(CultureInfo.InvariantCulture,
            $"{model.Connection} key='{layer.Key}' checkPrimaryKeyUnicity='0' srid={Srid.Wgs84} type={layer.Geometry} " +
            $"table=\"{model.Schema}\".\"{layer.Table}\" ({QgisLayer.GeometryColumn}) sql={layer.Filter}");
    }

    /// <summary>
    /// A CRS as QGIS reads it: by its EPSG code, which QGIS looks up when the element has a valid srsid (a number of QGIS'
    /// own CRS table: 3452 for WGS 84, 3131 for UTM 47N).
    /// </summary>
    internal static XElement SpatialRefSys(int srid) => new("spatialrefsys",
        new XElement("srsid", srid switch
        {
            Srid.Wgs84 => "3452",
            Srid.Utm47N => "3131",
            _ => throw new ArgumentOutOfRangeException(nameof(srid), srid, "No QGIS srsid known for this SRID."),
        }),
        new XElement("srid", srid.ToString(CultureInfo.InvariantCulture)),
        new XElement("authid", string.Create(CultureInfo.InvariantCulture, $"EPSG:{srid}")));

    internal static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
