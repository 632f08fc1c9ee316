#!/usr/bin/env bash
# The workstation benchmark: 5M generated FIRMS detections stored with gis, then `gis desktop` on loopback and
#   1. EXPLAIN ANALYZE of the hotspot tile query (index use) for a province tile and a zoom-12 tile,
#   2. a bounded load loop against the tile endpoint at 50 concurrent requests (tools/Gis.DesktopLoad): every tile of
#      zooms 8-12 over Chiang Mai once (cold), then repeated tiles for at most --seconds (p50/p95, errors),
#   3. time to a drawn map in Debian's Chromium (fresh profile each run).
# See docs/benchmarks.md ("Map workstation") for the figures and how to read them.
#
#   bench/desktop.sh [--rows 5000000] [--seed 1] [--seconds 60] [--concurrency 50]
#
# Server: the private cluster under $GIS_HOME (default bench/out/home) or BENCH_PG_URI, as bench/run.sh; the
# database bench_desktop is made once and reused by later runs (delete it to store the rows again).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="$root/bench/out"
rows=5000000
seed=1
seconds=60
concurrency=50
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "desktop.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
say() { printf '\n== %s\n' "$*" >&2; }

say "tools"
"$root/scripts/bootstrap.sh"
for t in psql dotnet /usr/bin/chromium; do
  command -v "$t" >/dev/null 2>&1 || { echo "desktop.sh: $t is missing (scripts/bootstrap.sh installs it)" >&2; exit 1; }
done
say "build (Release)"
"$root/gis" --help >/dev/null
dotnet build "$root/tools/Gis.SampleData/Gis.SampleData.csproj" -c Release -o "$root/artifacts/sampledata" -nologo -v q >/dev/null
dotnet build "$root/tools/Gis.DesktopLoad/Gis.DesktopLoad.csproj" -c Release -o "$root/artifacts/desktopload" -nologo -v q >/dev/null
load() { dotnet "$root/artifacts/desktopload/Gis.DesktopLoad.dll" "$@"; }

source "$root/bench/lib.sh"
bench_server || true
db="$(npgsql_for bench_desktop)"
store_generated_firms bench_desktop "$rows" "$seed"
# A store made by an older gis gets the current schema now (a migration may rebuild the grid), timed, so that the
# VACUUM below finds the grid the tiles will read.
start_s=$SECONDS
load explain "$db" --period season:2569 >/dev/null
echo "schema current (migrations and a first tile plan): $((SECONDS - start_s)) s"
# The per-day grid the zoomed-out tiles read (ADR 0023, 0027), vacuumed so its index answers alone.
psql -X -q "$base_uri/bench_desktop" -c "VACUUM ANALYZE hotspot_grid"
psql -X -At "$base_uri/bench_desktop" -c "SELECT 'grid: ' || count(*) || ' rows, ' || count(*) FILTER (WHERE province_code = '50') || ' in Chiang Mai, ' || pg_size_pretty(pg_total_relation_size('hotspot_grid')) FROM hotspot_grid"
psql -X -At "$base_uri/bench_desktop" -c "SELECT 'stored: ' || count(*) || ' detections, ' || count(*) FILTER (WHERE left(district_code, 2) = '50') || ' in Chiang Mai, days ' || min(local_day) || '..' || max(local_day) FROM hotspot_counted"

say "EXPLAIN ANALYZE of the tile query"
load explain "$db" --period season:2569 | grep -E '^--|Index|Seq Scan|Bitmap|Heap Fetches|Execution Time|rows='  | sed 's/^ *//' | head -40

start_desktop bench_desktop "$out/desktop-server.log"

say "time to a drawn map in Chromium"
load page "$url" --runs 3

say "tile load: $concurrency concurrent, at most $seconds s"
load tiles "$url" --period season:2569 --concurrency "$concurrency" --seconds "$seconds" --requests 50000 \
  --days 2026-02-15,2026-03-01,2026-03-15,2026-04-01,2026-04-15
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load average at the end: $load_end (2 cores; other work on the machine counts in the figures)"
