-- Stepflow engine schema, version 8: outbox rows stamped when written. Append-only: later changes go in new
-- numbered files.

-- now() is the transaction's start: a transaction that ran longer than the relay's grace period (the start
-- of a 10,000-item Map under load) committed rows that already looked stale, so the relay re-sent tasks the
-- dispatcher was sending at the same moment and handlers ran twice. clock_timestamp() is the moment the row
-- is written, at the end of the work that produced it.
ALTER TABLE outbox ALTER COLUMN created_at SET DEFAULT clock_timestamp();
