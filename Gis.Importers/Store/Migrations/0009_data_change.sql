-- What the stored data looks like, as a version the map workstation keys its caches on (ADR 0013): every
-- transaction that changes a table the targets read leaves one row per kind of data it changed. Rows appear only
-- when the change commits and are never removed, so the number of rows of a kind grows with every committed change
-- of that kind and nothing else: a cache made at count N is still right while the count is N. (A sequence or a
-- max(id) would not do: a transaction that took a lower number can commit after a reader saw a higher one.)

CREATE TABLE data_change (
    txid        bigint NOT NULL,
    -- hotspots (detections and their batches), boundaries, landuse, plans (projects, areas, allocations)
    kind        text NOT NULL CHECK (kind IN ('hotspots', 'boundaries', 'landuse', 'plans')),
    changed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (txid, kind)
);

-- Statement-level, so a COPY of a million detections adds one row, not a million.
CREATE FUNCTION note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO data_change (txid, kind) VALUES (txid_current(), TG_ARGV[0]) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

-- One trigger per table, named <table>_changed, passing the kind of data the table holds.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES
        ('hotspot', 'hotspots'), ('import_batch', 'hotspots'),
        ('admin_area', 'boundaries'),
        ('landuse_snapshot', 'landuse'), ('landuse_parcel', 'landuse'),
        ('plan_project', 'plans'), ('plan_project_district', 'plans'), ('project_area', 'plans'), ('district_allocation', 'plans')
    ) v(name, kind) LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION note_data_change(%L)',
                       t.name || '_changed', t.name, t.kind);
    END LOOP;
END
$$;
