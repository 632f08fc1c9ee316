-- Green-area target results per district, for a QGIS choropleth of what was added against the allocation.

CREATE TABLE green_target_result (
    from_snapshot  smallint NOT NULL,
    to_snapshot    smallint NOT NULL,
    year           smallint NOT NULL,
    district_code  text NOT NULL,
    gain_rai       double precision NOT NULL,
    loss_rai       double precision NOT NULL,
    net_rai        double precision NOT NULL,
    projects_rai   double precision NOT NULL,
    allocation_rai integer,
    computed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (from_snapshot, to_snapshot, year, district_code)
);

CREATE VIEW green_target_map AS
SELECT r.from_snapshot || '|' || r.to_snapshot || '|' || r.year || '|' || r.district_code AS id,
       r.*, a.name_th, a.name_en, a.geom
FROM green_target_result r
JOIN admin_area a ON a.code = r.district_code;
