/**
 * Commits the advances of many executions in one statement (group commit, as INSERT_EXECUTIONS does for
 * starts): each execution's row is written only if its version is still the expected one (optimistic
 * concurrency), and only the executions whose row was written get their journal entry, history, timers and
 * outbox rows. A journaled advance keeps the snapshot column (its checkpoint) and appends its entry to the
 * journal at the new version; any other writes the whole snapshot, a new checkpoint, and deletes the
 * journal before it.
 *
 * One element per execution: $1 arn, $2 expected version, $3 journaled (text[], int[], bool[]); $4 the
 * snapshots or journal entries (documents, see INSERT_EXECUTIONS for why not text[]); $5 output, $6 error,
 * $7 cause (JSON arrays of strings or nulls); $8 history events (documents, one array of events each); $9 status (text[]), $10 first and $11 last event id (int[], both null: no events, whose element
 * of $8 is then ignored), $12 redrive count (int[]). Timers to set: $13 execution (1-based position in the arrays
 * above), $14 name, $15 due (epoch ms); timers to clear: $16 execution, $17 name; outbox commands: $18
 * execution, $19 the commands (documents), in sending order.
 * Returns one row per execution, in order: { updated: boolean, outbox_ids: bigint[] }; updated is false on a
 * version conflict.
 *
 * `e.arn = ANY ($1)` is there for the generic plan: it guesses 1,000 rows for the input's set-returning
 * functions, and joined on that guess alone it scanned every execution once the table held a few thousand
 * (execution-plans.test.ts).
 */
export const COMMIT_ADVANCES = `
WITH input AS (
  SELECT * FROM ROWS FROM (
      unnest($1::text[]), unnest($2::int[]), unnest($3::bool[]), string_to_table($4, E'\\x01'),
      json_array_elements_text($5::json), json_array_elements_text($6::json),
      json_array_elements_text($7::json), string_to_table($8, E'\\x01'), unnest($9::text[]),
      unnest($10::int[]), unnest($11::int[]), unnest($12::int[])
    ) WITH ORDINALITY
    AS i(arn, version, journaled, stored, output, error, cause, events, status, first_id, last_id,
         redrive_count, ord)
), updated AS (
  UPDATE executions e
     SET snapshot = CASE WHEN i.journaled THEN e.snapshot ELSE i.stored END,
         snapshot_version = CASE WHEN i.journaled THEN coalesce(e.snapshot_version, e.version) END,
         version = e.version + 1, status = i.status, output = i.output, error = i.error, cause = i.cause,
         stop_date = CASE WHEN i.status = 'RUNNING' THEN NULL ELSE coalesce(e.stop_date, now()) END,
         redrive_date = CASE WHEN i.redrive_count > e.redrive_count THEN now() ELSE e.redrive_date END,
         redrive_count = i.redrive_count
    FROM input i
   WHERE e.arn = ANY ($1::text[]) AND e.arn = i.arn AND e.version = i.version
  RETURNING i.ord, i.arn, i.version, i.journaled, i.stored, i.first_id, i.last_id, i.events
), journal_added AS (
  INSERT INTO execution_journal (execution_arn, version, entry)
  SELECT arn, version + 1, stored FROM updated WHERE journaled
), journal_dropped AS (
  DELETE FROM execution_journal j USING updated u WHERE j.execution_arn = u.arn AND NOT u.journaled
), events AS (
  INSERT INTO history_batches (execution_arn, first_id, last_id, events)
  SELECT arn, first_id, last_id, events FROM updated WHERE first_id IS NOT NULL
), timers_set AS (
  INSERT INTO timers (execution_arn, timer, due_at)
  SELECT u.arn, t.timer, to_timestamp(t.due_ms / 1000)
    FROM unnest($13::bigint[], $14::text[], $15::float8[]) AS t(ord, timer, due_ms) JOIN updated u USING (ord)
  ON CONFLICT (execution_arn, timer) DO UPDATE SET due_at = EXCLUDED.due_at
), timers_cleared AS (
  DELETE FROM timers t USING unnest($16::bigint[], $17::text[]) AS c(ord, timer), updated u
   WHERE c.ord = u.ord AND t.execution_arn = u.arn AND t.timer = c.timer
), outboxed AS (
  INSERT INTO outbox (execution_arn, command)
  SELECT u.arn, c.command
    FROM ROWS FROM (unnest($18::bigint[]), string_to_table($19, E'\\x01')) WITH ORDINALITY
         AS c(ord, command, n)
    JOIN updated u USING (ord)
   ORDER BY c.n
  RETURNING id, execution_arn
)
SELECT u.ord IS NOT NULL AS updated,
       ARRAY(SELECT o.id FROM outboxed o WHERE o.execution_arn = i.arn ORDER BY o.id) AS outbox_ids
  FROM input i LEFT JOIN updated u USING (ord)
 ORDER BY i.ord`;
