-- Alerts, second part (ADR 0040): a removed rule is kept, with its undelivered messages and its memory of what it told,
-- so 'gis alerts restore' brings it back.

-- Removal: the row stays, marked; its waiting messages are held (not delivered) until it is restored. A name is unique
-- among the rules in force only, so a removed rule's name can be given to a new one.
ALTER TABLE alert_rule ADD COLUMN removed_at timestamptz;
ALTER TABLE alert_rule DROP CONSTRAINT alert_rule_name_key;
CREATE UNIQUE INDEX alert_rule_name_in_force ON alert_rule (name) WHERE removed_at IS NULL;

