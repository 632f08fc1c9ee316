-- What an office's shared workstation still lacked (issue 17, ADR 0042).

-- Who brought each batch: the signed-in account for an upload from the page, --as or the OS user for the command line;
-- null for batches imported before this column.
ALTER TABLE import_batch ADD COLUMN imported_by text;

-- Signed-in sessions of the workstation, here rather than in one process's memory, so a restart or another instance
-- behind the same load balancer keeps people signed in. Keyed by the SHA-256 of the cookie's random key: the table
-- signs no one in. The anti-forgery token belongs to the session, so every instance accepts the page's requests.
CREATE TABLE app_session (
    token_hash   bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    account      text NOT NULL REFERENCES app_user (name) ON DELETE CASCADE ON UPDATE CASCADE,
    csrf         text NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX app_session_account ON app_session (account);
