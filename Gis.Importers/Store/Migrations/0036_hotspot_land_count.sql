-- FIRMS detections counted per land class of every stored land-use snapshot (ADR 0046), so the targets' land-class
-- breakdown is a read of counts, as the district counts are, instead of a parcel lookup per detection of the season
-- on every query (5M benchmark store, 20k parcels: 331k lookups, ~10 s; docs/benchmarks.md).
--
-- A detection's land class in a snapshot is the class of the first parcel (by id) that holds it; a detection in no
-- parcel of the snapshot is "unmapped" and has no row here (unmapped = the daily cube's count minus these). The
-- lookups move to the writes, where each detection is looked up once per snapshot: a FIRMS load (its batch, after its
-- years are attached), the triggers below (supersede, re-tagging, deletions, hand edits), a land-use import (its whole
-- snapshot) and a year attached again. Only detections inside a snapshot's extent are looked up at all.

-- The box around a snapshot's parcels: a detection outside it is in none of them (no index probe per detection).
ALTER TABLE landuse_snapshot ADD COLUMN extent geometry(Geometry, ${srid_wgs84});
-- Only where snapshots are stored: the UPDATE's statement trigger would tell readers that land use changed.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM landuse_snapshot) THEN
        UPDATE landuse_snapshot s
        SET extent = (SELECT ST_SetSRID(ST_Extent(p.geom)::geometry, ${srid_wgs84}) FROM landuse_parcel p WHERE p.snapshot = s.snapshot);
    END IF;
END
$$;

CREATE TABLE hotspot_land_count (
    snapshot      smallint NOT NULL REFERENCES landuse_snapshot ON DELETE CASCADE,
    local_day     date NOT NULL,
    district_code text,
    land_class    text NOT NULL,
    instrument    text NOT NULL,
    satellite     text NOT NULL,
    confidence    char(1),
    daynight      char(1),
    type          smallint,
    is_nrt        boolean NOT NULL,
    superseded    boolean NOT NULL,
    detections    bigint NOT NULL,
    CONSTRAINT hotspot_land_count_key UNIQUE NULLS NOT DISTINCT
        (snapshot, local_day, district_code, land_class, instrument, satellite, confidence, daynight, type, is_nrt, superseded)
);

-- The one definition of a point's land class in each stored snapshot (inlined where it is used: a LATERAL call per
-- detection costs what the lookup costs, no function call on top). hotspot_land_count_add applies the same rule from
-- the parcels' side when it has many detections to place.
CREATE FUNCTION landuse_classes_at(point geometry) RETURNS TABLE (snapshot smallint, land_class text)
LANGUAGE sql STABLE AS $$
    SELECT s.snapshot, p.land_class
    FROM landuse_snapshot s
    CROSS JOIN LATERAL (SELECT lp.land_class FROM landuse_parcel lp
                        WHERE lp.snapshot = s.snapshot AND ST_Intersects(lp.geom, point)
                        ORDER BY lp.id LIMIT 1) p
    WHERE s.extent && point
$$;

-- Refuses a count below zero (the counts disagree with the points) and drops the rows that reached zero.
CREATE FUNCTION hotspot_land_count_prune() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM hotspot_land_count WHERE detections < 0) THEN
        RAISE EXCEPTION 'hotspot_land_count would go below zero: it disagrees with the points';
    END IF;
    DELETE FROM hotspot_land_count WHERE detections = 0;
END
$$;

