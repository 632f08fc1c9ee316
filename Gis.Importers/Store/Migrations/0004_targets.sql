-- Results of the target engine, kept so QGIS can style them: each has the district code as key and a view with
-- the district geometry for a choropleth.

CREATE TABLE hotspot_target_result (
    period        text NOT NULL,
    baseline      text NOT NULL,
    count_mode    text NOT NULL CHECK (count_mode IN ('detections', 'events')),
    district_code text NOT NULL,
    count         bigint NOT NULL,
    baseline_count double precision,
    change_pct    double precision,
    target_pct    double precision NOT NULL,
    status        text NOT NULL CHECK (status IN ('met', 'not-met', 'no-baseline')),
    computed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (period, baseline, count_mode, district_code)
);

CREATE VIEW hotspot_target_map AS
SELECT r.period || '|' || r.baseline || '|' || r.count_mode || '|' || r.district_code AS id,
       r.*, a.name_th, a.name_en, a.geom
FROM hotspot_target_result r
JOIN admin_area a ON a.code = r.district_code;

-- The planner's split of the provincial green-area target for a year (BE).
CREATE TABLE district_allocation (
    year           smallint NOT NULL,
    district_code  text NOT NULL,
    allocation_rai integer NOT NULL CHECK (allocation_rai >= 0),
    locked         boolean NOT NULL,
    weight_kind    text NOT NULL,
    weight         double precision NOT NULL,
    target_rai     integer NOT NULL,
    computed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (year, district_code)
);

CREATE VIEW district_allocation_map AS
SELECT d.year || '|' || d.district_code AS id, d.*, a.name_th, a.name_en, a.geom
FROM district_allocation d
JOIN admin_area a ON a.code = d.district_code;
