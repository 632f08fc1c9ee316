#!/usr/bin/env bash
# The FIRMS import benchmark: for each size, gis import firms vs PostgreSQL's own COPY (the limit: text CSV, and
# binary COPY of the same typed rows) vs ogr2ogr (the usual peer), each into a fresh database of the same server,
# plus the effect of gis's spatial storage order on a district join. Prints one table. See docs/benchmarks.md for the
# figures and how to read them.
#
#   bench/run.sh [--rows 1000000,5000000] [--seed 1] [--gis-only]
#
# --gis-only times gis import firms alone (its seconds and peak memory; no limits, no peer, no join): for a change
# of the import measured against the last full run.
# Server: the private cluster under $GIS_HOME (default bench/out/home, so the user's own cluster is never touched),
# or the server of BENCH_PG_URI=postgresql://user:password@host:port/anydb when set (databases bench_gis,
# bench_copy, bench_bin and bench_ogr are dropped and created there).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="$root/bench/out"
rows_list="1000000,5000000"
seed=1
gis_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows_list="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --gis-only) gis_only=true; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
say() { printf '\n== %s\n' "$*" >&2; }

# --- tools ------------------------------------------------------------------------------------------------------
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
say "tools"
if [ "$(id -u)" -eq 0 ]; then
  need=()
  command -v ogr2ogr >/dev/null 2>&1 || need+=(gdal-bin)
  [ -x /usr/bin/time ] || need+=(time)
  command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi
"$root/scripts/bootstrap.sh"
for t in ogr2ogr psql /usr/bin/time dotnet; do
  command -v "$t" >/dev/null 2>&1 || { echo "run.sh: $t is missing (install gdal-bin, time, postgresql-client)" >&2; exit 1; }
done

say "build (Release)"
"$root/gis" --help >/dev/null   # the launcher builds the CLI in Release when its sources changed
dotnet build "$root/tools/Gis.SampleData/Gis.SampleData.csproj" -c Release -o "$root/artifacts/sampledata" -nologo -v q >/dev/null

# --- server and connection strings ------------------------------------------------------------------------------
source "$root/bench/lib.sh"
bench_server || true
# Prints "seconds peak_kB user_cpu_seconds" of the command; its own output goes to $timed_out.
timed() {
  local f; f="$(mktemp)"
  /usr/bin/time -f '%e %M %U' -o "$f" "$@" >"$timed_out" 2>"$timed_out.err" || { cat "$timed_out.err" >&2; rm -f "$f"; return 1; }
  tail -1 "$f"; rm -f "$f"
}
timed_out="$out/last-output"

versions="$(psql -X -At "$base_uri/postgres" -c "SELECT current_setting('server_version')")"
boundaries="$root/../shared/data/boundaries/hdx-thailocate/amphoe.geojson"
[ -f "$boundaries" ] || boundaries="$(ls "$root"/sample-data/boundaries/*.geojson 2>/dev/null | head -1)"
[ -f "$boundaries" ] || { echo "run.sh: no district boundaries found (expected $boundaries)" >&2; exit 1; }

copy_columns="latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,instrument,confidence,version,bright_ti5,frp,daynight"
typed_columns="latitude double precision, longitude double precision, bright_ti4 real, scan real, track real,
  acq_date date, acq_time smallint, satellite text, instrument text, confidence text, version text,
  bright_ti5 real, frp real, daynight text"
copy_table_sql() {
  # The typed table the CSV fits; the point is a stored generated column, so it is built during the COPY itself
  # (one pass; an UPDATE afterwards would rewrite every row a second time).
  cat <<SQL
CREATE TABLE $1 ($typed_columns,
  geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)) STORED);
SQL
}

