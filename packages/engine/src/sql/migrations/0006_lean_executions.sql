-- Stepflow engine schema, version 6: fewer checks on every StartExecution. Append-only: later changes go in new
-- numbered files.

-- The primary key already makes (state machine, name) unique: an execution ARN is built from the machine's name,
-- its type and the execution name. The second index only cost one more insert per start.
ALTER TABLE executions DROP CONSTRAINT IF EXISTS executions_state_machine_arn_name_key;

-- Definitions are content-addressed and never deleted, and an execution is only ever inserted with the hash of
-- a machine or version that holds one. The check locked the definition's row (FOR KEY SHARE) in every start,
-- so concurrent starts of one machine contended on that row's lock.
ALTER TABLE executions DROP CONSTRAINT IF EXISTS executions_definition_hash_fkey;
