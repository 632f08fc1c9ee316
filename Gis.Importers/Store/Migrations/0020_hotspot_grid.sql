-- The per-day hotspot grid (ADR 0023): detections counted per Bangkok day and fixed Web Mercator cell, with every
-- value a tile filter can choose, so a zoomed-out tile of a season reads cells instead of every point it covers.
--
-- Cells are those of zoom 16 (65,536 across the world, about 580 m at Chiang Mai): the 4-pixel cells of a 512-pixel
-- vector tile at zoom 9 and the pixels of a heat tile at zoom 7; every coarser cell is a block of them. Each row also
-- sums where its detections lie inside the cell (1/256 of the cell, i.e. their zoom-24 cell), so a heat map puts the
-- weight at the detections' centroid instead of at a pixel centre. The key starts with the cell's Morton code, so a
-- tile, or any aligned block of cells, is one range of the index.
--
-- FIRMS only: the tiles draw the counted FIRMS detections (hotspot_counted), never GISTDA's.
--
-- Kept exact by statement-level triggers on hotspot, as hotspot_day_count (migration 0018): every INSERT, COPY,
-- UPDATE (NRT supersede, re-tagging) and DELETE changes the grid in the same statement. A writer that loads a
-- partition directly (bypassing the parent's triggers) calls hotspot_grid_add_batch in the same transaction.

-- The one definition of a detection's place on the grid: its zoom-24 Web Mercator cell, x from the antimeridian
-- eastward and y from the north down (as tiles count), clamped to the plane. A zoom-16 cell is this shifted by 8 bits.
CREATE FUNCTION hotspot_grid_x(longitude double precision) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT least(greatest(floor((longitude + 180) / 360 * 16777216), 0), 16777215)::integer $$;

CREATE FUNCTION hotspot_grid_y(latitude double precision) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT least(greatest(floor((0.5 - ln(tan(radians(90 + latitude) / 2)) / (2 * pi())) * 16777216), 0), 16777215)::integer $$;

-- Morton code (bit i of x to bit 2i, of y to bit 2i+1) of zoom-16 cell x, y: the cells of an aligned block of
-- 2^k x 2^k cells are the codes sharing all but the lowest 2k bits. Written out bit by bit so that it inlines.
CREATE FUNCTION hotspot_grid_cell(x integer, y integer) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
-- PostgreSQL gives | & << one precedence, left to right: hence every parenthesis.
AS $$ SELECT (x & 1) | ((x & 2) << 1) | ((x & 4) << 2) | ((x & 8) << 3) | ((x & 16) << 4) | ((x & 32) << 5)
    | ((x & 64) << 6) | ((x & 128) << 7) | ((x & 256) << 8) | ((x & 512) << 9) | ((x & 1024) << 10)
    | ((x & 2048) << 11) | ((x & 4096) << 12) | ((x & 8192) << 13) | ((x::bigint & 16384) << 14)
    | ((x::bigint & 32768) << 15)
    | ((y & 1) << 1) | ((y & 2) << 2) | ((y & 4) << 3) | ((y & 8) << 4) | ((y & 16) << 5) | ((y & 32) << 6)
    | ((y & 64) << 7) | ((y & 128) << 8) | ((y & 256) << 9) | ((y & 512) << 10) | ((y & 1024) << 11)
    | ((y & 2048) << 12) | ((y & 4096) << 13) | ((y & 8192) << 14) | ((y::bigint & 16384) << 15)
    | ((y::bigint & 32768) << 16) $$;

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
    confidence     char(1),
    daynight       char(1),
    type           smallint,
    -- NRT rows replaced by standard data (ADR 0007).
    superseded     boolean NOT NULL,
    -- Never negative: the triggers fail the writer's statement if a subtraction finds no addition.
    detections     integer NOT NULL,
    -- Sums over the detections of their zoom-24 x and y within the cell (0-255 each): centroid = sum / detections.
    sum_fx         bigint NOT NULL,
    sum_fy         bigint NOT NULL,
    -- A tile reads a range of cells from this index alone (index-only scan: the table's order is the writers').
    CONSTRAINT hotspot_grid_key UNIQUE NULLS NOT DISTINCT
        (cell, local_day, province_code, instrument, satellite, confidence, daynight, type, superseded)
        INCLUDE (cx, cy, detections, sum_fx, sum_fy)
);

