/** Stores a definition text once. Params: $1 hash, $2 body. */
export const INSERT_DEFINITION = `INSERT INTO definitions (hash, body) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING`;

/**
 * Creates a state machine. Params: $1 arn, $2 name, $3 type, $4 definition_hash, $5 role_arn, $6 revision_id,
 * $7 description, $8 config jsonb. Returns the row, or nothing when the name is taken.
 */
export const INSERT_STATE_MACHINE = `
INSERT INTO state_machines (arn, name, type, definition_hash, role_arn, revision_id, description, config)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
ON CONFLICT DO NOTHING
RETURNING arn, created_at`;

/** A state machine with its definition. Params: $1 arn. */
export const SELECT_STATE_MACHINE = `
SELECT m.arn, m.name, m.type, m.definition_hash, d.body AS definition, m.role_arn, m.revision_id, m.description,
       m.config, m.created_at, m.updated_at
  FROM state_machines m JOIN definitions d ON d.hash = m.definition_hash
 WHERE m.arn = $1`;

/** A version with its definition. Params: $1 version arn. */
export const SELECT_VERSION = `
SELECT v.arn, v.state_machine_arn, v.version, v.definition_hash, d.body AS definition, v.role_arn, v.revision_id,
       v.description, v.created_at
  FROM state_machine_versions v JOIN definitions d ON d.hash = v.definition_hash
 WHERE v.arn = $1`;

/**
 * Publishes the machine's current revision as the next version, unless the latest version already is that
 * revision. Params: $1 machine arn, $2 description. Returns the version row (new or existing).
 */
export const PUBLISH_VERSION = `
WITH m AS (
  SELECT arn, definition_hash, role_arn, revision_id, next_version FROM state_machines WHERE arn = $1 FOR UPDATE
), latest AS (
  SELECT v.* FROM state_machine_versions v, m
   WHERE v.state_machine_arn = m.arn ORDER BY v.version DESC LIMIT 1
), created AS (
  INSERT INTO state_machine_versions (arn, state_machine_arn, version, definition_hash, role_arn, revision_id, description)
  SELECT m.arn || ':' || m.next_version, m.arn, m.next_version, m.definition_hash, m.role_arn, m.revision_id, $2
    FROM m WHERE NOT EXISTS (SELECT 1 FROM latest WHERE latest.revision_id = m.revision_id)
  RETURNING arn, version, created_at
), bumped AS (
  UPDATE state_machines s SET next_version = s.next_version + 1 FROM created WHERE s.arn = $1
)
SELECT arn, version, created_at FROM created
UNION ALL
SELECT arn, version, created_at FROM latest WHERE NOT EXISTS (SELECT 1 FROM created)`;
