-- The tile grid partitioned by year, as hotspot is (ADR 0043): a year's grid is built in one pass when its detections'
-- table is attached, instead of being upserted row by row into one table's two covering indexes.
--
-- Measured on the 1M-row benchmark season (990,621 grid rows, docs/benchmarks.md): the upsert into the live grid took
-- 2.2 x as long as grouping into a new table and building its two indexes after. A year's grid is derived from its
-- detections alone, so it is built from them whenever a year table becomes a partition (the first load of a year, a
-- detached year put back) and dropped when the year is detached. Later writes to an attached year keep it exact as
-- before: the triggers on hotspot and, for a load past them, hotspot_aggregates_add_batch.

ALTER TABLE hotspot_grid RENAME TO hotspot_grid_unpartitioned;
ALTER TABLE hotspot_grid_unpartitioned RENAME CONSTRAINT hotspot_grid_key TO hotspot_grid_unpartitioned_key;
ALTER INDEX hotspot_grid_day_idx RENAME TO hotspot_grid_unpartitioned_day_idx;

-- The columns of 0022; the key and the day index declared on the parent, so every year's table gets them.
CREATE TABLE hotspot_grid (LIKE hotspot_grid_unpartitioned) PARTITION BY RANGE (local_day);
ALTER TABLE hotspot_grid ADD CONSTRAINT hotspot_grid_key UNIQUE NULLS NOT DISTINCT
    (cell, local_day, province_code, instrument, satellite, type, superseded)
    INCLUDE (cx, cy, detections, low_day, nominal_day, high_day, low_night, nominal_night, high_night, sum_fx, sum_fy);
CREATE INDEX hotspot_grid_day_idx ON hotspot_grid (local_day, cell)
    INCLUDE (cx, cy, province_code, instrument, satellite, type, superseded, detections, low_day, nominal_day, high_day,
             low_night, nominal_night, high_night, sum_fx, sum_fy);

-- The one grouping of stored detections into grid rows (the triggers keep their own copy: a transition table can be
-- named only by its trigger's function): a batch's, a year's, or all. The place is computed once per detection (OFFSET
-- 0 keeps the planner from repeating it in every expression).
CREATE FUNCTION hotspot_grid_rows(batch bigint, year int) RETURNS SETOF hotspot_grid LANGUAGE sql STABLE AS $$
    SELECT hotspot_grid_cell(cx, cy), cx, cy, local_day, province, instrument, satellite, type, superseded,
           n, ld, nd, hd, ln, nn, hn, fx, fy
    FROM (SELECT x >> 8 AS cx, y >> 8 AS cy, local_day, left(district_code, 2) AS province, instrument, satellite, type,
                 superseded_by_batch IS NOT NULL AS superseded, count(*)::integer AS n,
                 count(*) FILTER (WHERE confidence = 'l' AND daynight = 'D')::integer AS ld,
                 count(*) FILTER (WHERE confidence = 'n' AND daynight = 'D')::integer AS nd,
                 count(*) FILTER (WHERE confidence = 'h' AND daynight = 'D')::integer AS hd,
                 count(*) FILTER (WHERE confidence = 'l' AND daynight = 'N')::integer AS ln,
                 count(*) FILTER (WHERE confidence = 'n' AND daynight = 'N')::integer AS nn,
                 count(*) FILTER (WHERE confidence = 'h' AND daynight = 'N')::integer AS hn,
                 sum(x & 255) AS fx, sum(y & 255) AS fy
          FROM (SELECT hotspot_grid_x(longitude) AS x, hotspot_grid_y(latitude) AS y, *
                FROM hotspot
                WHERE (batch IS NULL OR batch_id = batch)
                  AND (year IS NULL OR local_day >= make_date(year, 1, 1) AND local_day < make_date(year + 1, 1, 1))
                OFFSET 0) p
          GROUP BY 1, 2, 3, 4, 5, 6, 7, 8) s
$$;

-- Adds stored rows to the grid of years already built (a load past the triggers into an attached year). Only adds.
CREATE OR REPLACE FUNCTION hotspot_grid_add_rows(batch bigint, year int) RETURNS void LANGUAGE sql AS $$
    INSERT INTO hotspot_grid AS g SELECT * FROM hotspot_grid_rows(batch, year)
    ON CONFLICT ON CONSTRAINT hotspot_grid_key DO UPDATE
        SET detections = g.detections + excluded.detections, low_day = g.low_day + excluded.low_day,
            nominal_day = g.nominal_day + excluded.nominal_day, high_day = g.high_day + excluded.high_day,
            low_night = g.low_night + excluded.low_night, nominal_night = g.nominal_night + excluded.nominal_night,
            high_night = g.high_night + excluded.high_night, sum_fx = g.sum_fx + excluded.sum_fx,
            sum_fy = g.sum_fy + excluded.sum_fy;
$$;

-- The name of a year's grid table: hotspot_grid_y2026.
CREATE FUNCTION hotspot_grid_year_table(year int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'hotspot_grid_y' || year $$;

-- Builds the grid of an attached year of hotspot from all its detections: a new table filled in one grouped pass, with
-- the check its bound implies (so attaching it needs no scan), then attached, which builds its two indexes once.
CREATE FUNCTION hotspot_grid_year_build(year int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    name text := hotspot_grid_year_table(year);
BEGIN
    EXECUTE format('CREATE TABLE %I (LIKE hotspot_grid, CONSTRAINT %I CHECK (local_day >= %L AND local_day < %L))',
                   name, name || '_year', make_date(year, 1, 1), make_date(year + 1, 1, 1));
    EXECUTE format('INSERT INTO %I SELECT * FROM hotspot_grid_rows(NULL, $1)', name) USING year;
    EXECUTE format('ALTER TABLE hotspot_grid ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                   name, make_date(year, 1, 1), make_date(year + 1, 1, 1));
END
$$;

-- Attaching a year's detections builds its grid (0019's attach, which the first load of a year and the put-back of a
-- detached year both call). A loader that calls hotspot_aggregates_add_batch does so before it attaches the years its
-- batch created, so the batch is added to the grids of the years that had one and counted whole into the new ones.
CREATE OR REPLACE FUNCTION hotspot_year_attach(year int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE hotspot ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                   hotspot_year_table(year), make_date(year, 1, 1), make_date(year + 1, 1, 1));
    PERFORM hotspot_grid_year_build(year);
END
$$;

-- A detached year takes its grid with it (derived from its rows, built again when it comes back).
CREATE OR REPLACE FUNCTION hotspot_detach_year(year int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    detached bigint := hotspot_detach_year_counted(year);
BEGIN
    EXECUTE format('DROP TABLE IF EXISTS %I', hotspot_grid_year_table(year));
    RETURN detached;
END
$$;

-- Its grid now comes with the attach itself.
CREATE OR REPLACE FUNCTION hotspot_attach_year(year int) RETURNS bigint LANGUAGE sql AS $$
    SELECT hotspot_attach_year_counted(year);
$$;

-- Every attached year's grid, from its detections; the old table goes.
DO $$
DECLARE
    y int;
BEGIN
    FOR y IN SELECT substr(c.relname, 10)::int FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'hotspot'::regclass AND c.relname ~ '^hotspot_y[0-9]{4}$' ORDER BY 1 LOOP
        PERFORM hotspot_grid_year_build(y);
    END LOOP;
END
$$;
DROP TABLE hotspot_grid_unpartitioned;
