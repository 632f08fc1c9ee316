-- The watcher's heartbeat (ADR 0041): one row per watched feed (FIRMS source and area), written by `gis watch firms`
-- when it starts, around every pull, after every delivery pass and when it stops; read by `gis watch status`.
-- Its own small statements, never inside an import's transaction: a heartbeat says the process lives, a batch that
-- the data is stored (the watcher resumes from import_batch, not from here).
CREATE TABLE watch_heartbeat (
    -- The pull's batch-name prefix (source and bounding box), as FirmsPullHistory resumes from it.
    watcher          text PRIMARY KEY,
    source           text NOT NULL,
    -- As the watcher was told: "province 50" or "area W,S,E,N".
    area             text NOT NULL,
    host             text NOT NULL,
    pid              integer NOT NULL,
    every            interval NOT NULL CHECK (every > interval '0'),
    started_at       timestamptz NOT NULL,
    beat_at          timestamptz NOT NULL,
    cycle            integer NOT NULL DEFAULT 0,
    pull_started_at  timestamptz,
    pull_ended_at    timestamptz,
    -- The end of the last cycle whose pulls all succeeded; kept across restarts.
    last_success_at  timestamptz,
    rows_read        integer,
    rows_new         integer,
    -- Cycles in a row whose pull failed (0 after a success).
    errors           integer NOT NULL DEFAULT 0,
    last_error       text,
    last_error_at    timestamptz,
    next_pull_at     timestamptz,
    messages_waiting integer,
    messages_failed  integer,
    stopped_at       timestamptz,
    stop_reason      text
);
