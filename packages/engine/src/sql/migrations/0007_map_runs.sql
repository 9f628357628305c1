-- Stepflow engine schema, version 7: Map Runs. Append-only: later changes go in new numbered files.

-- A Distributed Map's run, findable by its ARN (DescribeMapRun): the ARN names the state machine and the Map's
-- label, not the execution, so this maps one to the other. Its status and counts live in the execution's
-- snapshot (`mapRuns`), written with every advance; this row is written from the outbox (RecordMapRun), so a
-- crash before it is written re-sends it.
CREATE TABLE map_runs (
  arn           text PRIMARY KEY,
  execution_arn text NOT NULL REFERENCES executions (arn) ON DELETE CASCADE,
  state_name    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX map_runs_execution_arn ON map_runs (execution_arn);
