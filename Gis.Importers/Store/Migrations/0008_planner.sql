-- The planner's audit history: every edit the map workstation makes to project areas, plan projects and the
-- allocation table, with the state before and after, so it can be viewed and undone (ADR 0010).

CREATE TABLE planner_change (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    -- The user name the client gave (the OS user of the workstation by default); not an authenticated identity.
    changed_by  text NOT NULL CHECK (changed_by <> ''),
    -- The entity the user acted on, e.g. project_area 12 or district_allocation 2569|50.
    entity      text NOT NULL CHECK (entity IN ('project_area', 'plan_project', 'district_allocation')),
    entity_id   text NOT NULL,
    action      text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'set', 'lock', 'unlock', 'rebalance', 'undo')),
    summary     text NOT NULL,
    -- State keys (area:12, project:CODE, allocation:2569:50) the change wrote, and those it relied on without writing.
    writes      text[] NOT NULL,
    reads       text[] NOT NULL,
    -- State key -> row (JSON object, geometry as hex EWKB so a restore is exact) or null when it did not exist.
    before      jsonb NOT NULL,
    after       jsonb NOT NULL,
    -- An undo names the change it undid; the undone change names its undo.
    undoes      bigint UNIQUE REFERENCES planner_change,
    undone_by   bigint REFERENCES planner_change
);
CREATE INDEX planner_change_writes_idx ON planner_change USING gin (writes);
CREATE INDEX planner_change_reads_idx ON planner_change USING gin (reads);
