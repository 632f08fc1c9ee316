-- Credits from provenance (ADR 0017): every imported thing records the source to credit for it, so maps and reports
-- name exactly the sources of the data they draw instead of fixed strings. Filled on import (read from the data, or
-- --credit); rows imported before are given the credit their data or file implies.

ALTER TABLE import_batch ADD COLUMN credit text CHECK (credit <> '');
ALTER TABLE admin_area ADD COLUMN credit text CHECK (credit <> '');
ALTER TABLE landuse_snapshot ADD COLUMN credit text CHECK (credit <> '');

-- One FIRMS series as credited, e.g. "VIIRS NOAA-20 NRT (2.0NRT)": the importer and the lines below use it alike.
CREATE FUNCTION firms_series_credit(instrument text, satellite text, version text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
RETURN instrument || ' '
    || CASE satellite WHEN 'N' THEN 'S-NPP' WHEN 'N20' THEN 'NOAA-20' WHEN 'N21' THEN 'NOAA-21' ELSE satellite END
    || CASE WHEN version LIKE '%NRT' THEN ' NRT' ELSE '' END || ' (' || version || ')';

-- Filling the new column is not a change of the data (counts, areas, geometry): the change triggers (0009) stay quiet,
-- so a fresh store starts at data version 0 and the workstation's caches are not thrown away for it.
ALTER TABLE import_batch DISABLE TRIGGER import_batch_changed;
ALTER TABLE admin_area DISABLE TRIGGER admin_area_changed;
ALTER TABLE landuse_snapshot DISABLE TRIGGER landuse_snapshot_changed;

-- FIRMS batches: the series their detections name, e.g. "NASA FIRMS VIIRS NOAA-20 NRT (2.0NRT)".
UPDATE import_batch b SET credit = s.credit
FROM (
    SELECT batch_id, 'NASA FIRMS ' || string_agg(DISTINCT firms_series_credit(instrument, satellite, version), ', '
        ORDER BY firms_series_credit(instrument, satellite, version)) AS credit
    FROM hotspot GROUP BY batch_id) s
WHERE b.id = s.batch_id AND b.kind = 'firms';
UPDATE import_batch SET credit = 'NASA FIRMS' WHERE kind = 'firms' AND credit IS NULL;
-- The sample data's hotspots are made up, whatever series their rows name (as for boundaries and land use below).
UPDATE import_batch SET credit = 'synthetic sample data (gis sample-data generator)' WHERE source LIKE '%sample-data%';
UPDATE import_batch SET credit = 'GISTDA' WHERE kind = 'gistda';
UPDATE import_batch SET credit = kind WHERE credit IS NULL;

-- Boundaries and land use before this migration: the files they came from, the sample data said so.
UPDATE admin_area SET credit = CASE WHEN source LIKE '%sample-data%' THEN 'synthetic sample data (gis sample-data generator)'
    ELSE 'HDX COD-AB (OCHA)' END;
UPDATE landuse_snapshot SET credit = CASE WHEN source LIKE '%sample-data%' THEN 'synthetic sample data (gis sample-data generator)'
    ELSE 'Land Development Department (LDD)' END;

ALTER TABLE import_batch ENABLE TRIGGER import_batch_changed;
ALTER TABLE admin_area ENABLE TRIGGER admin_area_changed;
ALTER TABLE landuse_snapshot ENABLE TRIGGER landuse_snapshot_changed;

ALTER TABLE import_batch ALTER COLUMN credit SET NOT NULL;
ALTER TABLE admin_area ALTER COLUMN credit SET NOT NULL;
ALTER TABLE landuse_snapshot ALTER COLUMN credit SET NOT NULL;