-- Adds (sign 1) or subtracts (sign -1) grouped detections; removes what reaches zero and fails on what would go below.
-- The groups come as an array of rows because a transition table is visible to its own trigger function only.
CREATE FUNCTION hotspot_grid_merge(sign integer, groups hotspot_grid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    emptied_cells bigint[];
    emptied_days date[];
    lowest integer;
BEGIN
    WITH changed AS (
        INSERT INTO hotspot_grid AS g
        SELECT r.cell, r.cx, r.cy, r.local_day, r.province_code, r.instrument, r.satellite, r.confidence,
               r.daynight, r.type, r.superseded, sign * r.detections, sign * r.sum_fx, sign * r.sum_fy
        FROM unnest(groups) r
        ON CONFLICT ON CONSTRAINT hotspot_grid_key DO UPDATE
            SET detections = g.detections + excluded.detections, sum_fx = g.sum_fx + excluded.sum_fx,
                sum_fy = g.sum_fy + excluded.sum_fy
        RETURNING g.cell, g.local_day, g.detections)
    SELECT array_agg(cell), array_agg(local_day), min(detections) INTO emptied_cells, emptied_days, lowest
    FROM changed WHERE detections <= 0;
    IF lowest < 0 THEN
        RAISE EXCEPTION 'hotspot_grid would go below zero: it disagrees with the points';
    END IF;
    IF emptied_cells IS NOT NULL THEN
        DELETE FROM hotspot_grid g USING unnest(emptied_cells, emptied_days) AS e(cell, local_day)
        WHERE g.cell = e.cell AND g.local_day = e.local_day AND g.detections = 0;
    END IF;
END
$$;

-- Detections grouped into grid rows: those a statement wrote (sign 1) or removed (sign -1), named changed_rows by
-- each trigger (an UPDATE fires two: the new rows added, then the old ones taken away; triggers fire in name order).
-- The place is computed once per detection (OFFSET 0 keeps the planner from repeating it in every expression).
CREATE FUNCTION hotspot_grid_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM hotspot_grid_merge(TG_ARGV[0]::integer, (
        SELECT array_agg(ROW(hotspot_grid_cell(cx, cy), cx, cy, local_day, province, instrument, satellite, confidence,
                             daynight, type, superseded, n, fx, fy)::hotspot_grid)
        FROM (SELECT x >> 8 AS cx, y >> 8 AS cy, local_day, left(district_code, 2) AS province, instrument, satellite,
                     confidence, daynight, type, superseded_by_batch IS NOT NULL AS superseded, count(*)::integer AS n,
                     sum(x & 255) AS fx, sum(y & 255) AS fy
              FROM (SELECT hotspot_grid_x(longitude) AS x, hotspot_grid_y(latitude) AS y, * FROM changed_rows OFFSET 0) p
              GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) g));
    RETURN NULL;
END
$$;

CREATE FUNCTION hotspot_grid_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM hotspot_grid;
    RETURN NULL;
END
$$;

CREATE TRIGGER hotspot_grid_insert AFTER INSERT ON hotspot
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_grid_changed('1');
CREATE TRIGGER hotspot_grid_update_add AFTER UPDATE ON hotspot
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_grid_changed('1');
CREATE TRIGGER hotspot_grid_update_subtract AFTER UPDATE ON hotspot
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_grid_changed('-1');
CREATE TRIGGER hotspot_grid_delete AFTER DELETE ON hotspot
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_grid_changed('-1');
CREATE TRIGGER hotspot_grid_truncate AFTER TRUNCATE ON hotspot
    FOR EACH STATEMENT EXECUTE FUNCTION hotspot_grid_truncated();

-- For a writer that bypasses the triggers (COPY straight into a partition of hotspot, a year attached again): adds
-- stored rows, a batch's (batch not null) or a year's (year not null), in the caller's transaction. Call it once,
-- after the rows are in and before any UPDATE through the parent touches them (the update trigger subtracts what it
-- finds there). The same grouping as hotspot_grid_changed, over stored rows instead of a transition table (which only
-- its trigger function can name).
CREATE FUNCTION hotspot_grid_add_rows(batch bigint, year int) RETURNS void LANGUAGE sql AS $$
    -- Only adds: nothing can reach zero or below, so one upsert does (no array of groups as the triggers need).
    INSERT INTO hotspot_grid AS g
    SELECT hotspot_grid_cell(cx, cy), cx, cy, local_day, province, instrument, satellite, confidence, daynight, type,
           superseded, n, fx, fy
    FROM (SELECT x >> 8 AS cx, y >> 8 AS cy, local_day, left(district_code, 2) AS province, instrument, satellite,
                 confidence, daynight, type, superseded_by_batch IS NOT NULL AS superseded, count(*)::integer AS n,
                 sum(x & 255) AS fx, sum(y & 255) AS fy
          FROM (SELECT hotspot_grid_x(longitude) AS x, hotspot_grid_y(latitude) AS y, *
                FROM hotspot
                WHERE (batch IS NULL OR batch_id = batch)
                  AND (year IS NULL OR local_day >= make_date(year, 1, 1) AND local_day < make_date(year + 1, 1, 1))
                OFFSET 0) p
          GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) s
    ON CONFLICT ON CONSTRAINT hotspot_grid_key DO UPDATE
        SET detections = g.detections + excluded.detections, sum_fx = g.sum_fx + excluded.sum_fx,
            sum_fy = g.sum_fy + excluded.sum_fy;
$$;

CREATE FUNCTION hotspot_grid_add_batch(batch bigint) RETURNS void LANGUAGE sql AS $$
    SELECT hotspot_grid_add_rows(batch, NULL);
$$;

-- What was stored before this migration.
SELECT hotspot_grid_add_rows(NULL, NULL);

-- The loaders past the triggers and the year detach/attach of 0019 keep the cube; the grid joins it here, so
-- hotspot_aggregates_add_batch stays the one call a loader makes (ADR 0022, 0023).
ALTER FUNCTION hotspot_aggregates_add_batch(bigint) RENAME TO hotspot_day_count_add_batch;
CREATE FUNCTION hotspot_aggregates_add_batch(batch bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM hotspot_day_count_add_batch(batch);
    PERFORM hotspot_grid_add_batch(batch);
END
$$;

ALTER FUNCTION hotspot_detach_year(int) RENAME TO hotspot_detach_year_counted;
CREATE FUNCTION hotspot_detach_year(year int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    detached bigint := hotspot_detach_year_counted(year);
BEGIN
    DELETE FROM hotspot_grid WHERE local_day >= make_date(year, 1, 1) AND local_day < make_date(year + 1, 1, 1);
    RETURN detached;
END
$$;

ALTER FUNCTION hotspot_attach_year(int) RENAME TO hotspot_attach_year_counted;
CREATE FUNCTION hotspot_attach_year(year int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    attached bigint := hotspot_attach_year_counted(year);
BEGIN
    PERFORM hotspot_grid_add_rows(NULL, year);
    RETURN attached;
END
$$;
