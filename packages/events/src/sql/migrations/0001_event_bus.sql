-- The durable event bus: buses, rules and targets (routing), accepted events with their idempotency keys,
-- one delivery row per (event, matched target) until it is delivered or dead-lettered, archives, replays,
-- and the connections / API destinations of HTTP targets.

CREATE TABLE event_buses (
  name text PRIMARY KEY,
  arn text NOT NULL,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_modified_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE event_rules (
  bus text NOT NULL REFERENCES event_buses (name) ON DELETE CASCADE,
  name text NOT NULL,
  arn text NOT NULL,
  event_pattern text,
  schedule_expression text,
  state text NOT NULL,
  description text,
  role_arn text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bus, name)
);

CREATE TABLE event_targets (
  bus text NOT NULL,
  rule text NOT NULL,
  id text NOT NULL,
  target jsonb NOT NULL,
  position bigserial,
  PRIMARY KEY (bus, rule, id),
  FOREIGN KEY (bus, rule) REFERENCES event_rules (bus, name) ON DELETE CASCADE
);

-- Bumped by every change to rules, targets and archives, so every process can tell its in-memory rule
-- index is stale.
CREATE TABLE event_routing_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL
);
INSERT INTO event_routing_version (id, version) VALUES (true, 0);

CREATE TABLE events (
  id uuid PRIMARY KEY,
  bus text NOT NULL,
  envelope text NOT NULL,
  ingested_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_ingested_at ON events (ingested_at);

-- detail.metadata.idempotency-key per bus; a key older than 24 hours may be taken again.
CREATE TABLE event_idempotency_keys (
  bus text NOT NULL,
  key text NOT NULL,
  event_id uuid NOT NULL,
  accepted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bus, key)
);
CREATE INDEX event_idempotency_keys_accepted_at ON event_idempotency_keys (accepted_at);

-- status: pending (due at due_at; a worker holding it has moved due_at forward as its lease) or failed
-- (the dead-letter store). Delivered rows are deleted.
CREATE TABLE event_deliveries (
  id bigserial PRIMARY KEY,
  event_id uuid NOT NULL,
  bus text NOT NULL,
  rule_arn text NOT NULL,
  target_id text NOT NULL,
  target jsonb NOT NULL,
  payload text NOT NULL,
  replay_name text,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  due_at timestamptz NOT NULL DEFAULT now(),
  window_started_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  failed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_deliveries_due ON event_deliveries (due_at) WHERE status = 'pending';
CREATE INDEX event_deliveries_failed ON event_deliveries (bus, id) WHERE status = 'failed';

CREATE TABLE event_archives (
  name text PRIMARY KEY,
  arn text NOT NULL,
  bus text NOT NULL,
  event_source_arn text NOT NULL,
  event_pattern text,
  retention_days integer NOT NULL DEFAULT 0,
  description text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE event_archive_events (
  archive text NOT NULL REFERENCES event_archives (name) ON DELETE CASCADE,
  event_id uuid NOT NULL,
  envelope text NOT NULL,
  size_bytes integer NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (archive, event_id)
);
CREATE INDEX event_archive_events_time ON event_archive_events (archive, archived_at, event_id);

CREATE TABLE event_replays (
  name text PRIMARY KEY,
  arn text NOT NULL,
  archive text NOT NULL,
  event_source_arn text NOT NULL,
  destination jsonb NOT NULL,
  event_start_time timestamptz NOT NULL,
  event_end_time timestamptz NOT NULL,
  description text,
  state text NOT NULL,
  state_reason text,
  replay_start_time timestamptz NOT NULL DEFAULT now(),
  replay_end_time timestamptz,
  event_last_replayed_time timestamptz,
  cursor_time timestamptz,
  cursor_id uuid,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE event_connections (
  name text PRIMARY KEY,
  arn text NOT NULL,
  authorization_type text NOT NULL,
  auth_parameters jsonb NOT NULL,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_modified_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE event_api_destinations (
  name text PRIMARY KEY,
  arn text NOT NULL,
  connection_arn text NOT NULL,
  invocation_endpoint text NOT NULL,
  http_method text NOT NULL,
  rate_limit_per_second integer,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_modified_at timestamptz NOT NULL DEFAULT now()
);
