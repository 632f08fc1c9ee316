-- The monthly hotspot cube (ADR 0039): the daily cube (0018) summed per calendar month of Bangkok days. A count over
-- a season, a fiscal or calendar year reads its whole months here and only the days of a month it covers in part
-- from the daily cube: for every district of Thailand over a season, a few tens of thousands of rows instead of
-- hundreds of thousands.
--
-- Kept exact by statement-level triggers on hotspot_day_count itself, so whatever keeps the daily cube (the points'
-- triggers, the loaders' batch add, the year attach) keeps this one in the same statement, with no writer to change.

-- The daily cube's columns and checks, its day the first day of a month.
CREATE TABLE hotspot_month_count (LIKE hotspot_day_count INCLUDING CONSTRAINTS);
ALTER TABLE hotspot_month_count RENAME local_day TO month;
ALTER TABLE hotspot_month_count
    ADD CONSTRAINT hotspot_month_count_month_check CHECK (extract(day FROM month) = 1),
    ADD CONSTRAINT hotspot_month_count_key UNIQUE NULLS NOT DISTINCT
        (month, district_code, source, instrument, satellite, confidence, daynight, type, is_nrt, superseded);

-- One function for the three events, as 0018's: the new rows add, then the old rows subtract, so no month goes below
-- zero on its way. Months left at zero are removed, and a month below zero (this cube disagreeing with the daily one)
-- fails the writer's statement. plpgsql plans a statement when it first runs it, so the branch naming a transition
-- table the event does not have is never planned.
CREATE FUNCTION hotspot_month_count_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO hotspot_month_count AS c (month, district_code, source, instrument, satellite, confidence, daynight,
                                              type, is_nrt, superseded, detections)
        SELECT date_trunc('month', local_day::timestamp)::date, district_code, source, instrument, satellite, confidence,
               daynight, type, is_nrt, superseded, sum(detections)::bigint
        FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        ON CONFLICT ON CONSTRAINT hotspot_month_count_key DO UPDATE SET detections = c.detections + excluded.detections;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO hotspot_month_count AS c (month, district_code, source, instrument, satellite, confidence, daynight,
                                              type, is_nrt, superseded, detections)
        SELECT date_trunc('month', local_day::timestamp)::date, district_code, source, instrument, satellite, confidence,
               daynight, type, is_nrt, superseded, -sum(detections)::bigint
        FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        ON CONFLICT ON CONSTRAINT hotspot_month_count_key DO UPDATE SET detections = c.detections + excluded.detections;
        PERFORM hotspot_month_count_prune((SELECT min(local_day) FROM old_rows), (SELECT max(local_day) FROM old_rows));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION hotspot_month_count_prune(first_day date, last_day date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    first_month date := date_trunc('month', first_day::timestamp)::date;
BEGIN
    IF EXISTS (SELECT 1 FROM hotspot_month_count WHERE month BETWEEN first_month AND last_day AND detections < 0) THEN
        RAISE EXCEPTION 'hotspot_month_count would go below zero between % and %: it disagrees with hotspot_day_count',
            first_month, last_day;
    END IF;
    DELETE FROM hotspot_month_count WHERE month BETWEEN first_month AND last_day AND detections = 0;
END
$$;

CREATE FUNCTION hotspot_month_count_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE hotspot_month_count;
    RETURN NULL;
END
$$;

CREATE TRIGGER hotspot_month_count_insert AFTER INSERT ON hotspot_day_count
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_month_count_changed();
CREATE TRIGGER hotspot_month_count_update AFTER UPDATE ON hotspot_day_count
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_month_count_changed();
CREATE TRIGGER hotspot_month_count_delete AFTER DELETE ON hotspot_day_count
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_month_count_changed();
CREATE TRIGGER hotspot_month_count_truncate AFTER TRUNCATE ON hotspot_day_count
    FOR EACH STATEMENT EXECUTE FUNCTION hotspot_month_count_truncated();

INSERT INTO hotspot_month_count (month, district_code, source, instrument, satellite, confidence, daynight, type, is_nrt,
                                 superseded, detections)
SELECT date_trunc('month', local_day::timestamp)::date, district_code, source, instrument, satellite, confidence, daynight,
       type, is_nrt, superseded, sum(detections)::bigint
FROM hotspot_day_count GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
