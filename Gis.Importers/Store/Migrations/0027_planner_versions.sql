-- Edits that cannot clobber each other (ADR 0035): every project area, plan project and allocation row carries a
-- version, and a save names the version it was based on. The versions come from one store-wide sequence and a trigger
-- sets them on every insert and update, whoever writes (the page, gis allocate, gis import projects, an undo, QGIS or
-- plain SQL): a row deleted and written again never gets back a version a client may still hold.
CREATE SEQUENCE planner_version;

CREATE FUNCTION planner_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := nextval('planner_version');
    RETURN NEW;
END
$$;

ALTER TABLE project_area ADD COLUMN version bigint NOT NULL DEFAULT nextval('planner_version');
ALTER TABLE plan_project ADD COLUMN version bigint NOT NULL DEFAULT nextval('planner_version');
ALTER TABLE district_allocation ADD COLUMN version bigint NOT NULL DEFAULT nextval('planner_version');

CREATE TRIGGER project_area_version BEFORE INSERT OR UPDATE ON project_area
    FOR EACH ROW EXECUTE FUNCTION planner_version_bump();
CREATE TRIGGER plan_project_version BEFORE INSERT OR UPDATE ON plan_project
    FOR EACH ROW EXECUTE FUNCTION planner_version_bump();
CREATE TRIGGER district_allocation_version BEFORE INSERT OR UPDATE ON district_allocation
    FOR EACH ROW EXECUTE FUNCTION planner_version_bump();

-- The sequence value taken when a change began (after the planner's lock): the rows it wrote carry higher versions, so
-- the changes a client has not seen are those of its key with a start_version above the version it read. Null for
-- changes recorded before versions were kept (every row's version is newer than them).
ALTER TABLE planner_change ADD COLUMN start_version bigint;

-- The history view filters by person and date range (the project and district filters read the states).
CREATE INDEX planner_change_changed_by_idx ON planner_change (changed_by, id);
CREATE INDEX planner_change_changed_at_idx ON planner_change (changed_at);
