/**
 * Inserts many new executions with their first history events, timers and outbox commands, in one
 * statement: concurrent StartExecution calls share a commit (application-level group commit). Each
 * parameter holds one element per execution (per timer, per command for the last five); a name already
 * taken inserts nothing for that execution and leaves the others alone.
 *
 * The texts that can be large are not text[]: pg escapes every element of a text[] with two regular
 * expressions in JavaScript, which for a 10,000-item Map's start was a sixth of everything the process
 * allocated. The JSON documents (input, snapshot, history, commands) travel as one text each, separated by
 * U+0001 (see `documentList`); output (which may be absent), error and cause as JSON arrays of strings.
 * Params: $1 arn, $2 state_machine_arn, $3 version_arn, $4 alias_arn, $5 definition_hash, $6 name, $7 type,
 * $8 status (text[] each), $9 input (documents), $10 output, $11 error, $12 cause
 * (JSON arrays of strings or nulls), $13 snapshot (documents), $14 start_date (epoch ms),
 * $15 parent_token, $16 trace_header, $17 role_arn, $18 first event id, $19 last event id, $20 events (documents,
 * one array of events each); $21 timer execution arn, $22 timer name, $23 timer due (epoch ms); $24 each
 * command's execution (1-based position in the other arrays), $25 the commands (documents), in
 * the order the outbox must send them.
 * Returns one row per command of an inserted execution `{ arn, outbox_id }`, ordered by id, plus one row with
 * a null outbox_id per inserted execution.
 */
export const INSERT_EXECUTIONS = `
WITH starts AS (
  SELECT * FROM ROWS FROM (
      unnest($1::text[]), unnest($2::text[]), unnest($3::text[]), unnest($4::text[]), unnest($5::text[]),
      unnest($6::text[]), unnest($7::text[]), unnest($8::text[]), string_to_table($9, E'\\x01'),
      json_array_elements_text($10::json), json_array_elements_text($11::json),
      json_array_elements_text($12::json), string_to_table($13, E'\\x01'), unnest($14::float8[]),
      unnest($15::text[]), unnest($16::text[]), unnest($17::text[]), unnest($18::int[]), unnest($19::int[]),
      string_to_table($20, E'\\x01')
    ) WITH ORDINALITY
    AS s(arn, state_machine_arn, version_arn, alias_arn, definition_hash, name, type, status, input, output,
         error, cause, snapshot, start_ms, parent_token, trace_header, role_arn, first_id, last_id, events, ord)
), inserted AS (
  INSERT INTO executions (arn, state_machine_arn, version_arn, alias_arn, definition_hash, name, type, status,
                          input, output, error, cause, snapshot, version, start_date, stop_date, parent_token,
                          trace_header, role_arn)
  SELECT arn, state_machine_arn, version_arn, alias_arn, definition_hash, name, type, status, input, output,
         error, cause, snapshot, 1, to_timestamp(start_ms / 1000),
         CASE WHEN status = 'RUNNING' THEN NULL ELSE now() END, parent_token, trace_header, role_arn
    FROM starts
  ON CONFLICT DO NOTHING
  RETURNING arn
), events AS (
  INSERT INTO history_batches (execution_arn, first_id, last_id, events)
  SELECT s.arn, s.first_id, s.last_id, s.events FROM starts s JOIN inserted i USING (arn)
   WHERE s.first_id IS NOT NULL
), timers_set AS (
  INSERT INTO timers (execution_arn, timer, due_at)
  SELECT t.arn, t.timer, to_timestamp(t.due_ms / 1000)
    FROM unnest($21::text[], $22::text[], $23::float8[]) AS t(arn, timer, due_ms) JOIN inserted i USING (arn)
), outboxed AS (
  INSERT INTO outbox (execution_arn, command)
  SELECT s.arn, c.command
    FROM ROWS FROM (unnest($24::int[]), string_to_table($25, E'\\x01')) WITH ORDINALITY
         AS c(start, command, ord)
    JOIN starts s ON s.ord = c.start JOIN inserted i ON i.arn = s.arn
   ORDER BY c.ord
  RETURNING id, execution_arn
)
SELECT arn, NULL::bigint AS outbox_id FROM inserted
UNION ALL
SELECT execution_arn, id FROM (SELECT execution_arn, id FROM outboxed ORDER BY id) o`;
