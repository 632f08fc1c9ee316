#!/usr/bin/env bash
# The heat map tiles (ADR 0012): a generated fire season of N detections (default 500,000) stored with gis, then
# `gis desktop` on loopback and, per zoom, every heat tile over Chiang Mai fetched once cold (made from PostGIS:
# pixel counts, kernel density, PNG) and once warm (from memory), next to the vector tiles of the same zoom.
# One request at a time, so a figure is the time of one tile. See docs/benchmarks.md ("Heat map").
#
#   bench/heat.sh [--rows 500000] [--seed 1] [--zooms 7,8,10,12] [--db bench_heat]
#
# Server: the private cluster under $GIS_HOME (default bench/out/home) or BENCH_PG_URI, as bench/run.sh; the
# database (--db, default bench_heat) is made once and reused by later runs (delete it to store the rows again);
# `--rows 5000000 --db bench_desktop` reuses the store of bench/desktop.sh.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="$root/bench/out"
rows=500000
seed=1
zooms=7,8,10,12
name=bench_heat
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --zooms) zooms="$2"; shift 2 ;;
    --db) name="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "heat.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
say() { printf '\n== %s\n' "$*" >&2; }

for t in psql dotnet curl; do
  command -v "$t" >/dev/null 2>&1 || { echo "heat.sh: $t is missing (scripts/bootstrap.sh installs it)" >&2; exit 1; }
done
say "build (Release)"
"$root/gis" --help >/dev/null
dotnet build "$root/tools/Gis.SampleData/Gis.SampleData.csproj" -c Release -o "$root/artifacts/sampledata" -nologo -v q >/dev/null

source "$root/bench/lib.sh"
bench_server || true
store_generated_firms "$name" "$rows" "$seed"
psql -X -q "$base_uri/$name" -c "VACUUM ANALYZE hotspot_grid"
psql -X -At "$base_uri/$name" -c "SELECT 'stored: ' || count(*) FILTER (WHERE left(district_code, 2) = '50') || ' counted detections in Chiang Mai, season 2569: ' || count(*) FILTER (WHERE left(district_code, 2) = '50' AND local_day BETWEEN '2026-01-01' AND '2026-05-31' AND instrument = 'VIIRS') FROM hotspot_counted"

start_desktop "$name" "$out/heat-server.log"
url="${url%/}"
# Let the background warm-up of the vector tiles (zooms 7-9) finish, so it does not share the cores with the figures.
sleep 20

# Tiles over Chiang Mai's box (west, south, east, north) at zoom z, as x y pairs.
tiles_of() {
  python3 - "$1" <<'PY'
import math, sys
z = int(sys.argv[1]); n = 2 ** z
def tile(lon, lat):
    r = math.radians(lat)
    return int((lon + 180) / 360 * n), int((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)
(x0, y0), (x1, y1) = tile(97.9, 20.2), tile(99.6, 17.2)
# Above zoom 10 a 5 x 5 block around the city and Mae Chaem is enough: every tile costs about the same.
if z > 10:
    cx, cy = tile(98.6, 18.6)
    x0, x1, y0, y1 = cx - 2, cx + 2, cy - 2, cy + 2
for x in range(x0, x1 + 1):
    for y in range(y0, y1 + 1):
        print(x, y)
PY
}

# Prints count, median and max of the milliseconds read on stdin.
stats() { sort -n | awk '{ a[NR] = $1 } END { printf "%d tiles, median %.0f ms, max %.0f ms", NR, a[int((NR + 1) / 2)], a[NR] }'; }

query="period=season:2569"
IFS=, read -ra zs <<<"$zooms"
for z in "${zs[@]}"; do
  say "zoom $z"
  mapfile -t tiles < <(tiles_of "$z")
  for kind in heat hotspots; do
    ext=png; [ "$kind" = hotspots ] && ext=pbf
    cold="$out/heat-cold-$kind-$z.txt"; warm="$out/heat-warm-$kind-$z.txt"; size="$out/heat-size-$kind-$z.txt"
    : >"$cold"; : >"$warm"; : >"$size"
    for t in "${tiles[@]}"; do
      set -- $t
      curl -sf -o /dev/null -w '%{time_total} %{size_download}\n' "$url/api/tiles/$kind/$z/$1/$2.$ext?$query" | awk -v s="$size" '{ printf "%.1f\n", $1 * 1000; print $2 >> s }' >>"$cold"
      curl -sf -o /dev/null -w '%{time_total}\n' "$url/api/tiles/$kind/$z/$1/$2.$ext?$query" | awk '{ printf "%.1f\n", $1 * 1000 }' >>"$warm"
    done
    printf '%-9s z%-2s cold: %s; warm: %s; largest %s bytes\n' "$kind" "$z" "$(stats <"$cold")" "$(stats <"$warm")" "$(sort -n "$size" | tail -1)"
  done
done
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load average at the end: $load_end (2 cores; other work on the machine counts in the figures)"
