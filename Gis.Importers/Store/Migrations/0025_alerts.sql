-- Alerts (ADR 0033): rules that say whom to tell about new detections in an area, an outbox written in the same
-- transaction as the import that found them, and the memory of which detection each rule has already told about.

CREATE TABLE alert_rule (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text NOT NULL UNIQUE CHECK (name <> ''),
    -- The area: exactly one of a province or district code, a stored project area, or a polygon drawn by hand.
    -- Not foreign keys: boundaries and project areas are replaced by re-imports; a rule whose area is gone finds nothing.
    area_code       text CHECK (area_code ~ '^[0-9]{2}([0-9]{2})?$'),
    project_area_id bigint,
    drawn           geometry(MultiPolygon, ${srid_wgs84}) CHECK (ST_IsValid(drawn)),
    -- Metres on the ellipsoid around the area; 0 for a province or district means "tagged with it", as every count does.
    buffer_m        double precision NOT NULL DEFAULT 0 CHECK (buffer_m >= 0 AND buffer_m <= 100000),
    trigger         text NOT NULL DEFAULT 'new-detections' CHECK (trigger IN ('new-detections')),
    -- Thresholds of the new-detections trigger: the lowest confidence class (l < n < h) and fire radiative power.
    min_confidence  char(1) CHECK (min_confidence IN ('l', 'n', 'h')),
    min_frp_mw      real CHECK (min_frp_mw >= 0),
    -- Detections acquired longer ago than this before their import are history, not news (an archive import).
    max_age         interval NOT NULL DEFAULT '2 days' CHECK (max_age > interval '0'),
    emails          text[] NOT NULL DEFAULT '{}',
    webhook_url     text CHECK (webhook_url ~ '^https?://'),
    webhook_format  text CHECK (webhook_format IN ('json', 'line')),
    -- The LINE user, group or room a 'line' push goes to.
    line_to         text,
    language        text NOT NULL DEFAULT 'th' CHECK (language IN ('th', 'en')),
    enabled         boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(area_code, project_area_id, drawn) = 1),
    CHECK (cardinality(emails) > 0 OR webhook_url IS NOT NULL),
    CHECK ((webhook_url IS NULL) = (webhook_format IS NULL)),
    CHECK ((webhook_format = 'line') = (line_to IS NOT NULL))
);

-- One message to deliver: a rule's new detections of one import, for one channel. Written by the import's transaction,
-- so a detection stored is a detection queued; delivery only updates the row.
CREATE TABLE alert_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rule_id         bigint NOT NULL REFERENCES alert_rule ON DELETE CASCADE,
    batch_id        bigint NOT NULL REFERENCES import_batch,
    channel         text NOT NULL CHECK (channel IN ('email', 'webhook')),
    -- hotspot.id of the detections the message is about (the message is composed when it is delivered).
    detection_ids   bigint[] NOT NULL CHECK (cardinality(detection_ids) > 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    last_error      text,
    UNIQUE (rule_id, batch_id, channel)
);
CREATE INDEX alert_outbox_due_idx ON alert_outbox (next_attempt_at) WHERE delivered_at IS NULL;

-- The detections a rule has queued a message about. Keyed on the identity without is_nrt: the standard record of a
-- detection has the NRT record's satellite, time and position (ADR 0007), so it is remembered already. is_nrt is kept
-- because a standard record that moved is matched by its pass (satellite, UTC day), as the supersede matches.
CREATE TABLE alert_sent_detection (
    rule_id      bigint NOT NULL REFERENCES alert_rule ON DELETE CASCADE,
    satellite    text NOT NULL,
    acquired_utc timestamptz NOT NULL,
    latitude     double precision NOT NULL,
    longitude    double precision NOT NULL,
    is_nrt       boolean NOT NULL,
    batch_id     bigint NOT NULL REFERENCES import_batch,
    PRIMARY KEY (rule_id, satellite, acquired_utc, latitude, longitude)
);
