"""Opens each view named on the command line the way QGIS' browser does, without being told a key, and prints
what QGIS made of it as one JSON object. Run with Debian's python3-qgis (/usr/bin/python3), QT_QPA_PLATFORM=offscreen
and the connection in PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD."""
import json
import os
import sys

from qgis.core import QgsApplication, QgsDataSourceUri, QgsProviderRegistry, QgsVectorLayer

QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
log = []
QgsApplication.messageLog().messageReceived.connect(lambda message, tag, level: log.append(f"{tag}: {message}"))

connection = QgsDataSourceUri()
connection.setConnection(os.environ["PGHOST"], os.environ["PGPORT"], os.environ["PGDATABASE"], os.environ["PGUSER"],
                         os.environ["PGPASSWORD"])
provider = QgsProviderRegistry.instance().providerMetadata("postgres").createConnection(connection.uri(False), {})
tables = {t.tableName(): t for t in provider.tables("public")}
result = {}
for view in sys.argv[1:]:
    # The browser keys a view on the first of its key candidates, unless the user picks another: for a view, that is
    # its first column.
    key = tables[view].primaryKeyColumns()[0]
    uri = QgsDataSourceUri(connection)
    uri.setDataSource("public", view, "geom", "", key)
    layer = QgsVectorLayer(uri.uri(False), view, "postgres")
    entry = {"key": key, "valid": layer.isValid()}
    if layer.isValid():
        features = list(layer.getFeatures())
        entry.update({
            "key_type": layer.fields().field(key).typeName(),
            "features": layer.featureCount(),
            "distinct_ids": len({f.id() for f in features}),
            "ids_are_keys": all(f.id() == f[key] for f in features),
            "with_geometry": sum(1 for f in features if f.hasGeometry()),
            "fields": layer.fields().names(),
        })
        del features
    del layer
    result[view] = entry
result["log"] = log
print(json.dumps(result), flush=True)
# Leaving through exitQgis() crashes python3-qgis 3.22 headless after the output is written; the result is complete.
os._exit(0)
