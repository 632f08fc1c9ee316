-- GISTDA hotspots, and the coverage of standard FIRMS pulls.
-- ${srid_wgs84} is replaced by Srid.Wgs84 when the script runs.

-- GISTDA republishes VIIRS detections (mostly S-NPP) with its own land class and Thai place names. They live in a
-- table of their own, not in hotspot: the same detection arrives from FIRMS and from GISTDA, and neither may count
-- twice nor be dropped as the other's duplicate. hotspot_counted, and every FIRMS count reading it, never sees them.
CREATE TABLE gistda_hotspot (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    satellite      text NOT NULL,
    instrument     text NOT NULL,
    acquired_utc   timestamptz NOT NULL,
    -- The Asia/Bangkok day reports count the detection under.
    local_day      date NOT NULL,
    longitude      double precision NOT NULL,
    latitude       double precision NOT NULL,
    -- l, n, h; NULL when the export carries no class.
    confidence     char(1) CHECK (confidence IN ('l', 'n', 'h')),
    frp_mw         real,
    -- GISTDA exports carry no day/night flag; NULL unless one is given.
    daynight       char(1) CHECK (daynight IN ('D', 'N')),
    version        text,
    -- FIRMS type values do not exist in GISTDA data; kept so the counting query reads both tables alike.
    type           smallint,
    -- GISTDA's land class as written (LU_NAME), and its hotspot land class; NULL when the name is not one of the six.
    land_use_name  text,
    land_class     text CHECK (land_class IN ('conservation_forest', 'national_reserved_forest', 'alro_land',
                                              'agriculture', 'community_other', 'highway_side')),
    -- Place names as GISTDA wrote them (PV_TN, AP_TN, TB_TN); counts use district_code, located by our polygons.
    province_th    text,
    district_th    text,
    subdistrict_th text,
    hotspot_ref    text,
    -- Level 4 admin_area the point lies in, lowest code on a shared border; NULL outside all (as hotspot.district_code).
    district_code  text,
    batch_id       bigint NOT NULL REFERENCES import_batch,
    geom           geometry(Point, ${srid_wgs84}) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(longitude, latitude), ${srid_wgs84})) STORED,
    CONSTRAINT gistda_hotspot_identity UNIQUE (satellite, acquired_utc, latitude, longitude)
);
CREATE INDEX gistda_hotspot_geom_idx ON gistda_hotspot USING gist (geom);
CREATE INDEX gistda_hotspot_day_district_idx ON gistda_hotspot (local_day, district_code);
CREATE INDEX gistda_hotspot_batch_idx ON gistda_hotspot (batch_id);

-- What a standard FIRMS pull vouches for: the UTC days it asked for (cut at the last day standard data of its
-- satellites was known to exist, since FIRMS answers an unprocessed day as empty), the box, and the satellites of its
-- source. A covered day with no detection in the box still replaces the NRT detections there (ADR 0008). NULL for
-- files, whose coverage nobody states.
ALTER TABLE import_batch ADD COLUMN covered_from date;
ALTER TABLE import_batch ADD COLUMN covered_to date;
ALTER TABLE import_batch ADD COLUMN covered_area geometry(Polygon, ${srid_wgs84});
ALTER TABLE import_batch ADD COLUMN covered_satellites text[];
