#!/usr/bin/env bash
# The main job end to end on sample-data/: install what is missing, start the private PostGIS cluster (unless
# GIS_DB or --db names a server), import the sample districts and FIRMS hotspots, and print the per-district table.
# Extra arguments go to every gis call (e.g. --db "Host=...;Database=...").
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

bash scripts/bootstrap.sh
if [ -z "${GIS_DB:-}" ] && [[ " $* " != *" --db "* ]]; then
  ./gis db start
fi

./gis import boundaries sample-data/boundaries/chiang-mai-districts.geojson "$@"
./gis import firms sample-data/firms "$@"

echo
echo "== Fire season 2569 (1 Jan - 31 May 2026), hotspots per district of Chiang Mai =="
./gis hotspots --from 2026-01-01 --to 2026-05-31 --province 50 "$@"
