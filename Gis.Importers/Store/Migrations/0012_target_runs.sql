-- Results are runs (ADR 0016): a saved target table is one row of target_run holding every parameter it was computed
-- with, and its district rows point at the run. Two runs never overwrite each other, even with equal parameters (the
-- data may have changed between them: data_version tells). The *_map views give QGIS an integer unique first column
-- (the result row's identity) and the run's parameters, so a layer opens without naming a key and every feature says
-- which filter it belongs to.

CREATE TABLE target_run (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('hotspot', 'green')),
    -- The district selection: a province code, null for every imported district.
    province_code text,
    -- hotspot runs: the period, the baseline, the count mode and the filter, as the command line spells them.
    period        text,
    baseline      text,
    count_mode    text CHECK (count_mode IN ('detections', 'events')),
    source        text CHECK (source IN ('firms', 'gistda')),
    -- VIIRS, MODIS, or null for both series; satellites/confidences/types comma-separated, null when not filtered.
    instrument    text,
    satellites    text,
    confidences   text,
    daynight      text,
    types         text,
    target_pct    double precision,
    -- green runs: the two land-use snapshots and the year of the projects and allocation (BE).
    from_snapshot smallint,
    to_snapshot   smallint,
    year          smallint,
    -- Every parameter, the per-district targets and caps included; the columns above are its most used members.
    parameters    jsonb NOT NULL,
    -- DataVersion at the time of saving (hotspots/boundaries/landuse/plans), null for runs saved before this table.
    data_version  text,
    saved_at      timestamptz NOT NULL DEFAULT now(),
    saved_by      text NOT NULL DEFAULT current_user,
    CHECK ((kind = 'hotspot') = (period IS NOT NULL AND baseline IS NOT NULL AND count_mode IS NOT NULL AND source IS NOT NULL)),
    CHECK ((kind = 'green') = (from_snapshot IS NOT NULL AND to_snapshot IS NOT NULL AND year IS NOT NULL))
);

DROP VIEW hotspot_target_map;
DROP VIEW green_target_map;
DROP VIEW district_allocation_map;

-- Existing results become runs of their own key; what they were filtered by was not kept, so those members stay null
-- and the parameters say so.
ALTER TABLE hotspot_target_result ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY,
    ADD COLUMN run_id bigint REFERENCES target_run ON DELETE CASCADE;
INSERT INTO target_run (kind, period, baseline, count_mode, source, province_code, parameters, saved_at, saved_by)
SELECT 'hotspot', period, baseline, count_mode, 'firms', min(left(district_code, 2)),
       jsonb_build_object('period', period, 'baseline', baseline, 'count_mode', count_mode, 'source', 'firms',
                          'migrated', 'saved before runs were kept: the filter was not recorded'),
       max(computed_at), 'unknown'
FROM hotspot_target_result GROUP BY period, baseline, count_mode;
UPDATE hotspot_target_result r SET run_id = t.id
FROM target_run t
WHERE t.kind = 'hotspot' AND (t.period, t.baseline, t.count_mode) = (r.period, r.baseline, r.count_mode);

-- 'incomplete' joins the verdicts (a period or baseline the store covers only in part); whatever the check was named
-- before, it is replaced by one.
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT conname FROM pg_constraint
             WHERE conrelid = 'hotspot_target_result'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%status%'
    LOOP
        EXECUTE format('ALTER TABLE hotspot_target_result DROP CONSTRAINT %I', c.conname);
    END LOOP;
END
$$;
ALTER TABLE hotspot_target_result DROP CONSTRAINT hotspot_target_result_pkey,
    DROP COLUMN period, DROP COLUMN baseline, DROP COLUMN count_mode,
    ALTER COLUMN run_id SET NOT NULL,
    ADD PRIMARY KEY (id),
    ADD UNIQUE (run_id, district_code),
    ADD CONSTRAINT hotspot_target_result_status_check CHECK (status IN ('met', 'not-met', 'no-baseline', 'incomplete'));

ALTER TABLE green_target_result ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY,
    ADD COLUMN run_id bigint REFERENCES target_run ON DELETE CASCADE;
INSERT INTO target_run (kind, from_snapshot, to_snapshot, year, province_code, parameters, saved_at, saved_by)
SELECT 'green', from_snapshot, to_snapshot, year, CASE WHEN count(DISTINCT left(district_code, 2)) = 1 THEN min(left(district_code, 2)) END,
       jsonb_build_object('from_snapshot', from_snapshot, 'to_snapshot', to_snapshot, 'year', year,
                          'migrated', 'saved before runs were kept'),
       max(computed_at), 'unknown'
FROM green_target_result GROUP BY from_snapshot, to_snapshot, year;
UPDATE green_target_result r SET run_id = t.id
FROM target_run t
WHERE t.kind = 'green' AND (t.from_snapshot, t.to_snapshot, t.year) = (r.from_snapshot, r.to_snapshot, r.year);
ALTER TABLE green_target_result DROP CONSTRAINT green_target_result_pkey,
    DROP COLUMN from_snapshot, DROP COLUMN to_snapshot, DROP COLUMN year,
    ALTER COLUMN run_id SET NOT NULL,
    ADD PRIMARY KEY (id),
    ADD UNIQUE (run_id, district_code);

CREATE VIEW hotspot_target_map AS
SELECT r.id, r.run_id, r.district_code, a.name_th, a.name_en, r.count, r.baseline_count, r.change_pct, r.target_pct,
       r.status, t.period, t.baseline, t.count_mode, t.source, t.instrument, t.satellites, t.confidences, t.daynight, t.types,
       t.data_version, t.saved_at, t.saved_by, a.geom
FROM hotspot_target_result r
JOIN target_run t ON t.id = r.run_id
JOIN admin_area a ON a.code = r.district_code;

CREATE VIEW green_target_map AS
SELECT r.id, r.run_id, r.district_code, a.name_th, a.name_en, r.gain_rai, r.loss_rai, r.net_rai, r.projects_rai,
       r.allocation_rai, t.from_snapshot, t.to_snapshot, t.year, t.data_version, t.saved_at, t.saved_by, a.geom
FROM green_target_result r
JOIN target_run t ON t.id = r.run_id
JOIN admin_area a ON a.code = r.district_code;

-- The allocation is the plan itself (one per year and district, edited with the planner's audit trail), not a run.
-- Its key is (year, district), both numbers: year * 10000 + the four-digit district code is as stable and unique.
CREATE VIEW district_allocation_map AS
SELECT d.year::integer * 10000 + d.district_code::integer AS id, d.year, d.district_code, a.name_th, a.name_en, d.allocation_rai,
       d.locked, d.weight_kind, d.weight, d.target_rai, d.computed_at, a.geom
FROM district_allocation d
JOIN admin_area a ON a.code = d.district_code;
