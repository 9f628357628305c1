/**
 * Inserts many new executions with their first history events, timers and outbox commands, in one
 * statement: concurrent StartExecution calls share a commit (application-level group commit). Each
 * parameter is an array with one element per execution (per timer, per command for the last five); a name
 * already taken inserts nothing for that execution and leaves the others alone.
 * Params: $1 arn, $2 state_machine_arn, $3 version_arn, $4 alias_arn, $5 definition_hash, $6 name, $7 type,
 * $8 status, $9 input, $10 output, $11 error, $12 cause, $13 snapshot (JSON text), $14 start_date (epoch ms),
 * $15 parent_token, $16 trace_header, $17 role_arn, $18 first event id, $19 last event id, $20 events (JSON
 * array text); $21 timer execution arn, $22 timer name, $23 timer due (epoch ms); $24 command execution arn,
 * $25 command (JSON text), in the order the outbox must send them.
 * Returns one row per command of an inserted execution `{ arn, outbox_id }`, ordered by id, plus one row with
 * a null outbox_id per inserted execution.
 */
export const INSERT_EXECUTIONS = `
WITH starts AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                       $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::float8[],
                       $15::text[], $16::text[], $17::text[], $18::int[], $19::int[], $20::text[])
    AS s(arn, state_machine_arn, version_arn, alias_arn, definition_hash, name, type, status, input, output,
         error, cause, snapshot, start_ms, parent_token, trace_header, role_arn, first_id, last_id, events)
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
  SELECT c.arn, c.command
    FROM unnest($24::text[], $25::text[]) WITH ORDINALITY AS c(arn, command, ord) JOIN inserted i USING (arn)
   ORDER BY c.ord
  RETURNING id, execution_arn
)
SELECT arn, NULL::bigint AS outbox_id FROM inserted
UNION ALL
SELECT execution_arn, id FROM (SELECT execution_arn, id FROM outboxed ORDER BY id) o`;