results=()
joins=()
IFS=',' read -r -a sizes <<<"$rows_list"
for rows in "${sizes[@]}"; do
  csv="$out/firms-$rows-s$seed.csv"
  if [ ! -f "$csv.done" ]; then
    say "generating $rows rows (seed $seed)"
    dotnet "$root/artifacts/sampledata/Gis.SampleData.dll" firms --rows "$rows" --out "$csv" --seed "$seed"
    touch "$csv.done"
  fi
  mb=$(( $(stat -L -c %s "$csv") / 1000000 ))

  # gis: the schema and the districts go in before the clock starts, so district tagging is real.
  say "$rows rows ($mb MB): gis import firms"
  fresh_db bench_gis
  gis_db="$(npgsql_for bench_gis)"
  "$root/gis" import boundaries "$boundaries" --db "$gis_db" >/dev/null 2>&1
  read -r gis_s gis_kb gis_cpu < <(timed "$root/gis" import firms "$csv" --db "$gis_db" --json)
  gis_read=$(grep -o '"rows_read": *[0-9]*' "$timed_out" | grep -o '[0-9]*$')
  gis_stored=$(grep -o '"rows_stored": *[0-9]*' "$timed_out" | grep -o '[0-9]*$')
  echo "gis: $gis_s s, peak $((gis_kb / 1024)) MB, client CPU $gis_cpu s, read $gis_read, stored $gis_stored" >&2
  if $gis_only; then
    results+=("gis import firms|$rows|$gis_s|$((gis_kb / 1024))|stored $gis_stored; client CPU $gis_cpu s")
    continue
  fi

  say "$rows rows: COPY limit (text COPY + generated point + GiST)"
  fresh_db bench_copy
  limit_sql="$out/limit.sql"
  { copy_table_sql limit_hotspot
    echo "\\copy limit_hotspot ($copy_columns) FROM '$csv' (FORMAT csv, HEADER)"
    echo "CREATE INDEX limit_hotspot_geom_idx ON limit_hotspot USING gist (geom);"; } >"$limit_sql"
  read -r copy_s _ < <(timed psql -X -q -v ON_ERROR_STOP=1 "$base_uri/bench_copy" -f "$limit_sql")
  echo "COPY limit: $copy_s s" >&2

  # The binary limit: the same typed rows as a binary COPY file (written from the text limit's table, untimed), loaded
  # the same way. What the server does with rows that need no text parsing: gis sends binary COPY too.
  say "$rows rows: binary COPY limit (binary COPY + generated point + GiST)"
  bin="$out/firms-$rows-s$seed.bin"
  [ -f "$bin" ] || psql_q "$base_uri/bench_copy" -c "\\copy limit_hotspot ($copy_columns) TO '$bin' (FORMAT binary)"
  fresh_db bench_bin
  { copy_table_sql bin_hotspot
    echo "\\copy bin_hotspot ($copy_columns) FROM '$bin' (FORMAT binary)"
    echo "CREATE INDEX bin_hotspot_geom_idx ON bin_hotspot USING gist (geom);"; } >"$out/bin.sql"
  read -r bin_s _ < <(timed psql -X -q -v ON_ERROR_STOP=1 "$base_uri/bench_bin" -f "$out/bin.sql")
  echo "binary COPY limit: $bin_s s" >&2

  say "$rows rows: ogr2ogr (PG_USE_COPY=YES)"
  fresh_db bench_ogr
  read -r ogr_s _ < <(PG_USE_COPY=YES timed ogr2ogr -f PostgreSQL PG:"$base_uri/bench_ogr" "$csv" \
    -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude -oo AUTODETECT_TYPE=YES \
    -a_srs EPSG:4326 -nln ogr_hotspot -lco SPATIAL_INDEX=GIST -lco GEOMETRY_NAME=geom)
  ogr_rows=$(psql -X -At "$base_uri/bench_ogr" -c "SELECT count(*) FROM ogr_hotspot")
  echo "ogr2ogr: $ogr_s s, $ogr_rows rows" >&2

  results+=("gis import firms|$rows|$gis_s|$((gis_kb / 1024))|stored $gis_stored; client CPU $gis_cpu s"
            "COPY limit|$rows|$copy_s||stored $rows"
            "binary COPY limit|$rows|$bin_s||stored $rows"
            "ogr2ogr|$rows|$ogr_s||stored $ogr_rows")

  # Spatial order: the same deduplicated rows, stored in geohash order (gis) vs in file order, both with GiST.
  say "$rows rows: district join, geohash order vs file order"
  { echo "CREATE TABLE h_raw (line bigint GENERATED ALWAYS AS IDENTITY, $typed_columns);"
    echo "\\copy h_raw ($copy_columns) FROM '$csv' (FORMAT csv, HEADER)"
    cat <<'SQL'
CREATE TABLE h_fileorder AS
  SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY satellite, acq_date, acq_time, latitude, longitude ORDER BY line) AS n
                 FROM h_raw) r
  WHERE n = 1 ORDER BY line;
