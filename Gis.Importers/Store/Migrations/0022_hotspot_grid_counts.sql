-- The per-day hotspot grid with confidence and day/night as count columns instead of key values (ADR 0027).
--
-- Migration 0020 keyed a row by every value a tile filter can choose, so the detections of one fire seen by day and by
-- night, with different confidences, were up to six rows. Confidence (l/n/h) and day/night (D/N) are never null
-- (migration 0001) and have three and two values: a row now counts its detections of each of the six pairs, and a
-- filter on them picks columns instead of rows. Instrument, satellite, type and superseded stay keys (a filter takes
-- any set of satellites and types; superseded follows the NRT rule of ADR 0007).
--
-- The cell stays that of zoom 16: it is the 4-pixel cell of a zoom-9 vector tile (512 pixels, 128 cells a side, 9 +
-- 7 = 16), the finest tile the grid serves; a coarser cell would change the counts a zoom-9 tile draws.
--
-- Kept exact as before, in the writer's statement, but both paths are now one upsert: the triggers group their
-- transition table straight into INSERT ... ON CONFLICT (no array of composite rows through a second function), then
-- delete what reached zero and fail on anything below it.

-- The triggers of 0020 stay: they call hotspot_grid_changed, replaced below. Its old merge function takes the old row
-- type, so it goes before the table.
DROP FUNCTION hotspot_grid_merge(integer, hotspot_grid[]);
DROP TABLE hotspot_grid;

CREATE TABLE hotspot_grid (
    -- Morton code of the zoom-16 cell (hotspot_grid_cell), then the cell itself.
    cell           bigint NOT NULL,
    cx             integer NOT NULL,
    cy             integer NOT NULL,
    local_day      date NOT NULL,
    -- The province of the detection's district (its code's first two digits); NULL outside every district.
    province_code  text,
    instrument     text NOT NULL,
    satellite      text NOT NULL,
    type           smallint,
    -- NRT rows replaced by standard data (ADR 0007).
    superseded     boolean NOT NULL,
    -- All detections of the row: the sum of the six below. Never negative (the triggers fail the writer's statement
    -- if a subtraction finds no addition); a row reaching zero is deleted.
    detections     integer NOT NULL,
    -- Detections per confidence (low, nominal, high) and day/night.
    low_day        integer NOT NULL,
    nominal_day    integer NOT NULL,
    high_day       integer NOT NULL,
    low_night      integer NOT NULL,
    nominal_night  integer NOT NULL,
    high_night     integer NOT NULL,
    -- Sums over the detections of their zoom-24 x and y within the cell (0-255 each): centroid = sum / detections.
    sum_fx         bigint NOT NULL,
    sum_fy         bigint NOT NULL,
    -- A tile reads a range of cells from this index alone (index-only scan: the table's order is the writers').
    CONSTRAINT hotspot_grid_key UNIQUE NULLS NOT DISTINCT
        (cell, local_day, province_code, instrument, satellite, type, superseded)
        INCLUDE (cx, cy, detections, low_day, nominal_day, high_day, low_night, nominal_night, high_night, sum_fx, sum_fy)
);

-- Detections grouped into grid rows: those a statement wrote (sign 1) or removed (sign -1), named changed_rows by each
-- trigger (an UPDATE fires two: the new rows added, then the old ones taken away; triggers fire in name order). The
-- same grouping as hotspot_grid_add_rows, written twice: a transition table can be named only by its trigger's own
-- function, and handing its rows on as an array (0020) cost about as much as the grid itself. The place is computed
-- once per detection (OFFSET 0 keeps the planner from repeating it in every expression).
CREATE OR REPLACE FUNCTION hotspot_grid_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sign constant integer := TG_ARGV[0]::integer;
    emptied_cells bigint[];
    emptied_days date[];
    lowest integer;
