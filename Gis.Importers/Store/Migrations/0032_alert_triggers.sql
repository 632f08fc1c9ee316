-- Alerts, second part (ADR 0040): a removed rule is kept, with its undelivered messages and its memory of what it told,
-- so 'gis alerts restore' brings it back; the season triggers (season-to-date above baseline-to-date, cap run-rate)
-- and the schedules (daily digest, report due), whose messages are keyed so that each is queued once.

-- Removal: the row stays, marked; its waiting messages are held (not delivered) until it is restored. A name is unique
-- among the rules in force only, so a removed rule's name can be given to a new one.
ALTER TABLE alert_rule ADD COLUMN removed_at timestamptz;
ALTER TABLE alert_rule DROP CONSTRAINT alert_rule_name_key;
CREATE UNIQUE INDEX alert_rule_name_in_force ON alert_rule (name) WHERE removed_at IS NULL;

-- The triggers beyond new detections. Each of them looks at a province or district (its code, no buffer):
--   above-baseline  the season-to-date count above the baseline-to-date (baseline: previous, mean:N or season:YYYY);
--   cap-run-rate    the season's run-rate projection above the cap (the rule's cap, else baseline x (1 + target_pct/100));
--   digest          every day at at_hour (Bangkok): yesterday's detections per district;
--   report          the season or fiscal-year report (report_period), every day, week or month or once at its end.
ALTER TABLE alert_rule DROP CONSTRAINT alert_rule_trigger_check;
ALTER TABLE alert_rule ADD CONSTRAINT alert_rule_trigger_check
    CHECK (trigger IN ('new-detections', 'above-baseline', 'cap-run-rate', 'digest', 'report'));
ALTER TABLE alert_rule
    ADD COLUMN baseline         text CHECK (baseline ~ '^(previous|mean:[0-9]+|season:[0-9]{4})$'),
    ADD COLUMN season_end_month smallint NOT NULL DEFAULT 5 CHECK (season_end_month BETWEEN 1 AND 12),
    ADD COLUMN cap              double precision CHECK (cap > 0),
    ADD COLUMN target_pct       double precision NOT NULL DEFAULT -5,
    ADD COLUMN at_hour          smallint CHECK (at_hour BETWEEN 0 AND 23),
    ADD COLUMN report_period    text CHECK (report_period IN ('season', 'fiscal')),
    ADD COLUMN report_every     text CHECK (report_every IN ('day', 'week', 'month', 'end')),
    ADD CONSTRAINT alert_rule_trigger_area CHECK (trigger = 'new-detections' OR (area_code IS NOT NULL AND buffer_m = 0)),
    ADD CONSTRAINT alert_rule_season_baseline CHECK ((trigger IN ('above-baseline', 'cap-run-rate')) = (baseline IS NOT NULL)),
    ADD CONSTRAINT alert_rule_schedule_hour CHECK ((trigger IN ('digest', 'report')) = (at_hour IS NOT NULL)),
    ADD CONSTRAINT alert_rule_report CHECK ((trigger = 'report') = (report_period IS NOT NULL AND report_every IS NOT NULL));

-- A message of those triggers is about an occasion, not about detections: an area and a Bangkok day (the season
-- triggers, the digest) or a period and its due date (a report). The occasion is unique per rule and channel, so a
-- second import of the day, a second 'gis alerts deliver' or a restarted watcher queues nothing twice. Its figures are
-- those of the moment it was queued; the detections a digest is about are named as before.
ALTER TABLE alert_outbox ALTER COLUMN batch_id DROP NOT NULL;
ALTER TABLE alert_outbox DROP CONSTRAINT alert_outbox_detection_ids_check;
ALTER TABLE alert_outbox
    ADD COLUMN kind     text NOT NULL DEFAULT 'new-detections'
        CHECK (kind IN ('new-detections', 'above-baseline', 'cap-run-rate', 'digest', 'report')),
    ADD COLUMN occasion text,
    ADD COLUMN figures  jsonb,
    ADD CONSTRAINT alert_outbox_kind_shape CHECK (CASE WHEN kind = 'new-detections'
        THEN batch_id IS NOT NULL AND cardinality(detection_ids) > 0 AND occasion IS NULL
        ELSE occasion IS NOT NULL AND figures IS NOT NULL END);
CREATE UNIQUE INDEX alert_outbox_once ON alert_outbox (rule_id, occasion, channel) WHERE occasion IS NOT NULL;
