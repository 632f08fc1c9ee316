# Shared by bench/run.sh and bench/targets.sh (sourced, not run): the server a benchmark uses and how to talk to it.
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
