# Shared by the bench/*.sh scripts (sourced, not run): the server a benchmark uses, how to talk to it, the generated
# FIRMS data and the workstation server of the desktop and heat benchmarks.
# Expects $root, $out and a say() function from the sourcing script.

# Sets base_uri (postgresql://user:password@host:port) from BENCH_PG_URI, or starts the private cluster under
# $GIS_HOME (default $out/home, never the user's own). Returns 0 when the user named a server, 1 for the private one.
bench_server() {
  if [ -n "${BENCH_PG_URI:-}" ]; then
    base_uri="${BENCH_PG_URI%/*}"
    return 0
  fi
  export GIS_HOME="${GIS_HOME:-$out/home}"
  say "private cluster in $GIS_HOME"
  "$root/gis" db start >&2
  local uri
  uri="$("$root/gis" db connection --libpq)"
  base_uri="${uri%/*}"
  return 1
}

# postgresql://user:password@host:port -> an Npgsql connection string for gis, for database $1.
npgsql_for() {
  local rest="${base_uri#postgresql://}" userinfo hostport
  userinfo="${rest%@*}"; hostport="${rest##*@}"
  printf 'Host=%s;Port=%s;Username=%s;Password=%s;Database=%s;Command Timeout=0' \
    "${hostport%:*}" "${hostport##*:}" "${userinfo%%:*}" "${userinfo#*:}" "$1"
}

psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# A new empty database $1 with PostGIS (ogr2ogr silently writes WKB into bytea without it).
fresh_db() {
  psql_q "$base_uri/postgres" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" 2>/dev/null
  psql_q "$base_uri/$1" -c "CREATE EXTENSION postgis"
}

# Stores the generated FIRMS file of $2 rows (seed $3; made once into $out) with the Chiang Mai districts in the new
# database $1, unless it holds half of them already (an earlier run: the import alone takes minutes). Expects base_uri
# (bench_server) and the Release build of tools/Gis.SampleData in artifacts/sampledata.
store_generated_firms() {
  local name="$1" rows="$2" seed="$3" db csv start_s
  db="$(npgsql_for "$name")"
  local boundaries="$root/../shared/data/boundaries/hdx-thailocate/chiangmai_amphoe_TH50.geojson"
  [ -f "$boundaries" ] || { echo "$boundaries not found (../shared/data)" >&2; exit 1; }
  csv="$out/firms-$rows-s$seed.csv"
  if [ ! -f "$csv.done" ]; then
    say "generating $rows rows (seed $seed)"
    dotnet "$root/artifacts/sampledata/Gis.SampleData.dll" firms --rows "$rows" --out "$csv" --seed "$seed"
    touch "$csv.done"
  fi
  local have
  have="$(psql -X -At "$base_uri/$name" -c "SELECT count(*) FROM hotspot" 2>/dev/null || echo 0)"
  if [ "$have" -lt $((rows / 2)) ]; then
    say "storing $rows rows in $name (districts first, so each detection gets its district)"
    fresh_db "$name"
    "$root/gis" import boundaries "$boundaries" --db "$db" >/dev/null
    start_s=$SECONDS
    "$root/gis" import firms "$csv" --db "$db" --json >/dev/null
    echo "import: $((SECONDS - start_s)) s"
    psql_q "$base_uri/$name" -c "VACUUM ANALYZE hotspot"
  fi
}

# Starts `gis desktop` on database $1 (a name on base_uri) on a free loopback port, its output in $2, and stops it when
# the script exits; sets url (http://127.0.0.1:PORT/) and server (its process id).
start_desktop() {
  say "gis desktop on loopback"
  "$root/gis" desktop --db "$(npgsql_for "$1")" --port 0 --no-browser >"$2" 2>&1 &
  server=$!
  trap 'kill "$server" 2>/dev/null || true' EXIT
  url=""
  for _ in $(seq 1 120); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$2" | head -1 || true)"
    [ -n "$url" ] && break
    sleep 1
  done
  [ -n "$url" ] || { cat "$2" >&2; echo "the server did not start" >&2; exit 1; }
  echo "server: $url"
}

# wall_s COMMAND...: wall clock of 1 + $runs runs of COMMAND in seconds; prints "first best" (best of the last $runs).
wall_s() {
  local first="" best="" t0 t
  for i in $(seq 0 "$runs"); do
    t0=$(date +%s.%N); "$@" >/dev/null; t=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.3f", b-a}')
    if [ "$i" -eq 0 ]; then first=$t; continue; fi
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; fi
  done
  echo "$first $best"
}

# best_ms FILE: runs the SQL file 1 + $runs times in one psql session on $db (each statement stopped after 300 s);
# prints "first_ms best_ms".
best_ms() {
  local times
  times=$( { echo "SET statement_timeout = '300s';"; echo '\timing on'; for _ in $(seq 0 "$runs"); do cat "$1"; done; } \
           | psql -X -q -v ON_ERROR_STOP=1 -o /dev/null "$db" | grep -o '^Time: [0-9.]*' | grep -o '[0-9.]*$')
  printf '%s\n' "$times" | awk 'NR==1{first=$1; best=""; next} {if (best=="" || $1<best) best=$1} END{printf "%.1f %.1f\n", first, best}'
}

# Prints the path of 5,000 burn sites (lon,lat per line) inside the level-4 districts of database URI $1 (seed $2),
# made once into $out: per district in proportion to its area, ST_GeneratePoints with a seed, so every run and every
# server gets the same points.
thai_sites() {
  local sites="$out/firms-th-sites-s$2.csv"
  if [ ! -f "$sites.done" ]; then
    psql -X -At -F, -v ON_ERROR_STOP=1 "$1" -c "
      WITH d AS (SELECT code, geom, ST_Area(geom) / sum(ST_Area(geom)) OVER () AS share FROM admin_area WHERE level = 4)
      SELECT round(ST_X(g.geom)::numeric, 5), round(ST_Y(g.geom)::numeric, 5)
      FROM d, ST_Dump(ST_GeneratePoints(d.geom, greatest(1, round(5000 * d.share))::int, $2)) g
      ORDER BY d.code, g.path" >"$sites"
    touch "$sites.done"
  fi
  echo "$sites"
}
