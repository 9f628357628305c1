-- When each scheduled rule fires next. Set while the rule is ENABLED and has a ScheduleExpression with a
-- tick to come; NULL otherwise (no schedule, disabled, or a cron expression whose years are over). The
-- scheduler takes due rows with FOR NO KEY UPDATE SKIP LOCKED and moves next_due_at past now in the
-- transaction that commits the tick's deliveries, so each tick fires once across all processes.
ALTER TABLE event_rules ADD COLUMN next_due_at timestamptz;
CREATE INDEX event_rules_next_due ON event_rules (next_due_at) WHERE next_due_at IS NOT NULL;
