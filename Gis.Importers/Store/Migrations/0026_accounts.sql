-- Accounts of the office workstation (ADR 0034). The hash is ASP.NET Core Identity's (PBKDF2, salted, with its own
-- version marker), never the password. Lock-out is counted here so it holds across restarts and several hosts;
-- the per-address count lives in the host's memory.
CREATE TABLE app_user (
    name            text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    display_name    text NOT NULL,
    role            text NOT NULL CHECK (role IN ('viewer', 'officer', 'planner', 'admin')),
    password_hash   text NOT NULL,
    disabled        boolean NOT NULL DEFAULT false,
    failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
