-- Stepflow engine schema, version 9: indexes for two lookups that read every running execution.
-- Append-only: later changes go in new numbered files.

-- A parent whose task is cancelled (stopped, timed out, its branch failed) looks for its running child
-- execution by the task's token; without an index of its own that read every running execution. Only child executions have a
-- parent token, and it never changes, so the index costs other executions nothing.
CREATE INDEX executions_by_parent ON executions (parent_token) WHERE parent_token IS NOT NULL;

-- Queue recovery (Redis emptied) pages through the running executions in ARN order. The partial index held
-- only the status, so each page read and sorted every running execution.
DROP INDEX executions_running;
CREATE INDEX executions_running ON executions (arn) WHERE status = 'RUNNING';
