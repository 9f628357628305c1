-- Connections get EventBridge's lifecycle: AUTHORIZING while an OAuth connection fetches its first token,
-- AUTHORIZED, and DEAUTHORIZED (by DeauthorizeConnection, or when a token request fails) with a reason,
-- until UpdateConnection re-authorizes it. auth_generation counts the connection's credentials: it keys
-- the in-process token cache, and an authorization outcome only lands on the generation it was for (a
-- token request of replaced credentials that fails late must not deauthorize the new ones).
ALTER TABLE event_connections
  ADD COLUMN state text NOT NULL DEFAULT 'AUTHORIZED',
  ADD COLUMN state_reason text,
  ADD COLUMN last_authorized_at timestamptz,
  ADD COLUMN auth_generation integer NOT NULL DEFAULT 1;
UPDATE event_connections SET last_authorized_at = created_at;
