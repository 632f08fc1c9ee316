-- Per-level layers for QGIS (ADR 0031): admin_area mixes provinces, districts and subdistricts, and QGIS keys a view on
-- its first column, so each level gets a view whose first column is an integer key (the DOPA code as a number, as
-- stable and unique as the code). layer_styles is QGIS's own table of styles; `gis qgis --store-styles` fills it so a
-- layer opened from QGIS' browser panel comes styled as gis draws it.

-- Provinces: the stored province polygons, and for a province whose boundary file brought only its districts, their
-- union (named by its code), so every province with districts has an outline.
CREATE VIEW admin_province AS
SELECT code::integer AS id, code, name_th, name_en, true AS stored, geom
FROM admin_area WHERE level = 2
UNION ALL
SELECT d.province_code::integer, d.province_code, d.province_code, d.province_code, false,
       ST_Multi(ST_Union(d.geom))::geometry(MultiPolygon, ${srid_wgs84})
FROM admin_area d
WHERE d.level = 4 AND NOT EXISTS (SELECT FROM admin_area p WHERE p.level = 2 AND p.code = d.province_code)
GROUP BY d.province_code;

CREATE VIEW admin_district AS
SELECT code::integer AS id, code, province_code, name_th, name_en, credit, geom
FROM admin_area WHERE level = 4;

-- Project areas with the target their plan project serves (the class QGIS colours them by).
CREATE VIEW project_area_map AS
SELECT a.id, a.project_code, p.name_th, p.name_en, p.agency, p.fiscal_year, p.target_kind, a.year, a.name, a.area_rai, a.geom
FROM project_area a
JOIN plan_project p ON p.code = a.project_code;

-- Exactly as QGIS 3.22 creates it when it saves a style to the database (so QGIS reads and writes it as its own).
CREATE TABLE IF NOT EXISTS layer_styles (
    id                SERIAL PRIMARY KEY,
    f_table_catalog   varchar,
    f_table_schema    varchar,
    f_table_name      varchar,
    f_geometry_column varchar,
    stylename         text,
    styleqml          xml,
    stylesld          xml,
    useasdefault      boolean,
    description       text,
    owner             varchar(63) DEFAULT CURRENT_USER,
    ui                xml,
    update_time       timestamp DEFAULT CURRENT_TIMESTAMP,
    type              varchar
);
