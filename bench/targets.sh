#!/usr/bin/env bash
# The targets benchmark: per-district hotspot counts for every district of Thailand over two fire seasons, and
# green-area change per district between two land-use snapshots, each beside the plain PostGIS query a GIS analyst
# would write, on the same data in the same run. Prints the figures and the agreement checks; see
# docs/benchmarks.md ("Targets") for how to read them.
#
#   bench/targets.sh [--hotspots 5000000] [--parcels 200000] [--variant identical|redigitised|both] [--seed 1] [--runs 3]
#                    [--no-cli-loop] [--keep] [--reuse]
#
# --reuse keeps bench_targets as a previous run (with the same sizes) left it and skips the imports.
#
# Data (generated once, kept in bench/out/ and reused): the 928 HDX districts; --hotspots FIRMS rows (no repeats)
# around 5,000 sites inside the districts (lon 97.3-105.7, lat 5.6-20.5), half dated in the 2025 fire season
# (Jan-May, 3 % outside it), half in 2026, imported with `gis import firms` as two files; --parcels land-use
# parcels per snapshot: a grid
# of jittered quadrilaterals over lon 98.6-100.6, lat 17.6-19.6 (Chiang Mai, Lamphun, Lampang, Phayao, Phrae,
# Chiang Rai), LDD LU_CODE classes, ~45 % green, 5 % of parcels changing green status, written as GeoPackage by
# ogr2ogr and imported with `gis import landuse`. Snapshot 2565 is the first survey; --variant identical compares it
# with 2566 (same geometry, classes changed), --variant redigitised with 2567 (the classes of 2566 on a re-digitised
# survey: every vertex moved by up to 3 m, consistently, so it stays a tessellation; 5 % of parcels split in two or
# merged with a neighbour); both (the default) imports and measures both. Everything goes into a fresh database
# bench_targets.
# Timings: best of --runs warm runs after one first run (also reported), psql \timing, statement_timeout 300 s.
#
# Server: the private cluster under $GIS_HOME (default bench/out/home, never the user's own), stopped at the end
# unless --keep; or BENCH_PG_URI=postgresql://user:password@host:port/anydb (bench_targets, bench_lu_src dropped and
# created there). The whole run took 15 minutes on 2 vCPUs under a load average of 5-10 (7 min of it queries).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="$root/bench/out"
hotspots=5000000
parcels=200000
variant=both
seed=1
runs=3
cli_loop=1
keep=0
reuse=0
while [ $# -gt 0 ]; do
  case "$1" in
    --hotspots) hotspots="$2"; shift 2 ;;
    --parcels) parcels="$2"; shift 2 ;;
    --variant) variant="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --no-cli-loop) cli_loop=0; shift ;;
    --keep) keep=1; shift ;;
    --reuse) reuse=1; shift ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "targets.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
case "$variant" in
  identical) green_years=(2566) ;;
  redigitised) green_years=(2567) ;;
  both) green_years=(2566 2567) ;;
  *) echo "targets.sh: --variant is identical, redigitised or both, not $variant" >&2; exit 2 ;;
esac
mkdir -p "$out"
say() { printf '\n== %s (load %s)\n' "$*" "$(cut -d' ' -f1-3 /proc/loadavg)" >&2; }
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
started=$SECONDS

# --- tools, build, server ---------------------------------------------------------------------------------------
say "tools and build (Release)"
for t in ogr2ogr psql dotnet; do
  command -v "$t" >/dev/null 2>&1 || { echo "targets.sh: $t is missing (scripts/bootstrap.sh installs it)" >&2; exit 1; }
done
"$root/gis" --help >/dev/null
dotnet build "$root/tools/Gis.SampleData/Gis.SampleData.csproj" -c Release -o "$root/artifacts/sampledata" -nologo -v q >/dev/null

source "$root/bench/lib.sh"
# A server the user named is theirs: never stopped by this script.
if bench_server; then keep=1; fi
stop_cluster() { [ "$keep" -eq 1 ] || "$root/gis" db stop >&2 || true; }
trap stop_cluster EXIT
db="$base_uri/bench_targets"
gis_db="$(npgsql_for bench_targets)"
boundaries="$root/../shared/data/boundaries/hdx-thailocate/amphoe.geojson"
[ -f "$boundaries" ] || { echo "targets.sh: the HDX districts are missing ($boundaries)" >&2; exit 1; }

# --- data -------------------------------------------------------------------------------------------------------
say "fresh database bench_targets; import boundaries"
[ "$reuse" -eq 1 ] || fresh_db bench_targets
[ "$reuse" -eq 1 ] || "$root/gis" import boundaries "$boundaries" --db "$gis_db" >/dev/null
districts=$(psql -X -At "$db" -c "SELECT count(*) FROM admin_area WHERE level = 4")
# 5,000 burn sites inside the districts; detections scatter up to 0.05 degrees around them.
sites="$(thai_sites "$db" "$seed")"
half=$((hotspots / 2))
firms=()
for year in 2025 2026; do
  csv="$out/firms-th-$year-$half-s$seed.csv"
  if [ ! -f "$csv.done" ]; then
    say "generating $half FIRMS rows dated $year (seed $seed)"
    dotnet "$root/artifacts/sampledata/Gis.SampleData.dll" firms --rows "$half" --out "$csv" --seed "$((seed * 10000 + year))" \
      --duplicates 0 --bbox 97.3,5.6,105.7,20.5 --years "$year" --sites "$sites"
    touch "$csv.done"
  fi
  firms+=("$csv")
