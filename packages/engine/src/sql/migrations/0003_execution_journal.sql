-- Stepflow engine schema, version 3: the execution journal. Append-only: later changes go in new numbered files.

-- A large execution (a wide Map) is not rewritten whole by every advance. Its row keeps a checkpoint of the
-- snapshot, taken at `snapshot_version` (NULL: at `version`, i.e. current), and each later advance appends the
-- signals it applied, with the env answers they used, to `execution_journal`; loading replays them in order.
-- A checkpoint deletes the entries before it. The snapshot is text, not jsonb: replay needs the exact key
-- order the core wrote (jsonb reorders keys), and PostgreSQL need not parse it.
ALTER TABLE executions ALTER COLUMN snapshot TYPE text USING snapshot::text;
ALTER TABLE executions ADD COLUMN snapshot_version integer;

CREATE TABLE execution_journal (
  execution_arn text NOT NULL REFERENCES executions (arn) ON DELETE CASCADE,
  version       integer NOT NULL,
  entry         text NOT NULL,
  PRIMARY KEY (execution_arn, version)
);
