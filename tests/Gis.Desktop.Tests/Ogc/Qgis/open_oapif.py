"""Opens collections of the workstation's OGC API with QGIS' OAPIF provider, as a user adding an 'OGC API - Features'
connection would, and prints what QGIS made of each as one JSON object. Run with Debian's python3-qgis
(/usr/bin/python3) and QT_QPA_PLATFORM=offscreen: open_oapif.py URL COLLECTION..."""
import json
import os
import sys

from qgis.core import QgsApplication, QgsVectorLayer

QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
log = []
QgsApplication.messageLog().messageReceived.connect(lambda message, tag, level: log.append(f"{tag}: {message}"))

url = sys.argv[1]
result = {}
for collection in sys.argv[2:]:
    layer = QgsVectorLayer(f"url='{url}' typename='{collection}' pageSize='100'", collection, "OAPIF")
    entry = {"valid": layer.isValid()}
    if layer.isValid():
        features = list(layer.getFeatures())
        entry.update({
            "features": len(features),
            "with_geometry": sum(1 for f in features if f.hasGeometry()),
            "fields": layer.fields().names(),
            "crs": layer.crs().authid(),
        })
        del features
    del layer
    result[collection] = entry
result["log"] = log
print(json.dumps(result), flush=True)
# Leaving through exitQgis() crashes python3-qgis 3.22 headless after the output is written; the result is complete.
os._exit(0)