done

lu_base="$out/landuse-grid-$parcels-s$seed"
if [ ! -f "$lu_base.r.done" ]; then
  say "generating $parcels land-use parcels per snapshot"
  fresh_db bench_lu_src
  nx=$(awk -v n="$parcels" 'BEGIN{printf "%d", sqrt(n * 0.8)}')
  ny=$((parcels / nx))
  psql_q "$base_uri/bench_lu_src" <<SQL
-- u(i, j, k): a deterministic uniform number in [0, 1) from md5 (the same on every server).
CREATE FUNCTION u(i int, j int, k int) RETURNS double precision IMMUTABLE LANGUAGE sql
  AS \$\$ SELECT ('x' || substr(md5(i || ',' || j || ',' || k || ',' || $seed), 1, 8))::bit(32)::bigint / 4294967296.0 \$\$;
-- Corner vertices of the grid, moved by up to 15 % of a cell, shared by the four cells that meet there.
CREATE TABLE vtx AS
  SELECT i, j, 98.6 + (i + 0.3 * (u(i, j, 1) - 0.5)) * (2.0 / $nx) AS x,
               17.6 + (j + 0.3 * (u(i, j, 2) - 0.5)) * (2.0 / $ny) AS y
  FROM generate_series(0, $nx) i, generate_series(0, $ny) j;
CREATE UNIQUE INDEX ON vtx (i, j);
-- The re-digitised survey's vertices: each moved by up to 2.1 m east and north (<= 3 m), the same for every cell
-- that shares it, so the re-digitised layer is a tessellation too (no overlaps or gaps between its parcels).
CREATE TABLE vtr AS
  SELECT i, j, x + (u(i, j, 6) - 0.5) * 4.2 / (111320 * cos(radians(y))) AS x, y + (u(i, j, 7) - 0.5) * 4.2 / 110574 AS y
  FROM vtx;
CREATE UNIQUE INDEX ON vtr (i, j);
CREATE TABLE cell AS
  SELECT c.i, r.j, (c.i * $ny + r.j + 1) AS n,
         ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(a.x, a.y), ST_MakePoint(b.x, b.y), ST_MakePoint(cc.x, cc.y),
                                          ST_MakePoint(d.x, d.y), ST_MakePoint(a.x, a.y)])) AS geom,
         u(c.i, r.j, 3) AS u_class, u(c.i, r.j, 4) AS u_change
  FROM generate_series(0, $nx - 1) c(i) CROSS JOIN generate_series(0, $ny - 1) r(j)
  JOIN vtx a ON a.i = c.i AND a.j = r.j JOIN vtx b ON b.i = c.i + 1 AND b.j = r.j
  JOIN vtx cc ON cc.i = c.i + 1 AND cc.j = r.j + 1 JOIN vtx d ON d.i = c.i AND d.j = r.j + 1;
-- The same cells re-digitised, and each cut along its diagonal into two triangles (used for splits).
CREATE TABLE cell_r AS
  SELECT c.i, r.j, (c.i * $ny + r.j + 1) AS n, u(c.i, r.j, 5) AS u_edit,
         ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(a.x, a.y), ST_MakePoint(b.x, b.y), ST_MakePoint(cc.x, cc.y),
                                          ST_MakePoint(d.x, d.y), ST_MakePoint(a.x, a.y)])) AS geom,
         ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(a.x, a.y), ST_MakePoint(b.x, b.y), ST_MakePoint(cc.x, cc.y),
                                          ST_MakePoint(a.x, a.y)])) AS half1,
         ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(a.x, a.y), ST_MakePoint(cc.x, cc.y), ST_MakePoint(d.x, d.y),
                                          ST_MakePoint(a.x, a.y)])) AS half2
  FROM generate_series(0, $nx - 1) c(i) CROSS JOIN generate_series(0, $ny - 1) r(j)
  JOIN vtr a ON a.i = c.i AND a.j = r.j JOIN vtr b ON b.i = c.i + 1 AND b.j = r.j
  JOIN vtr cc ON cc.i = c.i + 1 AND cc.j = r.j + 1 JOIN vtr d ON d.i = c.i AND d.j = r.j + 1;
CREATE TABLE class (code text PRIMARY KEY, th text, en text, green boolean);
INSERT INTO class VALUES
  ('F101', 'ป่าไม่ผลัดใบสมบูรณ์', 'Dense evergreen forest', true),
  ('A302', 'ยางพารา', 'Para rubber', true),
  ('A401', 'ไม้ผลผสม', 'Mixed orchard', true),
  ('A101', 'นาข้าว', 'Paddy field', false),
  ('A202', 'ข้าวโพด', 'Maize', false),
  ('U201', 'หมู่บ้าน', 'Village', false),
  ('W101', 'แม่น้ำ', 'River', false);
