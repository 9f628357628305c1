-- Stepflow engine schema, version 4: history in batches. Append-only: later changes go in new numbered files.

-- An advance writes its history events as one row: the JSON text of the array of events first_id..last_id.
-- A 10-Pass chain's start is one history row instead of 22, and PostgreSQL does not parse the events.
-- Event ids of an execution are 1..N without gaps, so a page of ids maps to the batches that overlap it.
CREATE TABLE history_batches (
  execution_arn text NOT NULL REFERENCES executions (arn) ON DELETE CASCADE,
  first_id      integer NOT NULL,
  last_id       integer NOT NULL,
  events        text NOT NULL,
  PRIMARY KEY (execution_arn, first_id)
);

INSERT INTO history_batches (execution_arn, first_id, last_id, events)
SELECT execution_arn, id, id, jsonb_build_array(event)::text FROM history_events;

DROP TABLE history_events;

-- One row per event, as the table it replaces had them: for reading with SQL (operators, tests), not for the
-- engine's own queries.
CREATE VIEW history_events AS
SELECT b.execution_arn, (e.value ->> 'id')::int AS id, e.value AS event
  FROM history_batches b, jsonb_array_elements(b.events::jsonb) e;
