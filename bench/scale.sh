#!/usr/bin/env bash
# The scale run: a synthetic national decade of FIRMS detections (default 50,000,000 rows, 2017-2026, all of
# Thailand), imported with `gis import firms` one file per year into a fresh database bench_scale, then:
#   1. import time per file and in all, rows/s,
#   2. size on disk: hotspot heap and indexes (summed over its partitions, if it has any), the daily cube
#      hotspot_day_count, the whole database,
#   3. `gis targets hotspots --period season:2569` for Chiang Mai (50) and for --province all (where the build takes
#      it; otherwise the all-district counting SQL), cold (server just restarted) and warm (best of --runs),
#   4. `gis desktop` tiles over Chiang Mai, zooms 8-12, of a season the workstation does not prepare at start
#      (season:2568): each tile once (cold), then repeated for --seconds (warm), --concurrency at a time,
#   5. the load average at each step. See docs/benchmarks.md ("Benchmarks: a national decade").
#
#   bench/scale.sh [--rows 50000000] [--seed 1] [--runs 3] [--seconds 30] [--concurrency 50] [--keep] [--reuse]
#
# --reuse keeps bench_scale as a previous run of the same --rows left it and skips the imports.
#
# Data (generated once per size into bench/out/ and reused, ~85 bytes a row): 5,000 burn sites inside the 928 HDX
# districts (as bench/targets.sh), and per year of 2017-2026 a tenth of --rows FIRMS rows (no repeats; mostly in the
# Jan-May fire season) scattered around them. Disk: the script refuses to start with less free space than ~800
# bytes a row (the CSVs ~85, the database ~680 with the tile grid, the WAL of the imports; measured at 50M, see
# docs/benchmarks.md): ~40 GB for 50M.
#
# Server: the private cluster under $GIS_HOME (default bench/out/home, never the user's own), stopped at the end
# unless --keep; or BENCH_PG_URI=postgresql://user:password@host:port/anydb (then never restarted: cold figures are
# not measured). Cold means PostgreSQL's own buffers are empty; the operating system's file cache is not dropped.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="$root/bench/out"
rows=50000000
seed=1
runs=3
seconds=30
concurrency=50
keep=0
reuse=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --reuse) reuse=1; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "scale.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
years=(2017 2018 2019 2020 2021 2022 2023 2024 2025 2026)
per_year=$((rows / ${#years[@]}))
mkdir -p "$out"
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
say() { printf '\n== %s (load %s)\n' "$*" "$(loadavg)" >&2; }
# elapsed T0: seconds since T0 (from date +%s.%N), two decimals.
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}'; }
load_start="$(loadavg)"
started=$SECONDS

# --- disk, tools, build, server ---------------------------------------------------------------------------------
need_gb=$(awk -v r="$rows" 'BEGIN{printf "%.1f", r * 800 / 1e9}')
free_gb=$(df -P -B1 "$out" | awk 'NR==2{printf "%.1f", $4 / 1e9}')
echo "disk: $rows rows need ~$need_gb GB (CSVs ~85 B/row, database and WAL ~700 B/row); $free_gb GB free in $out" >&2
if [ "$reuse" -eq 0 ] && awk -v n="$need_gb" -v f="$free_gb" 'BEGIN{exit !(f < n)}'; then
  echo "scale.sh: not enough free disk for $rows rows ($need_gb GB needed, $free_gb GB free); try --rows" >&2; exit 1
fi
say "tools and build (Release)"
for t in psql dotnet; do
  command -v "$t" >/dev/null 2>&1 || { echo "scale.sh: $t is missing (scripts/bootstrap.sh installs it)" >&2; exit 1; }
done
"$root/gis" --help >/dev/null
dotnet build "$root/tools/Gis.SampleData/Gis.SampleData.csproj" -c Release -o "$root/artifacts/sampledata" -nologo -v q >/dev/null
dotnet build "$root/tools/Gis.DesktopLoad/Gis.DesktopLoad.csproj" -c Release -o "$root/artifacts/desktopload" -nologo -v q >/dev/null

source "$root/bench/lib.sh"
private=1
# A server the user named is theirs: never stopped or restarted by this script.
if bench_server; then keep=1; private=0; fi
stop_all() {
  [ -z "${server:-}" ] || kill "$server" 2>/dev/null || true
  [ "$keep" -eq 1 ] || "$root/gis" db stop >&2 || true
}
trap stop_all EXIT
db="$base_uri/bench_scale"
gis_db="$(npgsql_for bench_scale)"
# Empties PostgreSQL's buffers (a restart), so the next query reads its pages from the file cache or the disk.
restart_server() {
  [ "$private" -eq 1 ] || return 0
  "$root/gis" db stop >&2
  "$root/gis" db start >&2
}

# --- data -------------------------------------------------------------------------------------------------------
if [ "$reuse" -eq 0 ]; then
  say "fresh database bench_scale; import the 928 districts"
  fresh_db bench_scale
  "$root/gis" import boundaries "$root/../shared/data/boundaries/hdx-thailocate/amphoe.geojson" --db "$gis_db" >/dev/null
fi
sites="$(thai_sites "$db" "$seed")"
files=()
for year in "${years[@]}"; do
  csv="$out/firms-th-$year-$per_year-s$seed.csv"
  if [ ! -f "$csv.done" ]; then
    say "generating $per_year FIRMS rows dated $year (seed $seed)"
    dotnet "$root/artifacts/sampledata/Gis.SampleData.dll" firms --rows "$per_year" --out "$csv" \
      --seed "$((seed * 10000 + year))" --duplicates 0 --bbox 97.3,5.6,105.7,20.5 --years "$year" --sites "$sites"
    # The generator writes NOAA-20, which gis rejects before its launch (18 Nov 2017); FIRMS has S-NPP VIIRS then.
    [ "$year" -ge 2018 ] || sed -i 's/,N20,VIIRS,/,N,VIIRS,/' "$csv"
    touch "$csv.done"
  fi
  files+=("$csv")
done
csv_bytes=$(cat "${files[@]}" | wc -c)

# --- import -----------------------------------------------------------------------------------------------------
import_lines=()
import_total=0
if [ "$reuse" -eq 0 ]; then
  for csv in "${files[@]}"; do
    say "import firms $(basename "$csv")"
    t0=$(date +%s.%N)
    "$root/gis" import firms "$csv" --db "$gis_db" --json >/dev/null
    t=$(elapsed "$t0")
    import_total=$(awk -v a="$import_total" -v b="$t" 'BEGIN{printf "%.2f", a+b}')
    import_lines+=("$(awk -v f="$(basename "$csv")" -v r="$per_year" -v t="$t" -v l="$(loadavg)" \
      'BEGIN{printf "| %s | %d | %.1f | %.0f | %s |", f, r, t, r/t, l}')")
  done
  say "VACUUM ANALYZE"
  t0=$(date +%s.%N)
  psql_q "$db" -c "VACUUM ANALYZE"
  vacuum_s=$(elapsed "$t0")
fi
read -r stored tagged first_day last_day < <(psql -X -At -F' ' "$db" -c \
  "SELECT count(*), count(district_code), min(local_day), max(local_day) FROM hotspot")

# --- size on disk -----------------------------------------------------------------------------------------------
# Summed over the partitions of hotspot when it has any (pg_partition_tree lists none for a plain table; a
# partitioned parent has no storage of its own).
IFS='|' read -r heap_mb index_mb hotspot_mb cube_mb db_mb partitions grid_mb < <(psql -X -At "$db" -c "
  WITH t AS (SELECT relid FROM pg_partition_tree('hotspot') UNION SELECT 'hotspot'::regclass),
       g AS (SELECT relid FROM pg_partition_tree('hotspot_grid'))
  SELECT round(sum(pg_table_size(relid)) / 1e6), round(sum(pg_indexes_size(relid)) / 1e6),
         round(sum(pg_total_relation_size(relid)) / 1e6),
         round(coalesce(pg_total_relation_size(to_regclass('hotspot_day_count')), 0) / 1e6),
         round(pg_database_size(current_database()) / 1e6), count(*) - 1,
         (SELECT round(coalesce(sum(pg_total_relation_size(relid)), 0) / 1e6) FROM g)
  FROM t")
cube_rows=$(psql -X -At "$db" -c "SELECT count(*) FROM hotspot_day_count" 2>/dev/null || echo "no cube")

# --- hotspot targets --------------------------------------------------------------------------------------------
# cli_s ARGS...: wall seconds of one `gis targets hotspots` run.
cli_s() {
  local t0; t0=$(date +%s.%N)
  "$root/gis" targets hotspots --period season:2569 --format csv --db "$gis_db" "$@" >/dev/null 2>"$out/scale-cli.err" || return 1
  elapsed "$t0"
}
# cold_warm ARGS...: "cold best-warm" seconds of `gis targets hotspots ARGS`, or "- -" when the build refuses ARGS.
cold_warm() {
  local cold best="" t
  restart_server
  cold=$(cli_s "$@") || { echo "- -"; return 0; }
  for _ in $(seq 1 "$runs"); do
    t=$(cli_s "$@")
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; fi
  done
  echo "$cold $best"
}
say "gis targets hotspots --period season:2569 --province 50"
read -r t50_cold t50_warm < <(cold_warm --province 50); echo "cold $t50_cold s, warm $t50_warm s" >&2
say "gis targets hotspots --period season:2569 --province all"
read -r tall_cold tall_warm < <(cold_warm --province all); echo "cold $tall_cold s, warm $tall_warm s" >&2
tall_note="gis targets hotspots --province all"
if [ "$tall_cold" = "-" ]; then
  # This build takes one province per call: time the counting SQL for all districts instead (both seasons, one
  # scan, as HotspotCounts asks for one province), on the points.
  tall_note="all-district counting SQL (this build has no --province all: $(head -1 "$out/scale-cli.err"))"
  cat >"$out/q-scale-all.sql" <<'SQL'
SELECT h.district_code, p.idx, count(*) FROM hotspot h
JOIN unnest('{2026-01-01,2025-01-01}'::date[], '{2026-05-31,2025-05-31}'::date[]) WITH ORDINALITY AS p(first_day, last_day, idx)
  ON h.local_day BETWEEN p.first_day AND p.last_day
WHERE h.district_code IS NOT NULL AND h.instrument = 'VIIRS'
GROUP BY 1, 2;
SQL
  restart_server
  mapfile -t ms < <( { echo '\timing on'; for _ in $(seq 0 "$runs"); do cat "$out/q-scale-all.sql"; done; } \
    | psql -X -q -v ON_ERROR_STOP=1 -o /dev/null "$db" | grep -o '^Time: [0-9.]*' | grep -o '[0-9.]*$')
  tall_cold=$(awk -v m="${ms[0]}" 'BEGIN{printf "%.2f", m/1000}')
  tall_warm=$(printf '%s\n' "${ms[@]:1}" | sort -n | head -1 | awk '{printf "%.2f", $1/1000}')
  echo "SQL: cold $tall_cold s, warm $tall_warm s" >&2
fi

# --- workstation tiles ------------------------------------------------------------------------------------------
restart_server
start_desktop bench_scale "$out/scale-server.log"
trap stop_all EXIT # start_desktop's own trap would leave the cluster running
# The host prepares the latest season (2569) at start; season:2568 stays cold for the client. Wait for the
# preparation so it does not share the cores with the figures.
sleep 20
say "tiles: season:2568 over Chiang Mai, zooms 8-12, $concurrency concurrent"
tiles="$(dotnet "$root/artifacts/desktopload/Gis.DesktopLoad.dll" tiles "$url" --period season:2568 \
  --concurrency "$concurrency" --seconds "$seconds" --requests 100000 || true)"
echo "$tiles" >&2
kill "$server" 2>/dev/null || true
server=""

# --- report -----------------------------------------------------------------------------------------------------
say "results"
echo "server: PostgreSQL $(psql -X -At "$db" -c "SELECT current_setting('server_version')"), PostGIS $(psql -X -At "$db" -c "SELECT postgis_lib_version()"); .NET $(dotnet --version); $(nproc) CPUs; $(free -g | awk '/Mem:/{print $2}') GB RAM; commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "-")"
echo "load average at the start: $load_start; at the end: $(loadavg); run took $((SECONDS - started)) s"
echo "data: ${#files[@]} files, $rows rows, $((csv_bytes / 1000000)) MB of CSV; stored $stored detections ($tagged in a district), days $first_day..$last_day"
echo
if [ "$reuse" -eq 0 ]; then
  echo "| file | rows | seconds | rows/s | load average after |"
  echo "|---|---:|---:|---:|---|"
  printf '%s\n' "${import_lines[@]}"
  awk -v r="$rows" -v t="$import_total" 'BEGIN{printf "| all | %d | %.1f | %.0f | |\n", r, t, r/t}'
  echo "VACUUM ANALYZE afterwards: $vacuum_s s"
  echo
fi
echo "| batch | read | stored | duplicate | rejected |"
echo "|---|---:|---:|---:|---:|"
psql -X -At -F' | ' "$db" -c "SELECT '| ' || regexp_replace(source, '^.*/', ''), rows_read, rows_stored, rows_duplicate,
  rows_rejected || ' |' FROM import_batch ORDER BY id"
echo
echo "size on disk: hotspot heap $heap_mb MB + indexes $index_mb MB = $hotspot_mb MB ($partitions partitions);"
echo "  cube hotspot_day_count $cube_mb MB ($cube_rows rows); tile grid hotspot_grid $grid_mb MB; database $db_mb MB in all;" \
  "$(awk -v d="$db_mb" -v s="$stored" 'BEGIN{printf "%.0f", d*1e6/s}') bytes a detection"
echo
echo "| query (season:2569 against 2568) | cold s | warm s (best of $runs) |"
echo "|---|---:|---:|"
echo "| gis targets hotspots --province 50 (wall, with .NET start) | $t50_cold | $t50_warm |"
echo "| $tall_note | $tall_cold | $tall_warm |"
echo
echo "tiles (gis desktop, season:2568, Chiang Mai zooms 8-12, $concurrency concurrent):"
echo "$tiles" | grep -E '^(cold|load)' | sed 's/^/  /'
