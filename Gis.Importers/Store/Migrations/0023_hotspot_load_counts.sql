-- The FIRMS load path counts its batch into the daily cube on the client (ADR 0028): it sees every row on the way
-- in, so it sends the ~90k counts of a 1M-row season instead of having the server regroup the rows it has just
-- stored. Only the cube half of hotspot_aggregates_add_batch changes; the grid half and the one call stay.

-- Adds a batch loaded past the parent's triggers to the cube: from the counts its loader left in the session's
-- temporary hotspot_batch_count, when it did, or else by grouping the batch's rows as before (the function of 0019,
-- renamed). Either way the batch's rows as they stand: none superseded yet.
ALTER FUNCTION hotspot_day_count_add_batch(bigint) RENAME TO hotspot_day_count_regroup_batch;
CREATE FUNCTION hotspot_day_count_add_batch(batch bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass('pg_temp.hotspot_batch_count') IS NULL THEN
        PERFORM hotspot_day_count_regroup_batch(batch);
        RETURN;
    END IF;
    INSERT INTO hotspot_day_count AS c (local_day, district_code, source, instrument, satellite, confidence,
                                        daynight, type, is_nrt, superseded, detections)
    SELECT local_day, district_code, 'firms', instrument, satellite, confidence, daynight, type, is_nrt, false, detections
    FROM pg_temp.hotspot_batch_count WHERE batch_id = batch
    ON CONFLICT ON CONSTRAINT hotspot_day_count_key DO UPDATE SET detections = c.detections + excluded.detections;
END
$$;

-- The identity led by the acquisition time instead of the satellite (ADR 0028). Same columns, so the same identity;
-- but its index is built by sorting every row of a year that a load attaches, and a sort whose first key is a text
-- that is nearly always equal (a handful of satellites, compared under the database's collation) spends most of its
-- time there: 4.5M rows sorted in 3.6 s of CPU led by the time, 15.5 s led by the satellite. Lookups by satellite
-- and a UTC day (the NRT supersede) scan the day's range and test the satellite in the index.
ALTER TABLE hotspot DROP CONSTRAINT hotspot_identity,
    ADD CONSTRAINT hotspot_identity UNIQUE (acquired_utc, latitude, longitude, satellite, is_nrt, local_day);

-- A detached year (a table of its own, ADR 0022) gets the same, so attaching it again finds its index and builds none.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT c.oid::regclass AS name, k.conname
             FROM pg_class c JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'u'
             WHERE c.relname ~ '^hotspot_y[0-9]{4}$' AND c.relkind = 'r' AND NOT c.relispartition LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I, ADD UNIQUE (acquired_utc, latitude, longitude, satellite, is_nrt, '
                       'local_day)', t.name, t.conname);
    END LOOP;
END
$$;