ALTER TABLE h_fileorder ADD COLUMN geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)) STORED;
CREATE INDEX ON h_fileorder USING gist (geom);
DROP TABLE h_raw;
VACUUM ANALYZE h_fileorder;
VACUUM ANALYZE hotspot;
SQL
  } >"$out/fileorder.sql"
  psql_q "$base_uri/bench_gis" -f "$out/fileorder.sql"
  join_ms() { # best of 3 after one warm-up run
    local best=""
    for i in 1 2 3 4; do
      local t
      t=$(psql -X -At "$base_uri/bench_gis" -c '\timing on' \
        -c "SELECT a.code, count(*) FROM $1 h JOIN admin_area a ON a.level = 4 AND ST_Intersects(a.geom, h.geom) GROUP BY 1" \
        | grep -o 'Time: [0-9.]*' | grep -o '[0-9.]*$')
      [ "$i" -eq 1 ] && continue
      if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best="$t"; fi
    done
    echo "$best"
  }
  geo_ms=$(join_ms hotspot)
  file_ms=$(join_ms h_fileorder)
  joins+=("$rows|$geo_ms|$file_ms")
  echo "join: geohash order $geo_ms ms, file order $file_ms ms" >&2
done

# --- report -----------------------------------------------------------------------------------------------------
say "results"
echo "server: PostgreSQL $versions; $(ogr2ogr --version | cut -d, -f1); .NET $(dotnet --version); $(nproc) CPUs; $(free -g | awk '/Mem:/{print $2}') GB RAM"
# Other work on the machine skews every figure; the load average tells whether this run was quiet.
echo "load average at the start: $load_start; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '| %-17s | %9s | %8s | %10s | %8s | %8s | %8s | %7s | %s\n' contender rows seconds "rows/s" "x limit" "x binary" "x ogr" \
  "peak MB" notes
printf '|%s|\n' "-------------------|-----------|----------|------------|----------|----------|----------|---------|------"
verdicts=()
for r in "${results[@]}"; do
  IFS='|' read -r name rows s peak note <<<"$r"
  copy_s=$(printf '%s\n' "${results[@]}" | awk -F'|' -v n="$rows" '$1=="COPY limit" && $2==n {print $3}')
  bin_s=$(printf '%s\n' "${results[@]}" | awk -F'|' -v n="$rows" '$1=="binary COPY limit" && $2==n {print $3}')
  ogr_s=$(printf '%s\n' "${results[@]}" | awk -F'|' -v n="$rows" '$1=="ogr2ogr" && $2==n {print $3}')
  read -r rate xl xb xo < <(awk -v r="$rows" -v s="$s" -v c="$copy_s" -v b="$bin_s" -v o="$ogr_s" \
    'function x(v) { return v == "" ? "-" : sprintf("%.2f", v / s) } BEGIN{printf "%.0f %s %s %s\n", r/s, x(c), x(b), x(o)}')
  printf '| %-17s | %9s | %8s | %10s | %8s | %8s | %8s | %7s | %s\n' "$name" "$rows" "$s" "$rate" "$xl" "$xb" "$xo" "${peak:--}" \
    "$note"
  if [ "$name" = "gis import firms" ] && $gis_only; then
    verdicts+=("$rows rows: peak < 300 MB: $(awk -v p="$peak" 'BEGIN{print (p < 300) ? "met" : "NOT met"}') ($peak MB)")
  elif [ "$name" = "gis import firms" ]; then
    v1=$(awk -v x="$xl" 'BEGIN{print (x >= 0.8) ? "met" : "NOT met"}')
    vb=$(awk -v x="$xb" 'BEGIN{print (x >= 0.8) ? "met" : "NOT met"}')
    v2=$(awk -v x="$xo" 'BEGIN{print (x >= 2.5) ? "met" : "NOT met"}')
    v3=$(awk -v p="$peak" 'BEGIN{print (p < 300) ? "met" : "NOT met"}')
    verdicts+=("$rows rows: >= 0.8 x COPY limit: $v1 ($xl x); >= 0.8 x binary COPY limit: $vb ($xb x);"
               "  >= 2.5 x ogr2ogr: $v2 ($xo x); peak < 300 MB: $v3 ($peak MB)")
  fi
done
echo
echo "goals (gis import firms):"
printf '  %s\n' "${verdicts[@]}"
echo
echo "district join (best of 3, warm), same deduplicated rows with GiST:"
for j in "${joins[@]}"; do
  IFS='|' read -r rows g f <<<"$j"
  awk -v r="$rows" -v g="$g" -v f="$f" 'BEGIN{printf "  %s rows: geohash order %.0f ms, file order %.0f ms (%.2f x)\n", r, g, f, f/g}'
done
