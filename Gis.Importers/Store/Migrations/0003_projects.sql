-- Plan projects, the districts they name, and the areas where they work (the target engine's responsibility links).
-- ${srid_wgs84} is replaced by Srid.Wgs84 when the script runs.

CREATE TABLE plan_project (
    code         text PRIMARY KEY CHECK (code <> ''),
    name_th      text NOT NULL,
    name_en      text NOT NULL,
    agency       text NOT NULL,
    -- Thai fiscal year, Buddhist Era (2569 = 1 Oct 2025 - 30 Sep 2026).
    fiscal_year  smallint NOT NULL CHECK (fiscal_year >= 2400),
    budget_thb   numeric(16, 2),
    issue_group  smallint CHECK (issue_group BETWEEN 1 AND 5),
    target_kind  text NOT NULL CHECK (target_kind IN ('hotspot', 'green', 'other')),
    target_value double precision,
    target_unit  text,
    source       text NOT NULL,
    imported_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_project_kind_year_idx ON plan_project (target_kind, fiscal_year);

-- Districts a project names. Not a foreign key to admin_area: projects may be imported before boundaries.
CREATE TABLE plan_project_district (
    project_code  text NOT NULL REFERENCES plan_project ON DELETE CASCADE,
    district_code text NOT NULL CHECK (district_code ~ '^[0-9]{4}$'),
    PRIMARY KEY (project_code, district_code)
);
CREATE INDEX plan_project_district_district_idx ON plan_project_district (district_code);

CREATE TABLE project_area (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_code text NOT NULL REFERENCES plan_project ON DELETE CASCADE,
    -- Buddhist Era year the area was planted or treated, when known.
    year         smallint CHECK (year >= 2400),
    name         text,
    -- First day of the month (or the day) the source dates the area, when it does.
    recorded_on  date,
    geom         geometry(MultiPolygon, ${srid_wgs84}) NOT NULL CHECK (ST_IsValid(geom)),
    -- On the WGS 84 ellipsoid; 1 rai = 1,600 m2 (Gis.Core.Units.Rai).
    area_rai     double precision GENERATED ALWAYS AS (ST_Area(geom::geography) / 1600) STORED,
    source       text NOT NULL
);
CREATE INDEX project_area_geom_idx ON project_area USING gist (geom);
CREATE INDEX project_area_project_idx ON project_area (project_code);
