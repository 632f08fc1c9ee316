#!/usr/bin/env bash
# The counts benchmark (issue 14, row 2): hotspot counts for every district of Thailand over one fire season, as the
# commands give them (wall clock, process start included) beside the plain ST_Contains join an analyst runs in psql
# (wall clock, psql start included), and where gis's wall time goes. Prints the figures and the load average; see
# docs/benchmarks.md ("Targets") for how to read them.
#
#   bench/counts.sh [--rows 1000000] [--seed 1] [--runs 3] [--keep] [--reuse]
#
# Data (generated once into bench/out/ and reused): the 928 HDX districts; --rows FIRMS VIIRS rows of the 2026 fire
# season (3 % dated Jun-Dec) around 5,000 burn sites inside the districts (as bench/targets.sh), imported with
# `gis import firms` into a fresh database bench_counts (--reuse keeps it as a previous run left it).
# Timings: best of --runs after one first run (also reported); besides the wall clock, the CPU of the gis process
# and, on the private cluster, the server's time for the statements of one run (from its log; ADR 0029).
#
# Server: the private cluster under $GIS_HOME (default bench/out/home), stopped at the end unless --keep; or
# BENCH_PG_URI=postgresql://user:password@host:port/anydb.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="$root/bench/out"
rows=1000000
seed=1
runs=3
keep=0
reuse=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --reuse) reuse=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "counts.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
say() { printf '\n== %s (load %s)\n' "$*" "$(cut -d' ' -f1-3 /proc/loadavg)" >&2; }
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
started=$SECONDS

say "tools and build (Release)"
for t in psql dotnet; do
  command -v "$t" >/dev/null 2>&1 || { echo "counts.sh: $t is missing (scripts/bootstrap.sh installs it)" >&2; exit 1; }
done
"$root/gis" --help >/dev/null
dotnet build "$root/tools/Gis.SampleData/Gis.SampleData.csproj" -c Release -o "$root/artifacts/sampledata" -nologo -v q >/dev/null

source "$root/bench/lib.sh"
if bench_server; then keep=1; fi
stop_cluster() { [ "$keep" -eq 1 ] || "$root/gis" db stop >&2 || true; }
trap stop_cluster EXIT
db="$base_uri/bench_counts"
gis_db="$(npgsql_for bench_counts)"
boundaries="$root/../shared/data/boundaries/hdx-thailocate/amphoe.geojson"
[ -f "$boundaries" ] || { echo "counts.sh: the HDX districts are missing ($boundaries)" >&2; exit 1; }

# --- data -------------------------------------------------------------------------------------------------------
if [ "$reuse" -eq 0 ]; then
  say "fresh database bench_counts; import boundaries"
  fresh_db bench_counts
  "$root/gis" import boundaries "$boundaries" --db "$gis_db" >/dev/null
fi
sites="$(thai_sites "$db" "$seed")"
csv="$out/firms-th-2026-$rows-s$seed.csv"
if [ ! -f "$csv.done" ]; then
  say "generating $rows FIRMS rows dated 2026 (seed $seed)"
  dotnet "$root/artifacts/sampledata/Gis.SampleData.dll" firms --rows "$rows" --out "$csv" --seed "$((seed * 10000 + 2026))" \
    --duplicates 0 --bbox 97.3,5.6,105.7,20.5 --years 2026 --sites "$sites"
  touch "$csv.done"
fi
import_s="-"
if [ "$reuse" -eq 0 ]; then
  say "import firms $(basename "$csv")"
  t0=$SECONDS
  "$root/gis" import firms "$csv" --db "$gis_db" --json >/dev/null
  import_s=$((SECONDS - t0))
  psql_q "$db" -c "VACUUM ANALYZE"
