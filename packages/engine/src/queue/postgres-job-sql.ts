/**
 * The SQL of the PostgreSQL task queue's job table, one row per job that is waiting, delayed or active.
 * `visible_at` is when the job may next be taken: its due time while it waits or is delayed, the end of its
 * lease while a consumer holds it (`leased`). A leased row whose `visible_at` passed belongs to a consumer
 * that died (or stopped renewing): it is taken again like a due one, counting a stall. `stamp` changes at
 * every insert and lease (one sequence for all), so a consumer completes, retries or renews a job only while
 * the lease it took is still the job's current one.
 */
export interface JobSql {
  /** Creates the schema, table, index and sequence (idempotent; run under an advisory lock). */
  readonly create: string[];
  /** $1 queue, $2 JSON array of [id, data, delayMs], $3 NOTIFY channel, $4 NOTIFY payload. */
  readonly add: string;
  /** $1 queue, $2 most jobs, $3 lease seconds. Returns id, data, deliveries, stalls, stamp, due, placed. */
  readonly lease: string;
  /** $1 queue, $2 ids, $3 stamps: deletes the jobs still under those leases. */
  readonly complete: string;
  /** $1 queue, $2 ids, $3 stamps, $4 delays in seconds: makes those leased jobs delayed again. */
  readonly retry: string;
  /** $1 queue, $2 ids, $3 stamps, $4 lease seconds: extends those leases. */
  readonly renew: string;
  /** $1 queue, $2 id: deletes a waiting or delayed job. */
  readonly remove: string;
  /** $1 queue. Returns waiting, delayed, active. */
  readonly counts: string;
  /** $1 queue. Returns ms: milliseconds until the next job not yet visible becomes so (null when none). */
  readonly nextVisibleMs: string;
}

/** Quotes an SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The statements for the job table in `schema`. */
export function jobSql(schema: string): JobSql {
  const s = quoteIdentifier(schema);
  const t = `${s}.stepflow_jobs`;
  const stamps = `${s}.stepflow_job_stamps`;
  // Quoted for nextval's regclass argument, which parses the name again.
  const stampsName = `'${stamps.replaceAll("'", "''")}'`;
  // The pairs of ids and stamps a consumer holds: the primary key finds the rows, the stamp proves the lease.
  const held = `t.queue = $1 AND t.id = ANY ($2::text[]) AND t.stamp = ANY ($3::bigint[]) AND t.leased`;
  return {
    create: [
      `CREATE SCHEMA IF NOT EXISTS ${s}`,
      `CREATE SEQUENCE IF NOT EXISTS ${stamps}`,
      `CREATE TABLE IF NOT EXISTS ${t} (
        queue text NOT NULL,
        id text NOT NULL,
        data json NOT NULL,
        visible_at timestamptz NOT NULL,
        leased boolean NOT NULL DEFAULT false,
        stamp bigint NOT NULL,
        deliveries integer NOT NULL DEFAULT 0,
        stalls integer NOT NULL DEFAULT 0,
        PRIMARY KEY (queue, id))`,
      `CREATE INDEX IF NOT EXISTS stepflow_jobs_visible ON ${t} (queue, visible_at, stamp)`,
    ],
    // `json`, not `jsonb`: the data comes back as it was written (key order, duplicate keys). ON CONFLICT
    // DO NOTHING is the deduplication by id; the NOTIFY commits with the rows, and only when one was added.
    add: `WITH added AS (
        INSERT INTO ${t} (queue, id, data, visible_at, stamp)
        SELECT $1, j.e ->> 0, j.e -> 1, now() + make_interval(secs => (j.e ->> 2)::float8 / 1000),
               nextval(${stampsName})
          FROM json_array_elements($2::json) WITH ORDINALITY AS j (e, n) ORDER BY j.n
        ON CONFLICT DO NOTHING RETURNING 1)
      SELECT pg_notify($3, $4) WHERE EXISTS (SELECT 1 FROM added)`,
    lease: `UPDATE ${t} t SET visible_at = now() + make_interval(secs => $3), leased = true,
             stamp = nextval(${stampsName}), deliveries = t.deliveries + 1, stalls = t.stalls + t.leased::int
        FROM (SELECT id, visible_at AS due, stamp AS placed FROM ${t}
               WHERE queue = $1 AND visible_at <= now()
               ORDER BY visible_at, stamp LIMIT $2 FOR UPDATE SKIP LOCKED) free
       WHERE t.queue = $1 AND t.id = free.id
      RETURNING t.id, t.data, t.deliveries, t.stalls, t.stamp::text AS stamp,
                extract(epoch FROM free.due)::float8 AS due, free.placed::text AS placed`,
    complete: `DELETE FROM ${t} t WHERE ${held}`,
    retry: `UPDATE ${t} t SET leased = false, visible_at = now() + make_interval(secs => d.delay)
        FROM unnest($2::text[], $3::bigint[], $4::float8[]) AS d (id, stamp, delay)
       WHERE t.queue = $1 AND t.id = d.id AND t.stamp = d.stamp AND t.leased`,
    renew: `UPDATE ${t} t SET visible_at = now() + make_interval(secs => $4) WHERE ${held}`,
    remove: `DELETE FROM ${t} WHERE queue = $1 AND id = $2 AND NOT (leased AND visible_at > now())`,
    counts: `SELECT count(*) FILTER (WHERE visible_at <= now())::int AS waiting,
                    count(*) FILTER (WHERE NOT leased AND visible_at > now())::int AS delayed,
                    count(*) FILTER (WHERE leased AND visible_at > now())::int AS active
               FROM ${t} WHERE queue = $1`,
    nextVisibleMs: `SELECT (extract(epoch FROM min(visible_at) - now()) * 1000)::float8 AS ms
                      FROM ${t} WHERE queue = $1 AND visible_at > now()`,
  };
}
