/**
 * Commits one advance of an existing execution, in one statement, only if its version is still $2
 * (optimistic concurrency). With `journaled` the snapshot column keeps its checkpoint and $3 is the journal
 * entry (JSON text) appended at the new version; otherwise $3 is the whole snapshot (JSON text), a new
 * checkpoint, and the journal before it is deleted.
 * Params: $1 arn, $2 expected version, $3 snapshot or journal entry, $4 status, $5 output, $6 error,
 * $7 cause, $8 events (JSON array text), $9 commands (one JSON array; not text[], whose elements pg escapes in
 * JavaScript, see INSERT_EXECUTIONS), $10 timers to set jsonb array, $11 timers
 * to clear text[], $12 redrive count, $13 first event id, $14 last event id (both NULL: no events).
 * Returns: one row { updated: boolean, outbox_ids: bigint[] }; updated is false on a version conflict.
 */
function commitAdvance(journaled: boolean): string {
  const snapshot = journaled
    ? "snapshot_version = coalesce(snapshot_version, version)"
    : "snapshot = $3, snapshot_version = NULL";
  const journal = journaled
    ? "INSERT INTO execution_journal (execution_arn, version, entry) SELECT u.arn, $2 + 1, $3 FROM updated u"
    : "DELETE FROM execution_journal j USING updated u WHERE j.execution_arn = u.arn";
  return `
WITH updated AS (
  UPDATE executions
     SET ${snapshot}, version = version + 1, status = $4, output = $5, error = $6, cause = $7,
         stop_date = CASE WHEN $4 = 'RUNNING' THEN NULL ELSE coalesce(stop_date, now()) END,
         redrive_date = CASE WHEN $12::int > redrive_count THEN now() ELSE redrive_date END,
         redrive_count = $12::int
   WHERE arn = $1 AND version = $2
  RETURNING arn
), journal AS (
  ${journal}
), events AS (
  INSERT INTO history_batches (execution_arn, first_id, last_id, events)
  SELECT u.arn, $13::int, $14::int, $8 FROM updated u WHERE $13::int IS NOT NULL
), timers_set AS (
  INSERT INTO timers (execution_arn, timer, due_at)
  SELECT u.arn, t->>'timer', to_timestamp((t->>'dueAt')::float8 / 1000) FROM updated u, jsonb_array_elements($10::jsonb) t
  ON CONFLICT (execution_arn, timer) DO UPDATE SET due_at = EXCLUDED.due_at
), timers_cleared AS (
  DELETE FROM timers t USING updated u WHERE t.execution_arn = u.arn AND t.timer = ANY ($11::text[])
), outboxed AS (
  INSERT INTO outbox (execution_arn, command)
  SELECT u.arn, c.command FROM updated u, json_array_elements_text($9::json) WITH ORDINALITY c(command, ord)
   ORDER BY c.ord
  RETURNING id
)
SELECT EXISTS (SELECT 1 FROM updated) AS updated, ARRAY(SELECT id FROM outboxed ORDER BY id) AS outbox_ids`;
}

/** Commits an advance with a new checkpoint of the snapshot (see {@link commitAdvance}). */
export const COMMIT_ADVANCE = commitAdvance(false);

/** Commits an advance as a journal entry after the last checkpoint (see {@link commitAdvance}). */
export const COMMIT_ADVANCE_JOURNALED = commitAdvance(true);

/**
 * Loads what advancing an execution needs: its checkpoint, and the journal entries after it in order.
 * Params: $1 arn. Returns: at most one row.
 */
export const LOAD_EXECUTION_STATE = `
SELECT e.arn, e.snapshot, e.version, coalesce(e.snapshot_version, e.version) AS snapshot_version, e.status,
       e.definition_hash, d.body AS definition, e.name, e.role_arn, e.state_machine_arn, e.type, e.parent_token,
       ARRAY(SELECT j.entry FROM execution_journal j
              WHERE j.execution_arn = e.arn AND j.version > coalesce(e.snapshot_version, e.version)
              ORDER BY j.version) AS journal
  FROM executions e JOIN definitions d ON d.hash = e.definition_hash
 WHERE e.arn = $1`;

/** Describes an execution. Params: $1 arn. Returns: at most one row. */
export const DESCRIBE_EXECUTION = `
SELECT arn, state_machine_arn, version_arn, alias_arn, name, type, status, input, output, error, cause,
       trace_header, redrive_count, redrive_date, start_date, stop_date, definition_hash
  FROM executions WHERE arn = $1`;

/**
 * Lists executions of a machine, newest first, keyset-paginated.
 * Params: $1 state_machine_arn, $2 status filter or NULL, $3 cursor start_date or NULL, $4 cursor arn or NULL,
 * $5 limit, $6 version_arn/alias_arn filter or NULL.
 */
export const LIST_EXECUTIONS = `
SELECT arn, state_machine_arn, version_arn, alias_arn, name, status, start_date, stop_date, redrive_count
  FROM executions
 WHERE state_machine_arn = $1
   AND ($2::text IS NULL OR status = $2)
   AND ($6::text IS NULL OR version_arn = $6 OR alias_arn = $6)
   AND ($3::timestamptz IS NULL OR (start_date, arn) < ($3::timestamptz, $4::text))
 ORDER BY start_date DESC, arn DESC
 LIMIT $5`;

/**
 * The history batches holding events after id $2 up to id $2 + $3 (ids are 1..N without gaps), oldest first.
 * Params: $1 arn, $2 after id (exclusive), $3 count.
 */
export const HISTORY_AFTER = `
SELECT events FROM history_batches
 WHERE execution_arn = $1 AND last_id > $2 AND first_id <= $2 + $3
 ORDER BY first_id`;

/**
 * The history batches holding the $3 events before id $2 (exclusive; past the end: the last $3 events),
 * newest first, and that bound (`before`). Params: $1 arn, $2 before id, $3 count.
 */
export const HISTORY_BEFORE = `
WITH bound AS (
  SELECT LEAST($2::int, coalesce(max(last_id), 0) + 1) AS before FROM history_batches WHERE execution_arn = $1
)
SELECT b.events, bound.before FROM history_batches b, bound
 WHERE b.execution_arn = $1 AND b.first_id < bound.before AND b.last_id >= bound.before - $3
 ORDER BY b.first_id DESC`;