fi
read -r stored tagged in_season cube_rows < <(psql -X -At -F' ' "$db" -c "SELECT count(*), count(district_code),
  count(*) FILTER (WHERE local_day BETWEEN '2026-01-01' AND '2026-05-31'),
  (SELECT count(*) FROM hotspot_day_count WHERE local_day BETWEEN '2026-01-01' AND '2026-05-31') FROM hotspot")

# --- queries ----------------------------------------------------------------------------------------------------
# What `gis hotspots --province all` asks the cube (HotspotCounts.ByDistrictAsync, every district and the outside row).
cat >"$out/q-counts-cube.sql" <<'SQL'
WITH c AS (
    SELECT h.district_code, sum(h.detections)::bigint AS n
    FROM (SELECT * FROM hotspot_day_count WHERE source = 'firms' AND NOT superseded) h
    WHERE h.local_day BETWEEN '2026-01-01' AND '2026-05-31'
    GROUP BY 1)
SELECT a.code, a.name_th, a.name_en, coalesce(c.n, 0)
FROM admin_area a LEFT JOIN c ON c.district_code = a.code
WHERE a.level = 4
UNION ALL
SELECT NULL, NULL, NULL, c.n FROM c WHERE c.district_code IS NULL
ORDER BY 1;
SQL
# The same count from the points by their stored district tag (what gis ran before the cube).
cat >"$out/q-counts-points.sql" <<'SQL'
SELECT a.code, a.name_th, a.name_en, count(h.id)
FROM admin_area a
LEFT JOIN hotspot_counted h ON h.district_code = a.code AND h.local_day BETWEEN '2026-01-01' AND '2026-05-31'
WHERE a.level = 4
GROUP BY a.code, a.name_th, a.name_en
ORDER BY a.code;
SQL
# The analyst's query: point in polygon with the GiST index.
cat >"$out/q-counts-plain.sql" <<'SQL'
SELECT a.code, count(*)
FROM admin_area a JOIN hotspot h ON ST_Contains(a.geom, h.geom)
WHERE a.level = 4 AND h.local_day BETWEEN '2026-01-01' AND '2026-05-31'
GROUP BY 1;
SQL

say "SQL: cube (gis hotspots)"; read -r qc_first qc_best < <(best_ms "$out/q-counts-cube.sql"); echo "$qc_first / $qc_best ms" >&2
say "SQL: points by tag (before)"; read -r qp_first qp_best < <(best_ms "$out/q-counts-points.sql"); echo "$qp_first / $qp_best ms" >&2
say "SQL: plain ST_Contains join"; read -r qj_first qj_best < <(best_ms "$out/q-counts-plain.sql"); echo "$qj_first / $qj_best ms" >&2

dll="$root/artifacts/cli/gis.dll"
say "wall: psql with the plain join (psql start included)"
read -r wj_first wj_best < <(wall_s psql -X -q -o /dev/null "$db" -f "$out/q-counts-plain.sql"); echo "$wj_first / $wj_best s" >&2
say "wall: gis hotspots --province all"
read -r wh_first wh_best < <(wall_s "$root/gis" hotspots --from 2026-01-01 --to 2026-05-31 --province all --format csv --db "$gis_db")
echo "$wh_first / $wh_best s" >&2
say "wall: gis targets hotspots --province all"
read -r wt_first wt_best < <(wall_s "$root/gis" targets hotspots --period season:2569 --province all --as-of 2026-12-31 \
  --format csv --db "$gis_db"); echo "$wt_first / $wt_best s" >&2
# Where the wall time goes: the wrapper's source check, .NET start and command parsing, and the store's open
# (connection, type loading, migration check) with one trivial query.
say "wall: parts"
read -r _ w_wrap < <(wall_s "$root/gis" --help)
read -r _ w_dotnet < <(wall_s dotnet "$dll" --help)
read -r _ w_hot_direct < <(wall_s dotnet "$dll" hotspots --from 2026-01-01 --to 2026-05-31 --province all --format csv --db "$gis_db")
read -r _ w_psql < <(wall_s psql -X -q -o /dev/null "$db" -c "SELECT 1")
# CPU (user + sys) of the gis process, best of --runs: what the machine's load changes least.
cpu_s() {
  local best="" t
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -o "$out/cpu.time" -f "%U %S" "$@" >/dev/null 2>&1
    t=$(awk '{printf "%.2f", $1 + $2}' "$out/cpu.time")
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; fi
  done
  echo "$best"
}
c_hot=$(cpu_s dotnet "$dll" hotspots --from 2026-01-01 --to 2026-05-31 --province all --format csv --db "$gis_db")
c_tgt=$(cpu_s dotnet "$dll" targets hotspots --period season:2569 --province all --as-of 2026-12-31 --format csv --db "$gis_db")
# The server's time for a command's statements (its log, private cluster only): every statement of bench_counts logged
# with its duration while the command runs once, then summed.
sql_of() {
  [ -n "$server_log" ] || { echo "-"; return; }
  psql_q "$db" -c "ALTER DATABASE bench_counts SET log_min_duration_statement = 0"
  local before; before=$(wc -l <"$server_log")
  "$@" >/dev/null
  psql_q "$db" -c "ALTER DATABASE bench_counts RESET log_min_duration_statement"
  tail -n +"$((before + 1))" "$server_log" | grep -o 'duration: [0-9.]* ms' | awk '{s += $2} END {printf "%.0f", s}'
}
server_log=""
if [ -z "${BENCH_PG_URI:-}" ]; then
  server_log="$("$root/gis" db status | sed -n 's/.*data in //p')/server.log"
  [ -r "$server_log" ] || server_log=""
fi
s_hot=$(sql_of dotnet "$dll" hotspots --from 2026-01-01 --to 2026-05-31 --province all --format csv --db "$gis_db")
s_tgt=$(sql_of dotnet "$dll" targets hotspots --period season:2569 --province all --as-of 2026-12-31 --format csv --db "$gis_db")
# Agreement: the cube's district counts against the points' (must be equal) and the plain join's (overlaps differ).
read -r sum_cube sum_points diff_rows sum_plain < <(psql -X -q -At -F' ' "$db" <<SQL
CREATE TEMP TABLE c AS SELECT code, coalesce as n FROM ($(sed '$ s/;$//' "$out/q-counts-cube.sql")) q WHERE code IS NOT NULL;
CREATE TEMP TABLE p AS SELECT code, count AS n FROM ($(sed '$ s/;$//' "$out/q-counts-points.sql")) q;
CREATE TEMP TABLE j AS SELECT code, count AS n FROM ($(sed '$ s/;$//' "$out/q-counts-plain.sql")) q;
SELECT (SELECT sum(n) FROM c), (SELECT sum(n) FROM p), (SELECT count(*) FROM c FULL JOIN p USING (code) WHERE c.n IS DISTINCT FROM p.n),
       (SELECT sum(n) FROM j);
SQL
)

# --- report -----------------------------------------------------------------------------------------------------
say "results"
echo "server: PostgreSQL $(psql -X -At "$db" -c "SELECT current_setting('server_version')"), PostGIS $(psql -X -At "$db" -c "SELECT postgis_lib_version()"); .NET $(dotnet --version); $(nproc) CPUs"
echo "load average at the start: $load_start; at the end: $(cut -d' ' -f1-3 /proc/loadavg); run took $((SECONDS - started)) s"
echo "data: $stored hotspots stored ($tagged in a district, $in_season in season 2569), import $import_s s; $cube_rows cube rows in the season"
echo
echo "| what | first | best of $runs |"
echo "|---|---:|---:|"
echo "| SQL: cube, every district (gis hotspots) | $qc_first ms | $qc_best ms |"
echo "| SQL: points by district tag (before the cube) | $qp_first ms | $qp_best ms |"
echo "| SQL: plain ST_Contains join | $qj_first ms | $qj_best ms |"
echo "| wall: psql + plain join | $wj_first s | $wj_best s |"
echo "| wall: gis hotspots --province all | $wh_first s | $wh_best s |"
echo "| wall: gis targets hotspots --province all | $wt_first s | $wt_best s |"
echo
echo "parts (best of $runs): ./gis --help $w_wrap s; dotnet gis.dll --help $w_dotnet s; dotnet gis.dll hotspots (no wrapper) $w_hot_direct s;"
echo "  psql -c 'SELECT 1' $w_psql s"
echo "CPU of the gis process (user + sys, best of $runs): hotspots $c_hot s, targets hotspots $c_tgt s;"
echo "  server time of their statements (one run, from the server log): hotspots $s_hot ms, targets hotspots $s_tgt ms"
echo "agreement: cube $sum_cube, points $sum_points detections in districts ($diff_rows districts differ); plain join $sum_plain"
awk -v h="$wh_best" -v j="$wj_best" 'BEGIN{printf "goal gis hotspots >= 8 x the plain join (wall): %s (%.2f x)\n", (j/h>=8)?"met":"NOT met", j/h}'
awk -v t="$wt_best" 'BEGIN{printf "goal gis targets hotspots --province all wall < 0.5 s: %s (%.2f s)\n", (t<0.5)?"met":"NOT met", t}'
