"""Opens a project written by `gis qgis` the way QGIS does, renders it, and loads tables the way QGIS' browser panel
does, then prints what QGIS made of it all as one JSON object. Run with Debian's python3-qgis (/usr/bin/python3),
QT_QPA_PLATFORM=offscreen, PGSERVICEFILE naming the project's pg_service.conf and the password in PGPASSWORD.
Arguments: PROJECT.qgz IMAGE.png LAYOUT.png TABLE... (the tables to open from the browser)."""
import json
import os
import sys

from qgis.core import (QgsApplication, QgsCoordinateTransform, QgsDataSourceUri, QgsExpression, QgsLayoutExporter, QgsMapRendererSequentialJob, QgsMapSettings,
                       QgsProject, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize

QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
log = []
QgsApplication.messageLog().messageReceived.connect(lambda message, tag, level: log.append(f"{tag}: {message}"))
project_path, image_path, layout_path, tables = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]


def style(renderer):
    entry = {"type": renderer.type()}
    if renderer.type() == "categorizedSymbol":
        entry["expression"] = renderer.classAttribute()
        entry["categories"] = [{"value": c.value(), "label": c.label(), "fill": c.symbol().color().name(),
                                "outline": c.symbol().symbolLayer(0).strokeColor().name(), "symbol": c.symbol().type()}
                               for c in renderer.categories()]
    elif renderer.type() == "singleSymbol":
        entry["categories"] = [{"value": "", "label": "", "fill": renderer.symbol().color().name(),
                                "outline": renderer.symbol().symbolLayer(0).strokeColor().name(), "symbol": renderer.symbol().type()}]
    elif renderer.type() == "heatmapRenderer":
        ramp = renderer.colorRamp()
        entry.update({"radius": renderer.radius(), "radius_unit": int(renderer.radiusUnit()), "max": renderer.maximumValue(),
                      "stops": [[s.offset, s.color.name()] for s in ramp.stops()], "discrete": ramp.isDiscrete()})
    return entry


project = QgsProject.instance()
result = {"read": project.read(project_path), "crs": project.crs().authid(), "layers": {}}
visible = []
for node in project.layerTreeRoot().findLayers():
    layer = node.layer()
    entry = {"name": layer.name(), "valid": layer.isValid(), "checked": node.isVisible(), "abstract": layer.abstract()}
    if layer.isValid():
        renderer = layer.renderer()
        entry.update(style(renderer))
        entry["features"] = layer.featureCount()
        entry["crs"] = layer.crs().authid()
        if renderer.type() == "categorizedSymbol":
            # Which category QGIS puts each feature in, by the feature's key.
            context = layer.createExpressionContext()
            expression = renderer.classAttribute()
            field = layer.fields().indexOf(expression)
            parsed = QgsExpression(expression)
            classes = {}
            for feature in layer.getFeatures():
                context.setFeature(feature)
                value = feature[field] if field >= 0 else parsed.evaluate(context)
                classes[str(feature.id())] = value
            entry["classes"] = classes
        if node.isVisible():
            visible.append(layer)
    result["layers"][layer.id()] = entry

settings = QgsMapSettings()
settings.setLayers(visible)
settings.setDestinationCrs(project.crs())
# The extent of the bottom visible layer (the districts), in the project's CRS.
bottom = visible[-1]
settings.setExtent(QgsCoordinateTransform(bottom.crs(), project.crs(), project).transformBoundingBox(bottom.extent()))
settings.setOutputSize(QSize(800, 800))
job = QgsMapRendererSequentialJob(settings)
job.start()
job.waitForFinished()
job.renderedImage().save(image_path, "PNG")
result["image_extent"] = settings.extent().toString()

layout = project.layoutManager().layoutByName("A4")
if layout is not None:
    items = [i for i in layout.items() if hasattr(i, "type") and hasattr(i, "id") and callable(getattr(i, "id"))]
    result["layout"] = {
        "items": sorted(f"{i.type()}:{i.id()}" for i in items if i.id()),
        "labels": {i.id(): i.text() for i in items if i.type() == 65641},
        "page_mm": [layout.pageCollection().page(0).pageSize().width(), layout.pageCollection().page(0).pageSize().height()],
        "export": QgsLayoutExporter(layout).exportToImage(layout_path, QgsLayoutExporter.ImageExportSettings()),
    }

# The browser panel: a table added by name, with nothing but the connection, its key and its geometry column.
browser = {}
for table in tables:
    uri = QgsDataSourceUri("service='gis'")
    uri.setDataSource("public", table, "geom", "", "id")
    layer = QgsVectorLayer(uri.uri(False), table, "postgres")
    browser[table] = {"valid": layer.isValid(), **(style(layer.renderer()) if layer.isValid() else {})}
result["browser"] = browser
result["log"] = log
print(json.dumps(result, default=str), flush=True)
# Leaving through exitQgis() crashes python3-qgis 3.22 headless after the output is written; the result is complete.
os._exit(0)
