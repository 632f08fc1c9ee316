-- hotspot partitioned by year of local_day (ADR 0022): a year is a table of its own, so an import of a new year
-- loads a table created in its transaction (no WAL under wal_level = minimal, indexes built once after the load,
-- foreign keys validated by one join when it is attached), and a decade-old year can be detached and attached again
-- without touching the others.
--
-- Keys must hold the partition key. local_day is a function of acquired_utc (the Bangkok day), so the identity with
-- local_day added is the same identity, and (id, local_day) is as unique as id (one sequence numbers every year).
-- The id is a sequence default, not an identity column: in PostgreSQL 15 a table loaded directly (then attached)
-- does not take an identity from its parent, but it copies a default.

-- Views that read hotspot (hotspot_counted and whatever reads it) are dropped here and recreated as they were.
CREATE TEMP TABLE hotspot_views ON COMMIT DROP AS
WITH RECURSIVE dependent(oid, depth) AS (
    SELECT DISTINCT r.ev_class, 1 FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
    WHERE d.refobjid = 'hotspot'::regclass AND r.ev_class <> 'hotspot'::regclass
    UNION
    SELECT DISTINCT r.ev_class, v.depth + 1 FROM dependent v
    JOIN pg_depend d ON d.refobjid = v.oid JOIN pg_rewrite r ON r.oid = d.objid AND r.ev_class <> v.oid)
SELECT c.oid::regclass::text AS name, pg_get_viewdef(c.oid) AS definition, max(v.depth) AS depth
FROM dependent v JOIN pg_class c ON c.oid = v.oid WHERE c.relkind = 'v' GROUP BY c.oid;

DO $$
DECLARE
    v record;
BEGIN
    FOR v IN SELECT name FROM hotspot_views ORDER BY depth DESC LOOP
        EXECUTE format('DROP VIEW %s', v.name);
    END LOOP;
END
$$;

-- Their definitions name hotspot, which from here on is the new table.
CREATE TEMP TABLE hotspot_triggers ON COMMIT DROP AS
SELECT pg_get_triggerdef(oid) AS definition FROM pg_trigger WHERE tgrelid = 'hotspot'::regclass AND NOT tgisinternal;

-- Ids go on from where the identity stopped, never reused.
CREATE TEMP TABLE hotspot_next_id ON COMMIT DROP AS
SELECT nextval(pg_get_serial_sequence('hotspot', 'id')) AS next_id;

ALTER TABLE hotspot RENAME TO hotspot_unpartitioned;
ALTER SEQUENCE hotspot_id_seq RENAME TO hotspot_unpartitioned_id_seq;

-- The same columns in the same order (views select *), their defaults, generated columns and checks; no identity.
CREATE TABLE hotspot (LIKE hotspot_unpartitioned INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS
    INCLUDING COMMENTS) PARTITION BY RANGE (local_day);
CREATE SEQUENCE hotspot_id_seq;
ALTER TABLE hotspot ALTER COLUMN id SET DEFAULT nextval('hotspot_id_seq');
ALTER SEQUENCE hotspot_id_seq OWNED BY hotspot.id;
SELECT setval('hotspot_id_seq', next_id, false) FROM hotspot_next_id;

