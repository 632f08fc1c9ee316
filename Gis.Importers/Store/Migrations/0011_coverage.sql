-- Coverage (ADR 0015): which Bangkok local days the store holds data for, per source and series. Rows alone cannot
-- say it: a day without a detection is either a day without fire or a day nobody delivered, and only the import knows
-- which. A covered day with no detection counts as a day with zero detections; an uncovered day is "no data".
-- ${srid_wgs84} is replaced by Srid.Wgs84 when the script runs.

CREATE TABLE data_coverage (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The batch that vouches for the day; its removal removes the claim.
    batch_id    bigint NOT NULL REFERENCES import_batch ON DELETE CASCADE,
    source      text NOT NULL CHECK (source IN ('firms', 'gistda')),
    satellite   text NOT NULL,
    instrument  text NOT NULL,
    is_nrt      boolean NOT NULL,
    -- Asia/Bangkok local day, as hotspot.local_day.
    day         date NOT NULL,
    -- detections: inside the span of the file's detections of the series; declared: stated on import (--covers);
    -- pull: asked of the FIRMS API, inside the product's archive.
    basis       text NOT NULL CHECK (basis IN ('detections', 'declared', 'pull')),
    -- The box the claim holds for; NULL when nobody stated it (a file), read as "wherever the file's rows lie".
    area        geometry(Polygon, ${srid_wgs84}),
    CONSTRAINT data_coverage_identity UNIQUE (batch_id, source, satellite, is_nrt, day)
);
CREATE INDEX data_coverage_day_idx ON data_coverage (day, source, instrument, satellite);

-- What was stored before this migration: every batch covers the span of its detections per series, and a standard
-- pull with a recorded window (ADR 0008) its window and box.
INSERT INTO data_coverage (batch_id, source, satellite, instrument, is_nrt, day, basis)
SELECT s.batch_id, 'firms', s.satellite, s.instrument, s.is_nrt, d::date, 'detections'
FROM (SELECT batch_id, satellite, instrument, is_nrt, min(local_day) AS first, max(local_day) AS last
      FROM hotspot GROUP BY 1, 2, 3, 4) s
CROSS JOIN LATERAL generate_series(s.first, s.last, interval '1 day') d;

INSERT INTO data_coverage (batch_id, source, satellite, instrument, is_nrt, day, basis)
SELECT s.batch_id, 'gistda', s.satellite, s.instrument, false, d::date, 'detections'
FROM (SELECT batch_id, satellite, instrument, min(local_day) AS first, max(local_day) AS last
      FROM gistda_hotspot GROUP BY 1, 2, 3) s
CROSS JOIN LATERAL generate_series(s.first, s.last, interval '1 day') d;

INSERT INTO data_coverage (batch_id, source, satellite, instrument, is_nrt, day, basis, area)
SELECT b.id, 'firms', s.satellite, CASE WHEN s.satellite IN ('Terra', 'Aqua') THEN 'MODIS' ELSE 'VIIRS' END, false, d::date,
       'pull', b.covered_area
FROM import_batch b
CROSS JOIN LATERAL unnest(b.covered_satellites) s(satellite)
CROSS JOIN LATERAL generate_series(b.covered_from, b.covered_to, interval '1 day') d
WHERE b.covered_from IS NOT NULL
ON CONFLICT ON CONSTRAINT data_coverage_identity DO UPDATE SET basis = 'pull', area = excluded.area;

-- A verdict on a period or baseline the store does not fully cover is "incomplete", not met or not-met.
ALTER TABLE hotspot_target_result DROP CONSTRAINT hotspot_target_result_status_check;
ALTER TABLE hotspot_target_result ADD CONSTRAINT hotspot_target_result_status_check
    CHECK (status IN ('met', 'not-met', 'no-baseline', 'incomplete'));

-- After the fill above: moving what is already stored into the table is not a change of the data.
CREATE TRIGGER data_coverage_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON data_coverage
    FOR EACH STATEMENT EXECUTE FUNCTION note_data_change('hotspots');
