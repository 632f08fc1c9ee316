-- What an office's shared workstation still lacked (issue 17, ADR 0042).

-- Who brought each batch: the signed-in account for an upload from the page, --as or the OS user for the command line;
-- null for batches imported before this column.
ALTER TABLE import_batch ADD COLUMN imported_by text;
