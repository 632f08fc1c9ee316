"""Opens a project downloaded from the workstation the way QGIS does and prints, per layer, whether it is valid, its
feature count and its abstract, as one JSON object. Run with Debian's python3-qgis (/usr/bin/python3),
QT_QPA_PLATFORM=offscreen, PGSERVICEFILE naming the workstation's pg_service.conf and the password in PGPASSWORD.
Argument: PROJECT.qgz."""
import json
import os
import sys

from qgis.core import QgsApplication, QgsProject

QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
log = []
QgsApplication.messageLog().messageReceived.connect(lambda message, tag, level: log.append(f"{tag}: {message}"))

project = QgsProject.instance()
result = {"read": project.read(sys.argv[1]), "crs": project.crs().authid(), "layers": {}}
for node in project.layerTreeRoot().findLayers():
    layer = node.layer()
    entry = {"name": layer.name(), "valid": layer.isValid(), "abstract": layer.abstract()}
    if layer.isValid():
        entry["features"] = layer.featureCount()
        entry["renderer"] = layer.renderer().type()
    result["layers"][layer.id()] = entry
result["log"] = log
print(json.dumps(result), flush=True)
# Leaving through exitQgis() crashes python3-qgis 3.22 headless after the output is written; the result is complete.
os._exit(0)
