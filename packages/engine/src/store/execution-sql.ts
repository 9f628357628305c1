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
 * Lists executions of a machine, newest first, keyset-paginated: the rows before the cursor, which the
 * index `executions_by_machine_page` reads backwards from it (a first page's cursor is past every row).
 * Params: $1 state_machine_arn, $2 status filter or NULL, $3 cursor start_date or NULL, $4 cursor arn or NULL,
 * $5 limit, $6 version_arn/alias_arn filter or NULL.
 */
export const LIST_EXECUTIONS = `
SELECT arn, state_machine_arn, version_arn, alias_arn, name, status, start_date, stop_date, redrive_count
  FROM executions
 WHERE state_machine_arn = $1
   AND ($2::text IS NULL OR status = $2)
   AND ($6::text IS NULL OR version_arn = $6 OR alias_arn = $6)
   AND (start_date, arn) < (coalesce($3::timestamptz, 'infinity'), coalesce($4::text, ''))
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
