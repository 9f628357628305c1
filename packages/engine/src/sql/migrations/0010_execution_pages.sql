-- Stepflow engine schema, version 10: ListExecutions pages read from their cursor. Append-only: later changes
-- go in new numbered files.

-- A page after the first is the executions before its cursor (start_date, arn), newest first. The index
-- ordered start_date descending and arn ascending, so the cursor could not bound the scan: a page read every
-- newer execution of the machine and dropped them (150,000 of them, 16 ms, for a page at that depth). With
-- both columns in one direction the cursor is where the scan starts, read backwards.
CREATE INDEX executions_by_machine_page ON executions (state_machine_arn, start_date, arn);
DROP INDEX executions_by_machine;