BEGIN
    WITH changed AS (
        INSERT INTO hotspot_grid AS g
        SELECT hotspot_grid_cell(cx, cy), cx, cy, local_day, province, instrument, satellite, type, superseded,
               sign * n, sign * ld, sign * nd, sign * hd, sign * ln, sign * nn, sign * hn, sign * fx, sign * fy
        FROM (SELECT x >> 8 AS cx, y >> 8 AS cy, local_day, left(district_code, 2) AS province, instrument, satellite, type,
                     superseded_by_batch IS NOT NULL AS superseded, count(*)::integer AS n,
                     count(*) FILTER (WHERE confidence = 'l' AND daynight = 'D')::integer AS ld,
                     count(*) FILTER (WHERE confidence = 'n' AND daynight = 'D')::integer AS nd,
                     count(*) FILTER (WHERE confidence = 'h' AND daynight = 'D')::integer AS hd,
                     count(*) FILTER (WHERE confidence = 'l' AND daynight = 'N')::integer AS ln,
                     count(*) FILTER (WHERE confidence = 'n' AND daynight = 'N')::integer AS nn,
                     count(*) FILTER (WHERE confidence = 'h' AND daynight = 'N')::integer AS hn,
                     sum(x & 255) AS fx, sum(y & 255) AS fy
              FROM (SELECT hotspot_grid_x(longitude) AS x, hotspot_grid_y(latitude) AS y, * FROM changed_rows OFFSET 0) p
              GROUP BY 1, 2, 3, 4, 5, 6, 7, 8) s
        ON CONFLICT ON CONSTRAINT hotspot_grid_key DO UPDATE
            SET detections = g.detections + excluded.detections, low_day = g.low_day + excluded.low_day,
                nominal_day = g.nominal_day + excluded.nominal_day, high_day = g.high_day + excluded.high_day,
                low_night = g.low_night + excluded.low_night, nominal_night = g.nominal_night + excluded.nominal_night,
                high_night = g.high_night + excluded.high_night, sum_fx = g.sum_fx + excluded.sum_fx,
                sum_fy = g.sum_fy + excluded.sum_fy
        RETURNING g.cell, g.local_day, g.detections,
                  least(g.low_day, g.nominal_day, g.high_day, g.low_night, g.nominal_night, g.high_night) AS fewest)
    SELECT array_agg(cell) FILTER (WHERE detections = 0), array_agg(local_day) FILTER (WHERE detections = 0), min(fewest)
    INTO emptied_cells, emptied_days, lowest
    FROM changed;
    IF lowest < 0 THEN
        RAISE EXCEPTION 'hotspot_grid would go below zero: it disagrees with the points';
    END IF;
    IF emptied_cells IS NOT NULL THEN
        DELETE FROM hotspot_grid g USING unnest(emptied_cells, emptied_days) AS e(cell, local_day)
        WHERE g.cell = e.cell AND g.local_day = e.local_day AND g.detections = 0;
    END IF;
    RETURN NULL;
END
$$;

-- For a writer that bypasses the triggers (migration 0020): the same grouping over stored rows, a batch's or a year's.
-- Only adds, so nothing can reach zero or below.
CREATE OR REPLACE FUNCTION hotspot_grid_add_rows(batch bigint, year int) RETURNS void LANGUAGE sql AS $$
    INSERT INTO hotspot_grid AS g
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
    ON CONFLICT ON CONSTRAINT hotspot_grid_key DO UPDATE
        SET detections = g.detections + excluded.detections, low_day = g.low_day + excluded.low_day,
            nominal_day = g.nominal_day + excluded.nominal_day, high_day = g.high_day + excluded.high_day,
            low_night = g.low_night + excluded.low_night, nominal_night = g.nominal_night + excluded.nominal_night,
            high_night = g.high_night + excluded.high_night, sum_fx = g.sum_fx + excluded.sum_fx,
            sum_fy = g.sum_fy + excluded.sum_fy;
$$;

-- What was stored before this migration.
SELECT hotspot_grid_add_rows(NULL, NULL);

-- A short period (the day slider) reads a few days of a tile's cells. The key leads with the cell, so each of its
-- ranges holds every day of those cells and PostgreSQL 15 (no skip scan) reads them all to keep one: the province tile
-- of one day read as much as that of the season. This index leads with the day; the planner takes it for a few days and
-- the key for a season. Built after the fill, in one pass.
CREATE INDEX hotspot_grid_day_idx ON hotspot_grid (local_day, cell)
    INCLUDE (cx, cy, province_code, instrument, satellite, type, superseded, detections, low_day, nominal_day, high_day,
             low_night, nominal_night, high_night, sum_fx, sum_fy);