-- Adds the stored detections of a batch, of a span of days, and/or of one snapshot (a NULL argument does not narrow).
-- The candidates (detections in a snapshot's extent) are gathered first. Few of them (fewer than the snapshots have
-- parcels: a day's pull) are looked up one by one as landuse_classes_at does; many (a season's file, a snapshot's
-- whole store) are found from the parcels, each parcel probing an index over the candidates, the same rule (first
-- parcel by id) as a DISTINCT ON. Measured on the 5M benchmark store, a 2.5M-row batch against two 20k-parcel
-- snapshots: 21-23 s one by one, 7.2-8.7 s in all from the parcels (a probe of the parcels' index as the COPY grew it
-- cost ~30 µs a point; docs/benchmarks.md).
-- Writers take the table's lock first (see hotspot_land_count_changed), then read.
CREATE FUNCTION hotspot_land_count_add(batch bigint, first_day date, last_day date, of_snapshot smallint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    candidates bigint;
    parcels bigint;
    few boolean;
BEGIN
    LOCK TABLE hotspot_land_count IN ROW EXCLUSIVE MODE;
    -- Without a snapshot there is nothing to count, and no reason to read a load's rows back.
    IF NOT EXISTS (SELECT 1 FROM landuse_snapshot) THEN
        RETURN;
    END IF;
    -- Left by an earlier call of this transaction only if that call failed halfway (then the transaction is over).
    IF to_regclass('pg_temp.hotspot_land_candidate') IS NOT NULL THEN
        DROP TABLE pg_temp.hotspot_land_candidate;
    END IF;
    CREATE TEMP TABLE hotspot_land_candidate ON COMMIT DROP AS
    SELECT s.snapshot, h.id, h.local_day, h.district_code, h.instrument, h.satellite, h.confidence, h.daynight, h.type,
           h.is_nrt, h.superseded_by_batch IS NOT NULL AS superseded, h.geom
    FROM hotspot h JOIN landuse_snapshot s ON s.extent && h.geom
    WHERE (batch IS NULL OR h.batch_id = batch) AND (first_day IS NULL OR h.local_day >= first_day)
      AND (last_day IS NULL OR h.local_day <= last_day) AND (of_snapshot IS NULL OR s.snapshot = of_snapshot);
    GET DIAGNOSTICS candidates = ROW_COUNT;
    SELECT sum(s.parcels) INTO parcels FROM landuse_snapshot s WHERE of_snapshot IS NULL OR s.snapshot = of_snapshot;
    few := candidates < parcels;
    IF candidates > 0 AND NOT few THEN
        CREATE INDEX ON hotspot_land_candidate USING gist (geom);
        ANALYZE hotspot_land_candidate;
    END IF;
    -- One placement per call: the branch not chosen is a one-time filter that reads nothing.
    INSERT INTO hotspot_land_count AS c (snapshot, local_day, district_code, land_class, instrument, satellite,
                                         confidence, daynight, type, is_nrt, superseded, detections)
    SELECT snapshot, local_day, district_code, land_class, instrument, satellite, confidence, daynight, type, is_nrt,
           superseded, count(*)
    FROM (SELECT h.*, p.land_class
          FROM hotspot_land_candidate h CROSS JOIN LATERAL landuse_classes_at(h.geom) p
          WHERE few AND p.snapshot = h.snapshot
          UNION ALL
          (SELECT DISTINCT ON (h.snapshot, h.id, h.local_day) h.*, lp.land_class
           FROM landuse_parcel lp
           JOIN hotspot_land_candidate h ON h.snapshot = lp.snapshot AND h.geom && lp.geom AND ST_Intersects(lp.geom, h.geom)
           WHERE NOT few
           ORDER BY h.snapshot, h.id, h.local_day, lp.id)) placed
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    ON CONFLICT ON CONSTRAINT hotspot_land_count_key DO UPDATE SET detections = c.detections + excluded.detections;
    DROP TABLE hotspot_land_candidate;
END
$$;

-- Statement triggers on hotspot, as for the tile grid (migration 0022): the rows added (sign 1) or taken away (-1),
-- an UPDATE being both, the addition first so that no count passes below zero on the way.
-- The lock, taken in a statement of its own before anything is read, orders this writer against a land-use import
-- (which holds SHARE ROW EXCLUSIVE for its whole transaction): whichever comes second waits, then reads what the first
-- committed, so no detection is counted against parcels that were replaced, nor missed by a snapshot's recount.
CREATE FUNCTION hotspot_land_count_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sign constant integer := TG_ARGV[0]::integer;
BEGIN
    LOCK TABLE hotspot_land_count IN ROW EXCLUSIVE MODE;
    IF NOT EXISTS (SELECT 1 FROM landuse_snapshot) THEN
        RETURN NULL;
    END IF;
    INSERT INTO hotspot_land_count AS c (snapshot, local_day, district_code, land_class, instrument, satellite, confidence,
                                         daynight, type, is_nrt, superseded, detections)
    SELECT l.snapshot, h.local_day, h.district_code, l.land_class, h.instrument, h.satellite, h.confidence, h.daynight,
           h.type, h.is_nrt, h.superseded_by_batch IS NOT NULL, sign * count(*)
    FROM changed_rows h CROSS JOIN LATERAL landuse_classes_at(h.geom) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    ON CONFLICT ON CONSTRAINT hotspot_land_count_key DO UPDATE SET detections = c.detections + excluded.detections;
    IF sign < 0 THEN
        PERFORM hotspot_land_count_prune();
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION hotspot_land_count_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM hotspot_land_count;
    RETURN NULL;
END
$$;

CREATE TRIGGER hotspot_land_count_insert AFTER INSERT ON hotspot
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_land_count_changed('1');
CREATE TRIGGER hotspot_land_count_update_add AFTER UPDATE ON hotspot
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_land_count_changed('1');
CREATE TRIGGER hotspot_land_count_update_subtract AFTER UPDATE ON hotspot
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_land_count_changed('-1');
CREATE TRIGGER hotspot_land_count_delete AFTER DELETE ON hotspot
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_land_count_changed('-1');
CREATE TRIGGER hotspot_land_count_truncate AFTER TRUNCATE ON hotspot
    FOR EACH STATEMENT EXECUTE FUNCTION hotspot_land_count_truncated();

-- The same counts per calendar month (the first day of it), kept from the daily ones by triggers as
-- hotspot_month_count is from hotspot_day_count (migration 0031): a season's whole months are read from here, a
-- thirtieth of the rows. No key to landuse_snapshot: a snapshot's daily rows removed by the cascade take their
-- months with them through the trigger.
CREATE TABLE hotspot_land_month_count (LIKE hotspot_land_count INCLUDING CONSTRAINTS);
ALTER TABLE hotspot_land_month_count RENAME local_day TO month;
ALTER TABLE hotspot_land_month_count
    ADD CONSTRAINT hotspot_land_month_count_month_check CHECK (extract(day FROM month) = 1),
    ADD CONSTRAINT hotspot_land_month_count_key UNIQUE NULLS NOT DISTINCT
        (snapshot, month, district_code, land_class, instrument, satellite, confidence, daynight, type, is_nrt, superseded);

CREATE FUNCTION hotspot_land_month_count_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sign constant integer := TG_ARGV[0]::integer;
BEGIN
    INSERT INTO hotspot_land_month_count AS c (snapshot, month, district_code, land_class, instrument, satellite,
                                               confidence, daynight, type, is_nrt, superseded, detections)
    SELECT snapshot, date_trunc('month', local_day::timestamp)::date, district_code, land_class, instrument, satellite,
           confidence, daynight, type, is_nrt, superseded, sign * sum(detections)::bigint
    FROM changed_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    ON CONFLICT ON CONSTRAINT hotspot_land_month_count_key DO UPDATE SET detections = c.detections + excluded.detections;
    IF sign < 0 THEN
        IF EXISTS (SELECT 1 FROM hotspot_land_month_count WHERE detections < 0) THEN
            RAISE EXCEPTION 'hotspot_land_month_count would go below zero: it disagrees with hotspot_land_count';
        END IF;
        DELETE FROM hotspot_land_month_count WHERE detections = 0;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER hotspot_land_month_count_insert AFTER INSERT ON hotspot_land_count
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_land_month_count_changed('1');
CREATE TRIGGER hotspot_land_month_count_update_add AFTER UPDATE ON hotspot_land_count
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_land_month_count_changed('1');
CREATE TRIGGER hotspot_land_month_count_update_subtract AFTER UPDATE ON hotspot_land_count
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_land_month_count_changed('-1');
CREATE TRIGGER hotspot_land_month_count_delete AFTER DELETE ON hotspot_land_count
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_land_month_count_changed('-1');

-- A detached year leaves the counts with its daily cube; attached again, it is counted again.
ALTER FUNCTION hotspot_detach_year(int) RENAME TO hotspot_detach_year_gridded;
CREATE FUNCTION hotspot_detach_year(year int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    detached bigint := hotspot_detach_year_gridded(year);
BEGIN
    LOCK TABLE hotspot_land_count IN ROW EXCLUSIVE MODE;
    DELETE FROM hotspot_land_count WHERE local_day >= make_date(year, 1, 1) AND local_day < make_date(year + 1, 1, 1);
    RETURN detached;
END
$$;

ALTER FUNCTION hotspot_attach_year(int) RENAME TO hotspot_attach_year_gridded;
CREATE FUNCTION hotspot_attach_year(year int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    attached bigint := hotspot_attach_year_gridded(year);
BEGIN
    PERFORM hotspot_land_count_add(NULL, make_date(year, 1, 1), make_date(year, 12, 31), NULL);
    RETURN attached;
END
$$;

-- The land-use snapshots already stored, counted once.
SELECT hotspot_land_count_add(NULL, NULL, NULL, NULL);
