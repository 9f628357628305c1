-- Stepflow engine schema, version 5: outbox commands as text. Append-only: later changes go in new numbered files.

-- A command carries user data (a task's input), and JSON text may hold what jsonb refuses (the escape \u0000,
-- an unpaired surrogate escape), which AWS accepts. Kept as the JSON text the engine wrote; PostgreSQL never
-- reads inside a command.
ALTER TABLE outbox ALTER COLUMN command TYPE text USING command::text;
