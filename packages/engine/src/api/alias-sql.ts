/**
 * Creates an alias unless one of that name exists on the machine. Params: $1 arn, $2 machine arn, $3 name,
 * $4 description, $5 routing jsonb. Returns arn, created_at, or nothing when the name is taken.
 */
export const INSERT_ALIAS = `
INSERT INTO state_machine_aliases (arn, state_machine_arn, name, description, routing)
VALUES ($1, $2, $3, $4, $5::jsonb)
ON CONFLICT DO NOTHING
RETURNING arn, created_at`;

/** One alias. Params: $1 alias arn. */
export const SELECT_ALIAS = `
SELECT arn, state_machine_arn, name, description, routing, created_at, updated_at
  FROM state_machine_aliases WHERE arn = $1`;

/**
 * The versions named by a routing configuration, locked against DeleteStateMachineVersion until the alias
 * that references them is committed. Params: $1 text[] of version arns. Returns arn, state_machine_arn.
 */
export const LOCK_VERSIONS = `
SELECT arn, state_machine_arn FROM state_machine_versions WHERE arn = ANY ($1::text[]) FOR SHARE`;

/**
 * Changes an alias's description and/or routing (NULL keeps the current value). Params: $1 arn,
 * $2 description, $3 routing jsonb, $4 whether $2 applies. Returns updated_at, or nothing when missing.
 */
export const UPDATE_ALIAS = `
UPDATE state_machine_aliases
   SET description = CASE WHEN $4::boolean THEN $2 ELSE description END,
       routing = COALESCE($3::jsonb, routing),
       updated_at = now()
 WHERE arn = $1
RETURNING updated_at`;

/**
 * A page of a machine's aliases, oldest first, or of the aliases that route to one version when $2 is set.
 * Params: $1 machine arn, $2 version arn or NULL, $3 cursor (a previous row's `cursor`, exact to the
 * microsecond) or NULL, $4 cursor name, $5 limit.
 */
export const LIST_ALIASES = `
SELECT arn, name, created_at, created_at::text AS cursor FROM state_machine_aliases
 WHERE state_machine_arn = $1
   AND ($2::text IS NULL OR routing @> jsonb_build_array(jsonb_build_object('stateMachineVersionArn', $2::text)))
   AND ($3::timestamptz IS NULL OR (created_at, name) > ($3::timestamptz, $4::text))
 ORDER BY created_at, name
 LIMIT $5`;
