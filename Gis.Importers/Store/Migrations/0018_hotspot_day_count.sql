-- The daily hotspot cube (ADR 0021): detections counted per Bangkok day, district and every value a filter can
-- choose. Counting a season for 928 districts then reads a few hundred thousand rows instead of millions of points,
-- and no geometry. Events mode (DBSCAN on the points) and anything spatial still read the points.
--
-- Kept exact by statement-level triggers on hotspot and gistda_hotspot: every INSERT, COPY, UPDATE (NRT supersede,
-- district re-tagging) and DELETE through those tables adds and subtracts its rows' counts in the same statement,
-- so a count can never disagree with the points it stands for, whichever writer changed them. A writer that loads
-- a partition directly (bypassing the parent's triggers) must add its rows itself in the same transaction.

CREATE TABLE hotspot_day_count (
    local_day      date NOT NULL,
    -- Level 4 admin_area code as the detection is tagged; NULL outside every district.
    district_code  text,
    source         text NOT NULL CHECK (source IN ('firms', 'gistda')),
    instrument     text NOT NULL,
    satellite      text NOT NULL,
    -- As stored on the detection (GISTDA may have no confidence, day/night flag or type: NULL).
    confidence     char(1),
    daynight       char(1),
    type           smallint,
    -- FIRMS near-real-time data, and whether standard data replaced it (ADR 0007); false for GISTDA.
    is_nrt         boolean NOT NULL,
    superseded     boolean NOT NULL,
    -- Never negative: the triggers fail the writer's statement if a subtraction finds no addition (not a CHECK,
    -- which ON CONFLICT would apply to the proposed negative row before it merges with the stored one).
    detections     bigint NOT NULL,
    -- Also the index counting reads by: a span of days, then the district.
    CONSTRAINT hotspot_day_count_key UNIQUE NULLS NOT DISTINCT
        (local_day, district_code, source, instrument, satellite, confidence, daynight, type, is_nrt, superseded)
);

-- One function per table and event: a trigger with transition tables serves one event, and each table spells its
-- NRT state differently. An UPDATE adds the new rows before it takes the old ones away, so no count goes below
-- zero on its way; rows left at zero are removed, so the cube holds exactly the combinations with detections.
CREATE FUNCTION hotspot_day_count_prune(of_source text, first_day date, last_day date) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM hotspot_day_count c
               WHERE c.detections < 0 AND c.source = of_source AND c.local_day BETWEEN first_day AND last_day) THEN
        RAISE EXCEPTION 'hotspot_day_count would go below zero for % between % and %: it disagrees with the points',
            of_source, first_day, last_day;
    END IF;
    DELETE FROM hotspot_day_count c
    WHERE c.detections = 0 AND c.source = of_source AND c.local_day BETWEEN first_day AND last_day;
END
$$;

CREATE FUNCTION hotspot_day_count_firms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO hotspot_day_count AS c (local_day, district_code, source, instrument, satellite, confidence,
                                            daynight, type, is_nrt, superseded, detections)
        SELECT local_day, district_code, 'firms', instrument, satellite, confidence, daynight, type, is_nrt,
               superseded_by_batch IS NOT NULL, count(*)
        FROM new_rows GROUP BY 1, 2, 4, 5, 6, 7, 8, 9, 10
        ON CONFLICT ON CONSTRAINT hotspot_day_count_key DO UPDATE SET detections = c.detections + excluded.detections;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO hotspot_day_count AS c (local_day, district_code, source, instrument, satellite, confidence,
                                            daynight, type, is_nrt, superseded, detections)
        SELECT local_day, district_code, 'firms', instrument, satellite, confidence, daynight, type, is_nrt,
               superseded_by_batch IS NOT NULL, -count(*)
        FROM old_rows GROUP BY 1, 2, 4, 5, 6, 7, 8, 9, 10
        ON CONFLICT ON CONSTRAINT hotspot_day_count_key DO UPDATE SET detections = c.detections + excluded.detections;
        PERFORM hotspot_day_count_prune('firms', (SELECT min(local_day) FROM old_rows), (SELECT max(local_day) FROM old_rows));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION hotspot_day_count_gistda() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO hotspot_day_count AS c (local_day, district_code, source, instrument, satellite, confidence,
                                            daynight, type, is_nrt, superseded, detections)
        SELECT local_day, district_code, 'gistda', instrument, satellite, confidence, daynight, type, false, false,
               count(*)
        FROM new_rows GROUP BY 1, 2, 4, 5, 6, 7, 8
        ON CONFLICT ON CONSTRAINT hotspot_day_count_key DO UPDATE SET detections = c.detections + excluded.detections;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO hotspot_day_count AS c (local_day, district_code, source, instrument, satellite, confidence,
                                            daynight, type, is_nrt, superseded, detections)
        SELECT local_day, district_code, 'gistda', instrument, satellite, confidence, daynight, type, false, false,
               -count(*)
        FROM old_rows GROUP BY 1, 2, 4, 5, 6, 7, 8
        ON CONFLICT ON CONSTRAINT hotspot_day_count_key DO UPDATE SET detections = c.detections + excluded.detections;
        PERFORM hotspot_day_count_prune('gistda', (SELECT min(local_day) FROM old_rows), (SELECT max(local_day) FROM old_rows));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION hotspot_day_count_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM hotspot_day_count WHERE source = TG_ARGV[0];
    RETURN NULL;
END
$$;

CREATE TRIGGER hotspot_day_count_insert AFTER INSERT ON hotspot
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_day_count_firms();
CREATE TRIGGER hotspot_day_count_update AFTER UPDATE ON hotspot
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_day_count_firms();
CREATE TRIGGER hotspot_day_count_delete AFTER DELETE ON hotspot
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_day_count_firms();
CREATE TRIGGER hotspot_day_count_truncate AFTER TRUNCATE ON hotspot
    FOR EACH STATEMENT EXECUTE FUNCTION hotspot_day_count_truncated('firms');

CREATE TRIGGER gistda_hotspot_day_count_insert AFTER INSERT ON gistda_hotspot
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_day_count_gistda();
CREATE TRIGGER gistda_hotspot_day_count_update AFTER UPDATE ON gistda_hotspot
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_day_count_gistda();
CREATE TRIGGER gistda_hotspot_day_count_delete AFTER DELETE ON gistda_hotspot
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_day_count_gistda();
CREATE TRIGGER gistda_hotspot_day_count_truncate AFTER TRUNCATE ON gistda_hotspot
    FOR EACH STATEMENT EXECUTE FUNCTION hotspot_day_count_truncated('gistda');

-- What was stored before this migration.
INSERT INTO hotspot_day_count (local_day, district_code, source, instrument, satellite, confidence, daynight, type,
                               is_nrt, superseded, detections)
SELECT local_day, district_code, 'firms', instrument, satellite, confidence, daynight, type, is_nrt,
       superseded_by_batch IS NOT NULL, count(*)
FROM hotspot GROUP BY 1, 2, 4, 5, 6, 7, 8, 9, 10;
INSERT INTO hotspot_day_count (local_day, district_code, source, instrument, satellite, confidence, daynight, type,
                               is_nrt, superseded, detections)
SELECT local_day, district_code, 'gistda', instrument, satellite, confidence, daynight, type, false, false, count(*)
FROM gistda_hotspot GROUP BY 1, 2, 4, 5, 6, 7, 8;
