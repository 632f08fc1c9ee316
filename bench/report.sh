#!/usr/bin/env bash
# The report benchmark: the 25-district atlas PDF of Chiang Mai (`gis report`) with the real 2026 NOAA-20 hotspots
# and the HDX district boundaries from ../shared/data, and one hotspot map PNG at 150 dpi, A4 landscape (`gis map`).
# Goals: report < 10 s, map PNG < 1 s. Prints, per run, the wall time of the whole command (process start included)
# and the command's own split (fonts and data / drawing); see docs/benchmarks.md ("Reports").
#
#   bench/report.sh [--runs 3] [--keep]
#
# Data: ../shared/data/boundaries/hdx-thailocate/amphoe.geojson (928 districts) and
# ../shared/data/firms/viirs-noaa20-nrt-2026 (29 snapshots), imported once per run into a fresh database bench_report.
# Server: the private cluster under $GIS_HOME (default bench/out/home, never the user's own), stopped at the end
# unless --keep; or BENCH_PG_URI=postgresql://user:password@host:port/anydb (bench_report dropped and created there).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="$root/bench/out"
runs=3
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "report.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
data="$(cd "$root/.." && pwd)/shared/data"
boundaries="$data/boundaries/hdx-thailocate/amphoe.geojson"
firms="$data/firms/viirs-noaa20-nrt-2026"
for f in "$boundaries" "$firms"; do
  [ -e "$f" ] || { echo "report.sh: $f is missing (the shared real data)" >&2; exit 1; }
done
mkdir -p "$out/report"
say() { printf '\n== %s (load %s)\n' "$*" "$(cut -d' ' -f1-3 /proc/loadavg)" >&2; }
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

say "build (./gis builds Release on first use)"
command -v pdfinfo >/dev/null 2>&1 || { echo "report.sh: pdfinfo is missing (scripts/bootstrap.sh installs poppler-utils)" >&2; exit 1; }
"$root/gis" --help >/dev/null

source "$root/bench/lib.sh"
if bench_server; then keep=1; fi
stop_cluster() { [ "$keep" -eq 1 ] || "$root/gis" db stop >&2 || true; }
trap stop_cluster EXIT
fresh_db bench_report
db="$(npgsql_for bench_report)"

say "import: HDX districts, 2026 NOAA-20 hotspots"
"$root/gis" import boundaries "$boundaries" --db "$db" | tail -1 >&2
"$root/gis" import firms "$firms" --db "$db" | tail -1 >&2

now() { date +%s.%N; }
# Runs "$@" $runs times; prints each run's wall seconds and the command's own line, then the best wall time.
measure() {
  local name="$1"; shift
  local best="" t0 t1 line wall
  for i in $(seq 1 "$runs"); do
    t0="$(now)"; line="$("$@")"; t1="$(now)"
    wall="$(echo "$t1 - $t0" | bc -l)"
    printf '%-8s run %d: %6.2f s wall | %s\n' "$name" "$i" "$wall" "${line#Wrote }"
    if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc -l)" -eq 1 ]; then best="$wall"; fi
  done
  printf '%-8s best:  %6.2f s wall\n' "$name" "$best"
}

say "gis report: Chiang Mai atlas, season 2569 ($runs runs)"
pdf="$out/report/chiang-mai-2569.pdf"
measure report "$root/gis" report --period season:2569 --province 50 --out "$pdf" --tables "$out/report/chiang-mai-2569.xlsx" --db "$db"
echo "pages: $(pdfinfo "$pdf" | sed -n 's/^Pages: *//p'), size: $(du -k "$pdf" | cut -f1) KiB"

say "gis map: hotspots, A4 landscape PNG at 150 dpi ($runs runs)"
png="$out/report/hotspots-2569.png"
measure map "$root/gis" map --theme hotspots --layers districts,hotspots --period season:2569 --size a4-landscape --dpi 150 --out "$png" --db "$db"

say "baseline: process start (gis --help), and start + store open + one small query (gis hotspots, one day)"
t0="$(now)"; "$root/gis" --help >/dev/null; t1="$(now)"
printf 'gis --help:            %6.2f s wall\n' "$(echo "$t1 - $t0" | bc -l)"
t0="$(now)"; "$root/gis" hotspots --from 2569-01-01 --to 2569-01-01 --province 50 --format csv --db "$db" >/dev/null; t1="$(now)"
printf 'gis hotspots, one day: %6.2f s wall\n' "$(echo "$t1 - $t0" | bc -l)"
echo "load average: $load_start at start, $(cut -d' ' -f1-3 /proc/loadavg) at end; $(nproc) CPUs"
