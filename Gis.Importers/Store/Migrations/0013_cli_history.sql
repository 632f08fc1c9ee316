-- Command-line runs enter the planner's one audit history (ADR 0018): `gis allocate` as action 'allocate' on its
-- table ('replace' when --replace overrode a stored table), `gis import projects` as action 'import' on the file it
-- read, each with the state before and after, so the page shows them, a later edit or run blocks or permits undo by
-- the same key rule, and their undo works.
-- Rows written before this column existed were all made by the page.
ALTER TABLE planner_change ADD COLUMN source text NOT NULL DEFAULT 'page' CHECK (source IN ('page', 'cli'));

ALTER TABLE planner_change DROP CONSTRAINT planner_change_entity_check;
ALTER TABLE planner_change ADD CONSTRAINT planner_change_entity_check
    CHECK (entity IN ('project_area', 'plan_project', 'district_allocation', 'project_file'));

ALTER TABLE planner_change DROP CONSTRAINT planner_change_action_check;
ALTER TABLE planner_change ADD CONSTRAINT planner_change_action_check
    CHECK (action IN ('create', 'update', 'delete', 'set', 'lock', 'unlock', 'rebalance', 'undo', 'allocate', 'replace', 'import'));
