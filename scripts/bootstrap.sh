#!/usr/bin/env bash
# Installs what gis needs on Debian when it is missing: PostgreSQL 15 with PostGIS 3 (the store), GDAL's tools
# (tests convert fixtures to GeoPackage; the benchmark runs ogr2ogr), Thai fonts (maps and reports),
# poppler-utils (tests read the PDFs they write), Chromium (the desktop is tested in a real browser), python3-qgis
# (a test opens the *_map views with QGIS itself, as a QGIS user would, ADR 0016) and, when no node/npm is on PATH,
# Debian's nodejs and npm (the desktop page is bundled at build time).
# Safe to run again: it installs only what is not there.
set -euo pipefail

packages=(postgresql-15-postgis-3 gdal-bin fonts-noto-core fonts-thai-tlwg poppler-utils chromium python3-qgis libreoffice-writer)

if ! command -v dotnet >/dev/null 2>&1; then
  echo "bootstrap: the .NET 10 SDK (dotnet) is required and not on PATH." >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done
# Checked by command, not by package: a node from another source (with its own npm) serves as well.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "bootstrap: please install these Debian packages as root: ${missing[*]}" >&2
  exit 1
fi

echo "bootstrap: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