-- 2565: ~45 % green. 2566: 5 % of parcels flip green status (green -> maize, other -> rubber), 3 % change class
-- within the same status (forest -> rubber, paddy -> maize), the rest stay.
CREATE TABLE lu AS
  SELECT n, geom, c65 AS code65,
         CASE WHEN u_change < 0.05 THEN CASE WHEN c65 IN ('F101', 'A302', 'A401') THEN 'A202' ELSE 'A302' END
              WHEN u_change < 0.08 THEN CASE c65 WHEN 'F101' THEN 'A302' WHEN 'A101' THEN 'A202' ELSE c65 END
              ELSE c65 END AS code66
  FROM (SELECT n, geom, u_change,
               CASE WHEN u_class < 0.30 THEN 'F101' WHEN u_class < 0.40 THEN 'A302' WHEN u_class < 0.45 THEN 'A401'
                    WHEN u_class < 0.75 THEN 'A101' WHEN u_class < 0.90 THEN 'A202' WHEN u_class < 0.97 THEN 'U201'
                    ELSE 'W101' END AS c65
        FROM cell) s;
-- 2567: the 2566 classes on the re-digitised cells. 2.5 % of cells (even columns) merge with their east neighbour
-- (the pair takes the west cell's class), 2.5 % split along a diagonal into two parcels of their class: ~5 % of
-- parcels split or merged. Parcel numbers no longer match 2565's, as in a real re-survey.
CREATE TABLE lu_r AS
  WITH k AS (
    SELECT c.*, l.code66,
           CASE WHEN c.i % 2 = 0 AND c.i < $nx - 1 AND c.u_edit < 0.025 THEN 'merge'
                WHEN c.i % 2 = 1 AND u(c.i - 1, c.j, 5) < 0.025 THEN 'absorbed'
                WHEN c.u_edit < 0.05 THEN 'split' ELSE 'keep' END AS edit
    FROM cell_r c JOIN lu l USING (n))
  SELECT n, 1 AS part, geom, code66 AS code FROM k WHERE edit = 'keep'
  UNION ALL
  SELECT k.n, 1, ST_Union(k.geom, e.geom), k.code66 FROM k JOIN k e ON e.i = k.i + 1 AND e.j = k.j WHERE k.edit = 'merge'
  UNION ALL
  SELECT n, 1, half1, code66 FROM k WHERE edit = 'split'
  UNION ALL
  SELECT n, 2, half2, code66 FROM k WHERE edit = 'split';
SQL
  for year in 2565 2566 2567; do
    rm -f "$lu_base-$year.gpkg"
    if [ "$year" = 2567 ]; then src="SELECT n, part, geom, code FROM lu_r"; else src="SELECT n, 1 AS part, geom, code${year#25} AS code FROM lu"; fi
    ogr2ogr -f GPKG "$lu_base-$year.gpkg" PG:"$base_uri/bench_lu_src" -nln "landuse_$year" -a_srs EPSG:4326 -sql \
      "SELECT 'LU-' || l.n || CASE WHEN l.part = 2 THEN '-2' ELSE '' END AS \"PARCEL_ID\", c.code AS \"LU_CODE\",
              left(c.code, 1) AS \"LUL1_CODE\", left(c.code, 2) AS \"LUL2_CODE\", c.th AS \"LU_DES_TH\",
              c.en AS \"LU_DES_EN\", l.geom
       FROM ($src) l JOIN class c ON c.code = l.code ORDER BY l.n, l.part"
  done
  psql_q "$base_uri/postgres" -c "DROP DATABASE bench_lu_src"
  touch "$lu_base.r.done"
fi

# --- import -----------------------------------------------------------------------------------------------------
t0=$SECONDS
[ "$reuse" -eq 1 ] || for csv in "${firms[@]}"; do
  say "import firms $(basename "$csv")"
  "$root/gis" import firms "$csv" --db "$gis_db" --json >/dev/null
done
firms_import_s=$((SECONDS - t0))
t0=$SECONDS
declare -A lu_import_s
[ "$reuse" -eq 1 ] || for year in 2565 "${green_years[@]}"; do
  say "import landuse $year"
  t1=$(date +%s.%N)
  "$root/gis" import landuse "$lu_base-$year.gpkg" --snapshot "$year" --db "$gis_db" >/dev/null
  lu_import_s[$year]=$(awk -v a="$t1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
done
landuse_import_s=$((SECONDS - t0))
[ "$reuse" -eq 1 ] || psql_q "$db" -c "VACUUM ANALYZE"
read -r stored tagged in_seasons < <(psql -X -At -F' ' "$db" -c "SELECT count(*), count(district_code),
  count(*) FILTER (WHERE local_day BETWEEN '2025-01-01' AND '2025-05-31' OR local_day BETWEEN '2026-01-01' AND '2026-05-31')
  FROM hotspot")
read -r n_parcels n_green < <(psql -X -At -F' ' "$db" -c "SELECT count(*), count(*) FILTER (WHERE is_green) FROM landuse_parcel")

# --- hotspots ---------------------------------------------------------------------------------------------------
# The SQL HotspotCounts.ByPeriodAsync runs for `gis targets hotspots --province all` (detections, VIIRS, period
# season:2569 + baseline previous = season:2568, one read for both), with its parameters written in: the monthly cube
# for whole months and the daily cube for the edge days, each a range of the cube's key per period
# (CountedHotspots.CubeInPeriods as of commit cab2672, ADR 0021, 0039). A copy: keep it in step with the code. The
# command also counts by land class when a land-use snapshot is in force (from hotspot_land_count, ADR 0046; not timed
# here, the command's wall time below includes it).
cat >"$out/q-hot-service.sql" <<'SQL'
SELECT h.district_code, h.idx::int - 1 AS idx, h.satellite, sum(h.detections)::bigint AS n
FROM (WITH p AS (
  SELECT idx, first_day, last_day,
         CASE WHEN whole_first < whole_end THEN whole_first - 1 ELSE last_day END AS head_last,
         CASE WHEN whole_first < whole_end THEN whole_end ELSE last_day + 1 END AS tail_first,
         whole_first, whole_end
  FROM (SELECT u.idx, u.first_day, u.last_day,
               (date_trunc('month', (u.first_day - 1)::timestamp) + interval '1 month')::date AS whole_first,
               date_trunc('month', (u.last_day + 1)::timestamp)::date AS whole_end
        FROM unnest('{2026-01-01,2025-01-01}'::date[], '{2026-05-31,2025-05-31}'::date[]) WITH ORDINALITY AS u(first_day, last_day, idx)) bounds)
  SELECT m.district_code, m.instrument, m.satellite, m.confidence, m.daynight, m.type, m.detections, p.idx
  FROM p CROSS JOIN LATERAL (SELECT * FROM hotspot_month_count WHERE source = 'firms' AND NOT superseded
                             AND month >= p.whole_first AND month < p.whole_end OFFSET 0) m
  UNION ALL
  SELECT d.district_code, d.instrument, d.satellite, d.confidence, d.daynight, d.type, d.detections, p.idx
  FROM p CROSS JOIN LATERAL (SELECT * FROM hotspot_day_count WHERE source = 'firms' AND NOT superseded
                             AND local_day BETWEEN p.first_day AND p.head_last OFFSET 0) d
  UNION ALL
  SELECT d.district_code, d.instrument, d.satellite, d.confidence, d.daynight, d.type, d.detections, p.idx
  FROM p CROSS JOIN LATERAL (SELECT * FROM hotspot_day_count WHERE source = 'firms' AND NOT superseded
                             AND local_day BETWEEN p.tail_first AND p.last_day OFFSET 0) d) h
WHERE h.district_code IS NOT NULL AND h.instrument = 'VIIRS'
GROUP BY 1, 2, 3;
SQL
# The same from the points (what the service ran before the cube), with the province filter lifted.
cat >"$out/q-hot-points.sql" <<'SQL'
SELECT district_code, idx, satellite, count(*) FROM (
  SELECT h.id, h.district_code, h.satellite, h.local_day, h.acquired_utc, h.geom, p.idx::int - 1 AS idx
  FROM hotspot h
  JOIN unnest('{2026-01-01,2025-01-01}'::date[], '{2026-05-31,2025-05-31}'::date[]) WITH ORDINALITY AS p(first_day, last_day, idx)
    ON h.local_day BETWEEN p.first_day AND p.last_day
  WHERE h.district_code IS NOT NULL
    AND ('VIIRS'::text IS NULL OR h.instrument = 'VIIRS')
    AND (NULL::text[] IS NULL OR h.satellite = ANY(NULL::text[]))
    AND (NULL::text[] IS NULL OR h.confidence = ANY(NULL::text[]))
    AND (NULL::text IS NULL OR h.daynight = NULL::text)
    AND (NULL::int[] IS NULL OR h.type = ANY(NULL::int[]))) c
GROUP BY 1, 2, 3;
SQL
# The analyst's query: point in polygon with the GiST index, both seasons in one statement.
cat >"$out/q-hot-plain.sql" <<'SQL'
SELECT a.code, CASE WHEN h.local_day < '2026-01-01' THEN 2568 ELSE 2569 END AS season, count(*)
FROM admin_area a JOIN hotspot h ON ST_Contains(a.geom, h.geom)
WHERE a.level = 4
  AND (h.local_day BETWEEN '2025-01-01' AND '2025-05-31' OR h.local_day BETWEEN '2026-01-01' AND '2026-05-31')
GROUP BY 1, 2;
SQL
say "hotspots: service SQL, all districts"
read -r hs_first hs_best < <(best_ms "$out/q-hot-service.sql"); echo "first $hs_first ms, best $hs_best ms" >&2
say "hotspots: the same from the points (before the cube)"
read -r ho_first ho_best < <(best_ms "$out/q-hot-points.sql"); echo "first $ho_first ms, best $ho_best ms" >&2
say "hotspots: plain ST_Contains join"
read -r hp_first hp_best < <(best_ms "$out/q-hot-plain.sql"); echo "first $hp_first ms, best $hp_best ms" >&2
# Agreement, per district and season.
read -r hot_cmp < <(psql -X -q -At -F' ' "$db" <<SQL
CREATE TEMP TABLE s AS SELECT district_code AS code, CASE idx WHEN 0 THEN 2569 ELSE 2568 END AS season, sum(n) AS n
  FROM ($(sed '$ s/;$//' "$out/q-hot-service.sql")) q GROUP BY 1, 2;
CREATE TEMP TABLE p AS SELECT code, season, count AS n FROM ($(sed '$ s/;$//' "$out/q-hot-plain.sql")) q;
SELECT (SELECT sum(n) FROM s), (SELECT sum(n) FROM p),
       count(*) FILTER (WHERE coalesce(s.n, 0) <> coalesce(p.n, 0)),
       coalesce(max(abs(coalesce(s.n, 0) - coalesce(p.n, 0))), 0)
FROM s FULL JOIN p USING (code, season);
SQL
)
read -r hot_sum_service hot_sum_plain hot_diff_rows hot_diff_max <<<"$hot_cmp"
# Why they differ: points in the overlap of two district polygons (the HDX layer has slivers where neighbours
# overlap) are counted by the plain join once per polygon, by the tag once; the rest of the difference are points
# exactly on a boundary (ST_Contains is false there; the tag gives them the lower code) or tagged differently.
read -r multi < <(psql -X -At "$db" -c "
  WITH o AS (SELECT ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3) AS g
             FROM admin_area a JOIN admin_area b ON b.level = 4 AND a.code < b.code AND ST_Intersects(a.geom, b.geom)
             WHERE a.level = 4 AND ST_Relate(a.geom, b.geom, '2********'))
  SELECT count(*) FROM o JOIN hotspot h ON ST_Contains(o.g, h.geom)
  WHERE h.local_day BETWEEN '2025-01-01' AND '2025-05-31' OR h.local_day BETWEEN '2026-01-01' AND '2026-05-31'")
echo "hotspots agree: service $hot_sum_service, plain $hot_sum_plain; in overlaps $multi" >&2

cli_loop_s="-"
if [ "$cli_loop" -eq 1 ]; then
  say "hotspots: gis targets hotspots --period season:2569 --province all (wall, .NET start included)"
  read -r hc_first hc_best < <(wall_s "$root/gis" targets hotspots --period season:2569 --province all --as-of 2026-12-31 --format csv \
    --db "$gis_db"); echo "first $hc_first s, best $hc_best s" >&2
  cli_loop_s=$hc_best
fi

# --- green-area change ------------------------------------------------------------------------------------------
# Per variant (--variant): snapshot 2565 against 2566 (identical geometry) or 2567 (re-digitised). The query files are
# written once per variant with the later snapshot in place of :to (bench/out/q-green-*-YEAR.sql).
#
# service: the SQL of GreenChangeQueries (ADR 0024): the change per district between the two snapshots, computed by
# the imports (landuse_green_change), read.
cat >"$out/q-green-service.tpl" <<'SQL'
WITH selection AS (
    SELECT code FROM admin_area WHERE level = 4
    UNION ALL
    SELECT NULL)
SELECT s.code, coalesce(c.gain_m2, 0) AS gain, coalesce(c.loss_m2, 0) AS loss
FROM selection s
LEFT JOIN landuse_green_change c ON c.from_snapshot = 2565 AND c.to_snapshot = :to AND coalesce(c.district_code, '') = coalesce(s.code, '')
ORDER BY s.code;
SQL
# diff: what the imports compute for it, as a query: each snapshot's green dissolved per district at import
# (landuse_green), two differences per district (and for the land outside every district).
cat >"$out/q-green-diff.tpl" <<'SQL'
WITH selection AS (
    SELECT code FROM admin_area WHERE level = 4
    UNION ALL
    SELECT NULL)
SELECT s.code,
       CASE WHEN g2.geom IS NULL THEN 0 WHEN g1.geom IS NULL THEN g2.green_m2 WHEN g1.geom = g2.geom THEN 0
            ELSE ST_Area(ST_CollectionExtract(ST_Difference(g2.geom, g1.geom), 3)::geography) END AS gain,
       CASE WHEN g1.geom IS NULL THEN 0 WHEN g2.geom IS NULL THEN g1.green_m2 WHEN g1.geom = g2.geom THEN 0
            ELSE ST_Area(ST_CollectionExtract(ST_Difference(g1.geom, g2.geom), 3)::geography) END AS loss
FROM selection s
LEFT JOIN landuse_green g1 ON g1.snapshot = 2565 AND coalesce(g1.district_code, '') = coalesce(s.code, '')
LEFT JOIN landuse_green g2 ON g2.snapshot = :to AND coalesce(g2.district_code, '') = coalesce(s.code, '')
ORDER BY s.code;
SQL
# before: GreenChangeQueries as of 05b7e2e (district part): green parcels without an identical green parcel in the
# other snapshot, and the other snapshot's green parcels they touch, clipped per district, dissolved, difference.
cat >"$out/q-green-before.tpl" <<'SQL'
WITH changed AS (
    SELECT p.id, p.snapshot, p.geom FROM landuse_parcel p
    WHERE p.is_green AND p.snapshot IN (2565, :to)
      AND NOT EXISTS (SELECT 1 FROM landuse_parcel q
                      WHERE q.is_green AND q.snapshot = CASE p.snapshot WHEN 2565 THEN :to ELSE 2565 END AND q.geom ~= p.geom AND q.geom = p.geom)),
touched AS (
    SELECT DISTINCT c.snapshot AS side, q.id, q.geom
    FROM changed c JOIN landuse_parcel q ON q.is_green AND q.snapshot = CASE c.snapshot WHEN 2565 THEN :to ELSE 2565 END AND ST_Intersects(q.geom, c.geom)),
part AS (
    SELECT d.code, c.snapshot AS side, false AS cut,
           ST_Union(CASE WHEN ST_Covers(d.geom, c.geom) THEN c.geom ELSE ST_CollectionExtract(ST_Intersection(d.geom, c.geom), 3) END) AS geom
    FROM changed c JOIN admin_area d ON d.level = 4 AND ST_Intersects(d.geom, c.geom) GROUP BY 1, 2
    UNION ALL
    SELECT d.code, t.side, true,
           ST_Union(CASE WHEN ST_Covers(d.geom, t.geom) THEN t.geom ELSE ST_CollectionExtract(ST_Intersection(d.geom, t.geom), 3) END)
    FROM touched t JOIN admin_area d ON d.level = 4 AND ST_Intersects(d.geom, t.geom) GROUP BY 1, 2)
SELECT d.code,
       coalesce(ST_Area((CASE WHEN c2.geom IS NULL THEN a2.geom ELSE ST_Difference(a2.geom, c2.geom) END)::geography), 0) AS gain,
       coalesce(ST_Area((CASE WHEN c1.geom IS NULL THEN a1.geom ELSE ST_Difference(a1.geom, c1.geom) END)::geography), 0) AS loss
FROM admin_area d
LEFT JOIN part a2 ON a2.code = d.code AND a2.side = :to AND NOT a2.cut
LEFT JOIN part c2 ON c2.code = d.code AND c2.side = :to AND c2.cut
LEFT JOIN part a1 ON a1.code = d.code AND a1.side = 2565 AND NOT a1.cut
LEFT JOIN part c1 ON c1.code = d.code AND c1.side = 2565 AND c1.cut
WHERE d.level = 4
ORDER BY d.code;
SQL
# plain, per parcel: what an analyst can write when parcel numbers do not match (a re-digitised survey), exact for a
# snapshot whose parcels do not overlap: gain = Σ area(p ∩ d) − Σ area(p ∩ d ∩ q) over green parcels p of the later
# and q of the earlier snapshot, loss likewise; the common term once for both (the generous form).
cat >"$out/q-green-pairs.tpl" <<'SQL'
WITH clip AS (
    SELECT d.code, p.snapshot,
           CASE WHEN ST_Covers(d.geom, p.geom) THEN p.geom ELSE ST_CollectionExtract(ST_Intersection(d.geom, p.geom), 3) END AS g
    FROM admin_area d JOIN landuse_parcel p ON p.is_green AND p.snapshot IN (2565, :to) AND ST_Intersects(d.geom, p.geom)
    WHERE d.level = 4),
area AS (
    SELECT code, coalesce(sum(ST_Area(g::geography)) FILTER (WHERE snapshot = 2565), 0) AS a1,
           coalesce(sum(ST_Area(g::geography)) FILTER (WHERE snapshot = :to), 0) AS a2
    FROM clip GROUP BY code),
common AS (
    SELECT c.code, sum(ST_Area(ST_Intersection(c.g, q.geom)::geography)) AS common
    FROM clip c JOIN landuse_parcel q ON q.is_green AND q.snapshot = 2565 AND ST_Intersects(q.geom, c.g)
    WHERE c.snapshot = :to GROUP BY c.code)
SELECT a.code, a.a2 - coalesce(c.common, 0) AS gain, a.a1 - coalesce(c.common, 0) AS loss
FROM area a LEFT JOIN common c USING (code)
ORDER BY a.code;
SQL
# plain, parcel-id join: the analyst's query when both snapshots share parcel numbers (only the identical variant):
# parcels matched by number, clipped to each district, areas on the ellipsoid.
cat >"$out/q-green-plain.tpl" <<'SQL'
SELECT d.code,
       coalesce(sum(ST_Area(ST_Intersection(d.geom, n.geom)::geography)) FILTER (WHERE n.is_green AND NOT o.is_green), 0) AS gain,
       coalesce(sum(ST_Area(ST_Intersection(d.geom, o.geom)::geography)) FILTER (WHERE o.is_green AND NOT n.is_green), 0) AS loss
FROM landuse_parcel n
JOIN landuse_parcel o ON o.snapshot = 2565 AND o.feature_no = n.feature_no
JOIN admin_area d ON d.level = 4 AND ST_Intersects(d.geom, n.geom)
WHERE n.snapshot = :to
GROUP BY d.code;
SQL
# hand-tuned: the same, but a parcel the district covers is measured whole, without the intersection.
cat >"$out/q-green-tuned.tpl" <<'SQL'
SELECT d.code,
       coalesce(sum(CASE WHEN ST_Covers(d.geom, n.geom) THEN ST_Area(n.geom::geography)
                         ELSE ST_Area(ST_Intersection(d.geom, n.geom)::geography) END) FILTER (WHERE n.is_green AND NOT o.is_green), 0) AS gain,
       coalesce(sum(CASE WHEN ST_Covers(d.geom, o.geom) THEN ST_Area(o.geom::geography)
                         ELSE ST_Area(ST_Intersection(d.geom, o.geom)::geography) END) FILTER (WHERE o.is_green AND NOT n.is_green), 0) AS loss
FROM landuse_parcel n
JOIN landuse_parcel o ON o.snapshot = 2565 AND o.feature_no = n.feature_no
JOIN admin_area d ON d.level = 4 AND ST_Intersects(d.geom, n.geom)
WHERE n.snapshot = :to
GROUP BY d.code;
SQL
# once_ms FILE: one run, no repeats (for the slow old query and the precomputation); prints its ms.
once_ms() {
  { echo "SET statement_timeout = '600s';"; echo '\timing on'; cat "$1"; } \
    | psql -X -q -v ON_ERROR_STOP=1 -o /dev/null "$db" | grep -o '^Time: [0-9.]*' | grep -o '[0-9.]*$' | awk '{printf "%.0f\n", $1}'
}
# agree A B: the largest per-district difference of gain or loss between two query files' answers, in rai (districts
# missing from one side count as 0), and the first one's gain and loss in rai.
agree() {
  psql -X -q -At -F' ' "$db" <<SQL
CREATE TEMP TABLE a AS SELECT code, gain, loss FROM ($(sed '$ s/;$//' "$1")) q;
CREATE TEMP TABLE b AS SELECT code, gain, loss FROM ($(sed '$ s/;$//' "$2")) q;
SELECT round(max(greatest(abs(coalesce(a.gain, 0) - coalesce(b.gain, 0)), abs(coalesce(a.loss, 0) - coalesce(b.loss, 0))))::numeric / 1600, 6),
       round((SELECT sum(gain) FROM a WHERE code IS NOT NULL)::numeric / 1600, 1), round((SELECT sum(loss) FROM a WHERE code IS NOT NULL)::numeric / 1600, 1)
FROM a FULL JOIN b USING (code) WHERE code IS NOT NULL;
SQL
}
green_rows=""
green_notes=""
for to in "${green_years[@]}"; do
  if [ "$to" = 2566 ]; then name="identical"; else name="re-digitised"; fi
  for q in service diff before pairs plain tuned; do sed "s/:to/$to/g" "$out/q-green-$q.tpl" >"$out/q-green-$q-$to.sql"; done
  say "green $name: precomputation for snapshot $to (landuse_green_refresh, as the import runs it)"
  echo "SELECT landuse_green_refresh(ARRAY[$to]::smallint[], NULL);" >"$out/q-green-refresh-$to.sql"
  refresh_ms=$(once_ms "$out/q-green-refresh-$to.sql"); echo "$refresh_ms ms" >&2
  say "green $name: service SQL (GreenChangeQueries)"
  read -r s_first s_best < <(best_ms "$out/q-green-service-$to.sql"); echo "first $s_first ms, best $s_best ms" >&2
  say "green $name: differences of the dissolved green at query time (what the import computes)"
  read -r d_first d_best < <(best_ms "$out/q-green-diff-$to.sql"); echo "first $d_first ms, best $d_best ms" >&2
  say "green $name: plain per-parcel query"
  read -r p_first p_best < <(best_ms "$out/q-green-pairs-$to.sql"); echo "first $p_first ms, best $p_best ms" >&2
  say "green $name: service SQL before the change (as of 05b7e2e), one run"
  b_ms=$(once_ms "$out/q-green-before-$to.sql"); echo "$b_ms ms" >&2
  say "green $name: gis targets green --from 2565 --to $to --province all"
  read -r c_first c_best < <(wall_s "$root/gis" targets green --from 2565 --to "$to" --province all --format csv --db "$gis_db")
  echo "first $c_first s, best $c_best s" >&2
  row() { awk -v n="$1" -v f="$2" -v b="$3" -v p="$4" 'BEGIN{printf "| %s | %.0f | %.0f | %.2f |\n", n, f, b, p/b}'; }
  green_rows+="$(row "green $name, service SQL (reads landuse_green_change)" "$s_first" "$s_best" "$p_best")"$'\n'
  green_rows+="$(row "green $name, differences of landuse_green per district (the import's part)" "$d_first" "$d_best" "$p_best")"$'\n'
  green_rows+="$(row "green $name, plain per-parcel query (Σ p∩d − Σ p∩d∩q)" "$p_first" "$p_best" "$p_best")"$'\n'
  green_rows+="$(awk -v n="green $name, service SQL before (as of 05b7e2e; one run)" -v b="$b_ms" -v p="$p_best" 'BEGIN{printf "| %s | %.0f | - | %.2f |\n", n, b, p/b}')"$'\n'
  green_rows+="$(awk -v n="green $name, gis targets green --province all (wall, with .NET start)" -v f="$c_first" -v b="$c_best" -v p="$p_best" 'BEGIN{printf "| %s | %.0f | %.0f | %.2f |\n", n, f*1000, b*1000, p/(b*1000)}')"$'\n'
  green_rows+="| green $name, precomputation of snapshot $to (landuse_green_refresh, part of its import of ${lu_import_s[$to]:-?} s) | $refresh_ms | - | - |"$'\n'
  read -r sp_max s_gain s_loss < <(agree "$out/q-green-service-$to.sql" "$out/q-green-pairs-$to.sql")
  read -r bp_max _ _ < <(agree "$out/q-green-before-$to.sql" "$out/q-green-pairs-$to.sql")
  green_notes+="agreement, green $name (rai): service gain $s_gain loss $s_loss over the districts; largest per-district difference"
  green_notes+=" service - plain per-parcel $sp_max rai, before - plain per-parcel $bp_max rai"$'\n'
  # The parcel-id join on the re-digitised survey is timed only: its parcel numbers no longer match, so its answer is
  # not the change (the issue's "plain query" figure of 0.55 s at 50k parcels is this one).
  say "green $name: plain parcel-id join"
  read -r i_first i_best < <(best_ms "$out/q-green-plain-$to.sql"); echo "first $i_first ms, best $i_best ms" >&2
  if [ "$to" = 2566 ]; then i_note=""; else i_note="; parcel numbers do not match, timing only"; fi
  green_rows+="$(row "green $name, plain parcel-id join (ST_Intersection + ST_Area(geography)$i_note)" "$i_first" "$i_best" "$p_best")"$'\n'
  green_notes+="$(awk -v s="$s_best" -v i="$i_best" -v n="$name" 'BEGIN{printf "goal green %s: >= 4 x the plain parcel-id join: %s (%.2f x)", n, (i/s>=4)?"met":"NOT met", i/s}')"$'\n'
  if [ "$to" = 2566 ]; then
    say "green $name: hand-tuned parcel-id join (ST_Covers skips the intersection)"
    read -r t_first t_best < <(best_ms "$out/q-green-tuned-$to.sql"); echo "first $t_first ms, best $t_best ms" >&2
    green_rows+="$(row "green $name, hand-tuned parcel-id join (ST_Covers skips the intersection)" "$t_first" "$t_best" "$p_best")"$'\n'
    read -r si_max _ _ < <(agree "$out/q-green-service-$to.sql" "$out/q-green-plain-$to.sql")
    green_notes+="  service - plain parcel-id join $si_max rai"$'\n'
    green_notes+="$(awk -v s="$s_best" -v t="$t_best" 'BEGIN{printf "goal green identical: no slower than hand-tuned: %s (%.2f x tuned)", (s<=t)?"met":"NOT met", s/t}')"$'\n'
  fi
  green_notes+="$(awk -v s="$s_best" -v p="$p_best" -v m="$sp_max" -v n="$name" 'BEGIN{printf "goal green %s: >= 4 x the plain per-parcel query: %s (%.2f x); exact to 0.001 rai: %s", n, (p/s>=4)?"met":"NOT met", p/s, (m<=0.001)?"met":"NOT met"}')"$'\n'
done

# --- report -----------------------------------------------------------------------------------------------------
say "results"
echo "server: PostgreSQL $(psql -X -At "$db" -c "SELECT current_setting('server_version')"), PostGIS $(psql -X -At "$db" -c "SELECT postgis_lib_version()"); .NET $(dotnet --version); $(nproc) CPUs; $(free -g | awk '/Mem:/{print $2}') GB RAM"
echo "load average at the start: $load_start; at the end: $(cut -d' ' -f1-3 /proc/loadavg); run took $((SECONDS - started)) s"
echo "data: $districts districts; $stored hotspots stored ($tagged in a district, $in_seasons in the two seasons), import $firms_import_s s;"
echo "      $n_parcels parcels in $((1 + ${#green_years[@]})) snapshots ($n_green green), import $landuse_import_s s"
echo
echo "| query | first ms | best of $runs ms | x plain |"
echo "|---|---:|---:|---:|"
row() { awk -v n="$1" -v f="$2" -v b="$3" -v p="$4" 'BEGIN{printf "| %s | %.0f | %.0f | %.2f |\n", n, f, b, p/b}'; }
row "hotspots, service SQL (HotspotCounts on the month and day cubes, all districts, 2 seasons)" "$hs_first" "$hs_best" "$hp_best"
row "hotspots, the same from the points (before the cube)" "$ho_first" "$ho_best" "$hp_best"
row "hotspots, plain ST_Contains join (2 seasons)" "$hp_first" "$hp_best" "$hp_best"
printf '%s' "$green_rows"
echo
echo "agreement, hotspots: service $hot_sum_service, plain $hot_sum_plain detections; $hot_diff_rows (district, season) rows differ, by at most $hot_diff_max;"
echo "  plain - service = $((hot_sum_plain - hot_sum_service)): $multi points lie where two district polygons overlap (plain counts"
echo "  them twice); the remaining $((hot_sum_plain - hot_sum_service - multi)) are points on a boundary or tagged to another district"
printf '%s' "$green_notes"
echo
awk -v s="$hs_best" -v p="$hp_best" 'BEGIN{printf "goal hotspots SQL < 100 ms: %s (%.0f ms); %.1f x plain\n", (s<100)?"met":"NOT met", s, p/s}'
[ "$cli_loop_s" = "-" ] || awk -v t="$cli_loop_s" 'BEGIN{printf "goal gis targets hotspots --province all wall < 0.5 s: %s (%.2f s)\n", (t<0.5)?"met":"NOT met", t}'