-- The name of a year's table: hotspot_y2026.
CREATE FUNCTION hotspot_year_table(year int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'hotspot_y' || year $$;

-- A new year's table, standalone, with the check its partition bound implies (so attaching it needs no scan) and
-- nothing else: indexes and foreign keys arrive when it is attached, built once over its rows.
CREATE FUNCTION hotspot_year_create(year int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    name text := hotspot_year_table(year);
BEGIN
    EXECUTE format('CREATE TABLE %I (LIKE hotspot INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS, '
                   'CONSTRAINT %I CHECK (local_day >= %L AND local_day < %L))',
                   name, name || '_year', make_date(year, 1, 1), make_date(year + 1, 1, 1));
    RETURN name;
END
$$;

-- Makes a year's table a partition: builds the parent's indexes on it and validates its foreign keys.
CREATE FUNCTION hotspot_year_attach(year int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE hotspot ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                   hotspot_year_table(year), make_date(year, 1, 1), make_date(year + 1, 1, 1));
END
$$;

-- The years stored before this migration, each loaded into its own table and attached.
DO $$
DECLARE
    y int;
BEGIN
    FOR y IN SELECT DISTINCT extract(year FROM local_day)::int FROM hotspot_unpartitioned ORDER BY 1 LOOP
        PERFORM hotspot_year_create(y);
        EXECUTE format($q$
            INSERT INTO %I (id, satellite, instrument, acquired_utc, local_day, longitude, latitude, confidence,
                confidence_pct, brightness_k, brightness2_k, scan_km, track_km, frp_mw, daynight, version, type,
                district_code, batch_id, superseded_by_batch)
            SELECT id, satellite, instrument, acquired_utc, local_day, longitude, latitude, confidence,
                confidence_pct, brightness_k, brightness2_k, scan_km, track_km, frp_mw, daynight, version, type,
                district_code, batch_id, superseded_by_batch
            FROM hotspot_unpartitioned WHERE local_day >= %L AND local_day < %L
            ORDER BY ST_GeoHash(geom, 8) COLLATE "C"$q$, hotspot_year_table(y), make_date(y, 1, 1), make_date(y + 1, 1, 1));
        PERFORM hotspot_year_attach(y);
    END LOOP;
END
$$;
DROP TABLE hotspot_unpartitioned;

-- Declared on the parent: every partition has them, attached or created later.
ALTER TABLE hotspot ADD PRIMARY KEY (id, local_day),
    -- A detection delivered again (overlapping downloads) is the same record; local_day follows from acquired_utc.
    ADD CONSTRAINT hotspot_identity UNIQUE (satellite, acquired_utc, latitude, longitude, is_nrt, local_day),
    ADD CONSTRAINT hotspot_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES import_batch,
    ADD CONSTRAINT hotspot_superseded_by_batch_fkey FOREIGN KEY (superseded_by_batch) REFERENCES import_batch;
CREATE INDEX hotspot_geom_idx ON hotspot USING gist (geom);
CREATE INDEX hotspot_day_district_idx ON hotspot (local_day, district_code);
CREATE INDEX hotspot_batch_idx ON hotspot (batch_id);

DO $$
DECLARE
    v record;
BEGIN
    FOR v IN SELECT name, definition FROM hotspot_views ORDER BY depth LOOP
        EXECUTE format('CREATE VIEW %s AS %s', v.name, v.definition);
    END LOOP;
END
$$;

-- The triggers of hotspot (the data change of 0009, the cube of 0018), now on the parent, as they were declared.
-- Statement triggers of a partitioned table fire for statements naming it (their transition tables hold the rows of
-- every partition), not for a load into a year's own table: such a load adds its batch to the aggregates itself,
-- with hotspot_aggregates_add_batch below. The cube counts the rows copied above already, so they come after the copy.
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT definition FROM hotspot_triggers LOOP
        EXECUTE t;
    END LOOP;
END
$$;

-- The one place a load that bypasses the parent's triggers (COPY into a year's table) brings every aggregate kept
-- from hotspot up to date: the batch's rows as they stand, grouped exactly as hotspot_day_count_firms groups them.
-- Called once per batch, after its rows are in and before anything updates them.
CREATE FUNCTION hotspot_aggregates_add_batch(batch bigint) RETURNS void LANGUAGE sql AS $$
    INSERT INTO hotspot_day_count AS c (local_day, district_code, source, instrument, satellite, confidence,
                                        daynight, type, is_nrt, superseded, detections)
    SELECT local_day, district_code, 'firms', instrument, satellite, confidence, daynight, type, is_nrt,
           superseded_by_batch IS NOT NULL, count(*)
    FROM hotspot WHERE batch_id = batch GROUP BY 1, 2, 4, 5, 6, 7, 8, 9, 10
    ON CONFLICT ON CONSTRAINT hotspot_day_count_key DO UPDATE SET detections = c.detections + excluded.detections;
$$;

-- The coverage of a detached year's FIRMS days waits here until the year is attached again: a covered day without
-- its detections would read as a day without fire, where it is a day whose data is put away (ADR 0015).
CREATE TABLE data_coverage_detached (LIKE data_coverage INCLUDING DEFAULTS INCLUDING CONSTRAINTS);

-- Detaches a stored year: its table stays in the database with its rows, indexes and constraints, out of every
-- count; its cube rows and its days' FIRMS coverage leave in the same transaction. Returns the rows detached.
CREATE FUNCTION hotspot_detach_year(year int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    name text := hotspot_year_table(year);
    detached bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhparent = 'hotspot'::regclass AND inhrelid = to_regclass(name)) THEN
        RAISE EXCEPTION 'no stored year % (no partition %)', year, name USING ERRCODE = 'no_data_found';
    END IF;
    EXECUTE format('SELECT count(*) FROM %I', name) INTO detached;
    EXECUTE format('ALTER TABLE hotspot DETACH PARTITION %I', name);
    DELETE FROM hotspot_day_count
    WHERE source = 'firms' AND local_day >= make_date(year, 1, 1) AND local_day < make_date(year + 1, 1, 1);
    WITH moved AS (
        DELETE FROM data_coverage
        WHERE source = 'firms' AND day >= make_date(year, 1, 1) AND day < make_date(year + 1, 1, 1) RETURNING *)
    INSERT INTO data_coverage_detached SELECT * FROM moved;
    INSERT INTO data_change (txid, kind) VALUES (txid_current(), 'hotspots') ON CONFLICT DO NOTHING;
    RETURN detached;
END
$$;

-- Attaches a detached year again and counts its rows into the cube; its coverage comes back. Returns the rows.
CREATE FUNCTION hotspot_attach_year(year int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    name text := hotspot_year_table(year);
    attached bigint;
BEGIN
    IF to_regclass(name) IS NULL OR EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass(name)) THEN
        RAISE EXCEPTION 'no detached year % (no detached table %)', year, name USING ERRCODE = 'no_data_found';
    END IF;
    PERFORM hotspot_year_attach(year);
    EXECUTE format($q$
        INSERT INTO hotspot_day_count AS c (local_day, district_code, source, instrument, satellite, confidence,
                                            daynight, type, is_nrt, superseded, detections)
        SELECT local_day, district_code, 'firms', instrument, satellite, confidence, daynight, type, is_nrt,
               superseded_by_batch IS NOT NULL, count(*)
        FROM %I GROUP BY 1, 2, 4, 5, 6, 7, 8, 9, 10
        ON CONFLICT ON CONSTRAINT hotspot_day_count_key DO UPDATE SET detections = c.detections + excluded.detections$q$,
        name);
    EXECUTE format('SELECT count(*) FROM %I', name) INTO attached;
    WITH moved AS (
        DELETE FROM data_coverage_detached
        WHERE source = 'firms' AND day >= make_date(year, 1, 1) AND day < make_date(year + 1, 1, 1) RETURNING *)
    INSERT INTO data_coverage OVERRIDING SYSTEM VALUE SELECT * FROM moved;
    INSERT INTO data_change (txid, kind) VALUES (txid_current(), 'hotspots') ON CONFLICT DO NOTHING;
    RETURN attached;
END
$$;
