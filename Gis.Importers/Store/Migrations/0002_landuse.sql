-- Land-use / land-cover snapshots: one row per imported snapshot (a Buddhist Era year) and its parcels.
-- ${srid_wgs84} is replaced by Srid.Wgs84 when the script runs.
-- Parcels of one snapshot are assumed not to overlap (LDD layers are a tessellation); the green-change queries
-- dissolve green per snapshot and district anyway, so an overlap would not be counted twice.

CREATE TABLE landuse_snapshot (
    -- Buddhist Era year of the survey, e.g. 2565.
    snapshot    smallint PRIMARY KEY CHECK (snapshot BETWEEN 2400 AND 2800),
    source      text NOT NULL,
    -- SHA-256 of the file (and a shapefile's sidecar files), to tell which delivery a snapshot came from.
    sha256      text NOT NULL,
    parcels     integer NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE landuse_parcel (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Re-importing a snapshot deletes its parcels through this key in the same transaction as the new COPY.
    snapshot      smallint NOT NULL REFERENCES landuse_snapshot ON DELETE CASCADE,
    -- 1-based feature number in the source file, to trace a parcel back.
    feature_no    integer NOT NULL,
    class_code    text NOT NULL,
    class_name_th text NOT NULL,
    class_name_en text NOT NULL,
    is_green      boolean NOT NULL,
    land_class    text NOT NULL CHECK (land_class IN ('conservation_forest', 'national_reserved_forest', 'alro_land',
                                                      'agriculture', 'community_other', 'highway_side')),
    geom          geometry(MultiPolygon, ${srid_wgs84}) NOT NULL CHECK (ST_IsValid(geom)),
    source        text NOT NULL,
    imported_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX landuse_parcel_geom_idx ON landuse_parcel USING gist (geom);
CREATE INDEX landuse_parcel_snapshot_idx ON landuse_parcel (snapshot, is_green);
