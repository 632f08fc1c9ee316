#!/usr/bin/env bash
# The main job end to end on sample-data/: install what is missing, start the private PostGIS cluster (unless
# GIS_DB or --db names a server), import the sample districts, hotspots, land use and plan projects, and print the
# hotspot counts and both target tables. Extra arguments go to every gis call (e.g. --db "Host=...;Database=...").
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

bash scripts/bootstrap.sh
if [ -z "${GIS_DB:-}" ] && [[ " $* " != *" --db "* ]]; then
  ./gis db start
fi

# The sample data is synthetic: the credit.txt in each of its folders makes every map and report say so, never
# HDX, NASA or LDD (ADR 0017).
./gis import boundaries sample-data/boundaries/chiang-mai-province.geojson "$@"
./gis import boundaries sample-data/boundaries/chiang-mai-districts.geojson "$@"
./gis import firms sample-data/firms "$@"
./gis import landuse sample-data/landuse/landuse-2565.geojson --snapshot 2565 "$@"
./gis import landuse sample-data/landuse/landuse-2566.geojson --snapshot 2566 "$@"
./gis import projects sample-data/projects/projects.csv "$@"
./gis import projects sample-data/projects/project-areas.geojson "$@"

echo
echo "== Fire season 2569 (1 Jan - 31 May 2026): hotspots per district of Chiang Mai =="
./gis hotspots --from 2569-01-01 --to 2569-05-31 --province 50 "$@"

echo
echo "== Target 1: hotspots down 5 % (season 2569 against 2568, VIIRS S-NPP: the one series present in both) =="
./gis targets hotspots --period season:2569 --satellite N --save "$@"

echo
echo "== Target 2: 1,000 rai of green area a year (allocation 2568 by restorable land; land use 2565 -> 2566) =="
./gis allocate --year 2568 "$@"
echo
./gis targets green --from 2565 --to 2566 --year 2568 --save "$@"

echo
echo "== Plan projects: what lies inside their areas, season 2568 =="
./gis projects --period season:2568 "$@"

echo
echo "== Maps =="
mkdir -p artifacts/demo
./gis map --theme reduction --layers districts,hotspots --period season:2569 --out artifacts/demo/reduction-2569.pdf "$@"
./gis map --theme hotspots --layers districts,hotspots --period season:2569 --out artifacts/demo/hotspots-2569.png "$@"
echo "Maps written to $root/artifacts/demo/ (reduction-2569.pdf, hotspots-2569.png)."

echo
echo "== District report: both targets, a page per district =="
./gis report --period season:2569 --satellite N --green-from 2565 --green-to 2566 --year 2568 \
  --out artifacts/demo/report.pdf --tables artifacts/demo/report.xlsx "$@"
echo "Report written to $root/artifacts/demo/report.pdf (statistics: artifacts/demo/report.xlsx)."
