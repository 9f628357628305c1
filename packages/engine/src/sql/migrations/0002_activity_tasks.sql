-- Stepflow engine schema, version 2: activity tasks. Append-only: later changes go in new numbered files.

-- One row per Task state waiting on an activity (GetActivityTask), written when the ScheduleTask command is
-- dispatched. A poller claims a row by setting taken_at (FOR UPDATE SKIP LOCKED, so two pollers never get the
-- same task). Taken rows are kept while their execution still waits for the task, so a re-sent ScheduleTask
-- (outbox relay after a crash, queue rebuilt after Redis was lost) never hands it to a second worker; then
-- they are purged. CancelTask (stop, timeout) deletes the row at once. No foreign key to executions: a row whose execution is gone is dropped when a
-- poller claims it (its TaskStarted applies to nothing).
CREATE TABLE activity_tasks (
  token         text PRIMARY KEY,
  activity_arn  text NOT NULL,
  execution_arn text NOT NULL,
  input         text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  taken_at      timestamptz,
  worker_name   text
);
CREATE INDEX activity_tasks_waiting ON activity_tasks (activity_arn, created_at, token) WHERE taken_at IS NULL;
CREATE INDEX activity_tasks_taken ON activity_tasks (taken_at) WHERE taken_at IS NOT NULL;
