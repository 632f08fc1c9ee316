-- The first schema: administrative areas, import batches with their rejections, and hotspots.
-- ${srid_wgs84} is replaced by Srid.Wgs84 when the script runs, so SRIDs stay named in one place.
-- Every table has a primary key and every geometry a typed column with its SRID, so QGIS and GDAL open them as is.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE admin_area (
    code          text PRIMARY KEY CHECK (code ~ '^[0-9]{2}([0-9]{2}){0,2}$'),
    -- Digits of the DOPA code: 2 province, 4 district (amphoe), 6 subdistrict (tambon).
    level         smallint GENERATED ALWAYS AS (char_length(code)) STORED,
    province_code text GENERATED ALWAYS AS (left(code, 2)) STORED,
    name_th       text NOT NULL,
    name_en       text NOT NULL,
    geom          geometry(MultiPolygon, ${srid_wgs84}) NOT NULL CHECK (ST_IsValid(geom)),
    source        text NOT NULL,
    imported_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admin_area_geom_idx ON admin_area USING gist (geom);
CREATE INDEX admin_area_level_province_idx ON admin_area (level, province_code);

CREATE TABLE import_batch (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind           text NOT NULL,
    source         text NOT NULL,
    sha256         text NOT NULL,
    -- stored: its rows are in the store; refused: --strict refused the file for its bad rows, nothing stored.
    status         text NOT NULL CHECK (status IN ('stored', 'refused')),
    rows_read      integer NOT NULL,
    rows_stored    integer NOT NULL,
    rows_duplicate integer NOT NULL,
    rows_rejected  integer NOT NULL,
    started_at     timestamptz NOT NULL,
    finished_at    timestamptz NOT NULL
);

CREATE TABLE import_rejection (
    batch_id bigint NOT NULL REFERENCES import_batch ON DELETE CASCADE,
    line     integer NOT NULL,
    reason   text NOT NULL,
    raw      text NOT NULL,
    PRIMARY KEY (batch_id, line)
);

CREATE TABLE hotspot (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    satellite      text NOT NULL,
    instrument     text NOT NULL,
    acquired_utc   timestamptz NOT NULL,
    -- The Asia/Bangkok (UTC+7, no daylight saving) day reports count the detection under.
    local_day      date NOT NULL,
    longitude      double precision NOT NULL,
    latitude       double precision NOT NULL,
    confidence     char(1) NOT NULL CHECK (confidence IN ('l', 'n', 'h')),
    confidence_pct smallint,
    brightness_k   real,
    brightness2_k  real,
    scan_km        real,
    track_km       real,
    frp_mw         real,
    daynight       char(1) NOT NULL CHECK (daynight IN ('D', 'N')),
    version        text NOT NULL,
    type           smallint,
    -- The district (level 4 admin_area) the point lies in, lowest code on a shared border; NULL outside all.
    -- Kept by the importers (hotspot import and boundary import), not a foreign key, so boundaries can be replaced.
    district_code  text,
    batch_id       bigint NOT NULL REFERENCES import_batch,
    geom           geometry(Point, ${srid_wgs84}) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(longitude, latitude), ${srid_wgs84})) STORED,
    -- A detection delivered again (overlapping downloads) is the same record.
    CONSTRAINT hotspot_identity UNIQUE (satellite, acquired_utc, latitude, longitude)
);
CREATE INDEX hotspot_geom_idx ON hotspot USING gist (geom);
CREATE INDEX hotspot_day_district_idx ON hotspot (local_day, district_code);
CREATE INDEX hotspot_batch_idx ON hotspot (batch_id);
