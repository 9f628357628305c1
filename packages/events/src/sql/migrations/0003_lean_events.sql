-- Accepted events are recorded as (id, bus, ingested_at) only. Their text was written twice for nothing:
-- what is read back lives in the deliveries' payloads and the archive copies, and no query looks an event
-- up by id. So the row loses its envelope and its primary key, and the purge's time index becomes a BRIN
-- index (rows arrive in ingestion order), which costs next to nothing per insert.
ALTER TABLE events DROP COLUMN envelope;
ALTER TABLE events DROP CONSTRAINT events_pkey;
DROP INDEX events_ingested_at;
CREATE INDEX events_ingested_at ON events USING brin (ingested_at);

-- PutEvents' write as a function, so PostgreSQL plans it once per connection instead of once per call
-- (parsing and planning the five-part statement cost more backend CPU than writing 10 events with it).
-- It claims the idempotency keys (a key is taken again only after 24 hours; a claim that finds it taken
-- rewrites the row unchanged, which returns the holder's event id and, for a concurrent claim, waits on the
-- unique index first), and stores the events, archive copies and deliveries of the events whose claims did
-- not lose. Per delivery, the rule ARN and the target are indexes into p_rules and p_targets (each sent
-- once), and the payloads come as one JSON array of strings (serialised by the caller's native JSON
-- encoder, where a text[] literal cost it more than the rest of the call). p_lease: NULL makes the deliveries due now; else they are held by the caller for that many
-- seconds (it delivers them itself). Returns r_kind 'delivery' (r_id, r_event, r_a rule ARN, r_b target id,
-- r_c replay name) and 'taken' (r_event the holder's id, r_a bus, r_b key).
CREATE FUNCTION stepflow_insert_events(
  p_claim_bus text[], p_claim_key text[], p_claim_id uuid[],
  p_event_id uuid[], p_event_bus text[],
  p_archive text[], p_archive_event uuid[], p_archive_envelope text[], p_archive_size int[],
  p_event uuid[], p_bus text[], p_rule int[], p_target_id text[], p_target int[], p_payloads json,
  p_replay text[], p_rules text[], p_targets jsonb[], p_lease float8
) RETURNS TABLE (r_kind text, r_id text, r_event text, r_a text, r_b text, r_c text)
LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY
  WITH claims AS (
    SELECT * FROM unnest(p_claim_bus, p_claim_key, p_claim_id) AS c(bus, key, id)
  ), claimed AS (
    INSERT INTO event_idempotency_keys AS k (bus, key, event_id)
    SELECT c.bus, c.key, c.id FROM claims c
    ON CONFLICT (bus, key) DO UPDATE
      SET event_id = CASE WHEN k.accepted_at < now() - interval '24 hours' THEN EXCLUDED.event_id ELSE k.event_id END,
          accepted_at = CASE WHEN k.accepted_at < now() - interval '24 hours' THEN now() ELSE k.accepted_at END
    RETURNING k.bus, k.key, k.event_id
  ), lost AS (
    SELECT c.id, c.bus, c.key, k.event_id AS holder
      FROM claims c JOIN claimed k ON k.bus = c.bus AND k.key = c.key
     WHERE k.event_id <> c.id
  ), stored AS (
    INSERT INTO events (id, bus)
    SELECT e.id, e.bus FROM unnest(p_event_id, p_event_bus) AS e(id, bus)
     WHERE e.id NOT IN (SELECT l.id FROM lost l)
  ), archived AS (
    INSERT INTO event_archive_events (archive, event_id, envelope, size_bytes)
    SELECT a.archive, a.event_id, a.envelope, a.size
      FROM unnest(p_archive, p_archive_event, p_archive_envelope, p_archive_size) AS a(archive, event_id, envelope, size)
     WHERE a.event_id NOT IN (SELECT l.id FROM lost l)
    ON CONFLICT DO NOTHING
  ), delivered AS (
    INSERT INTO event_deliveries AS x (event_id, bus, rule_arn, target_id, target, payload, replay_name, due_at)
    SELECT d.event_id, d.bus, p_rules[d.rule], d.target_id, p_targets[d.target], d.payload, d.replay_name,
           now() + make_interval(secs => coalesce(p_lease, 0))
      FROM unnest(p_event, p_bus, p_rule, p_target_id, p_target,
                  ARRAY(SELECT json_array_elements_text(p_payloads)), p_replay)
        AS d(event_id, bus, rule, target_id, target, payload, replay_name)
     WHERE d.event_id NOT IN (SELECT l.id FROM lost l)
    RETURNING x.id, x.event_id, x.rule_arn, x.target_id, x.replay_name
  )
  SELECT 'delivery', v.id::text, v.event_id::text, v.rule_arn, v.target_id, v.replay_name FROM delivered v
  UNION ALL
  SELECT 'taken', NULL, l.holder::text, l.bus, l.key, NULL FROM lost l;
END
$fn$;
