-- Stepflow engine schema, version 1. Append-only: later changes go in new numbered files.

-- Definitions are stored once per distinct text and referenced by hash, so every version and every
-- execution can name the exact definition it runs without copying it.
CREATE TABLE definitions (
  hash        text PRIMARY KEY,
  body        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE state_machines (
  arn             text PRIMARY KEY,
  name            text NOT NULL UNIQUE,
  type            text NOT NULL CHECK (type IN ('STANDARD', 'EXPRESS')),
  definition_hash text NOT NULL REFERENCES definitions (hash),
  role_arn        text NOT NULL,
  revision_id     text NOT NULL,
  description     text,
  config          jsonb NOT NULL DEFAULT '{}'::jsonb,
  next_version    integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE state_machine_versions (
  arn               text PRIMARY KEY,
  state_machine_arn text NOT NULL REFERENCES state_machines (arn) ON DELETE CASCADE,
  version           integer NOT NULL,
  definition_hash   text NOT NULL REFERENCES definitions (hash),
  role_arn          text NOT NULL,
  revision_id       text NOT NULL,
  description       text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (state_machine_arn, version)
);

CREATE TABLE state_machine_aliases (
  arn               text PRIMARY KEY,
  state_machine_arn text NOT NULL REFERENCES state_machines (arn) ON DELETE CASCADE,
  name              text NOT NULL,
  description       text,
  routing           jsonb NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (state_machine_arn, name)
);

-- One row per execution. `snapshot` is the pure core's Snapshot; `version` guards every write
-- (optimistic concurrency: an advance commits only if nobody advanced the execution since it read it).
CREATE TABLE executions (
  arn               text PRIMARY KEY,
  state_machine_arn text NOT NULL,
  version_arn       text,
  alias_arn         text,
  definition_hash   text NOT NULL REFERENCES definitions (hash),
  role_arn          text NOT NULL,
  name              text NOT NULL,
  type              text NOT NULL,
  status            text NOT NULL,
  input             text NOT NULL,
  output            text,
  error             text,
  cause             text,
  snapshot          jsonb NOT NULL,
  version           integer NOT NULL DEFAULT 0,
  parent_token      text,
  trace_header      text,
  redrive_count     integer NOT NULL DEFAULT 0,
  redrive_date      timestamptz,
  start_date        timestamptz NOT NULL,
  stop_date         timestamptz,
  UNIQUE (state_machine_arn, name)
);
CREATE INDEX executions_by_machine ON executions (state_machine_arn, start_date DESC, arn);
CREATE INDEX executions_running ON executions (status) WHERE status = 'RUNNING';

CREATE TABLE history_events (
  execution_arn text NOT NULL REFERENCES executions (arn) ON DELETE CASCADE,
  id            integer NOT NULL,
  event         jsonb NOT NULL,
  PRIMARY KEY (execution_arn, id)
);

-- Commands the core produced, written in the same statement as the advance that produced them and
-- deleted once handed to the queue. Rows left behind by a crash are re-sent by the relay; job ids are
-- deterministic, so a re-send never doubles a task's effect.
CREATE TABLE outbox (
  id            bigserial PRIMARY KEY,
  execution_arn text NOT NULL,
  command       jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Durable timers (Wait, retry backoff, TimeoutSeconds, HeartbeatSeconds, execution timeout). Delayed
-- queue jobs fire them on time; the sweeper fires any whose job was lost (Redis flushed, crash).
CREATE TABLE timers (
  execution_arn text NOT NULL,
  timer         text NOT NULL,
  due_at        timestamptz NOT NULL,
  PRIMARY KEY (execution_arn, timer)
);
CREATE INDEX timers_due ON timers (due_at);

CREATE TABLE activities (
  arn        text PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tags (
  resource_arn text NOT NULL,
  key          text NOT NULL,
  value        text NOT NULL,
  PRIMARY KEY (resource_arn, key)
);
