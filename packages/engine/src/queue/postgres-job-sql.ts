/**
 * The SQL of the PostgreSQL task queue's job table, one row per job that is waiting, delayed or active.
 * `visible_at` is when the job may next be taken: its due time while it waits or is delayed, the end of its
 * lease while a consumer holds it (`leased`). A leased row whose `visible_at` passed belongs to a consumer
 * that died (or stopped renewing): it is taken again like a due one, counting a stall. `seq` orders jobs
 * due at the same time (insertion order); `lease` is a fresh number at every lease, so a consumer completes,
 * retries or renews a job only while the lease it took is still the job's current one. Both come from one
 * sequence.
 *
 * Every statement is written to be fast whatever the planner's statistics say (a fresh table has none, and
 * a queue's size swings from empty to a backlog between two autovacuum runs): a lease locks rows in
 * `(queue, visible_at, seq)` index order and updates them by ctid; completions and retries find the rows
 * by the ctid their lease (or last renewal) returned, checking the lease number, so a row that moved since
 * is simply not matched (its job then comes back when its lease expires: at least once). The queue's
 * connections also turn bitmap scans off (see {@link jobSessionSetup}).
 */
export interface JobSql {
  /** Creates the schema, table, index and sequence (idempotent; run under an advisory lock). */
  readonly create: string[];
  /** $1 queue, $2 JSON array of [id, data, delayMs], $3 NOTIFY channel, $4 NOTIFY payload. */
  readonly add: string;
  /** $1 queue, $2 most jobs, $3 lease seconds. Returns id, data, deliveries, stalls, lease, seq, ctid. */
  readonly lease: string;
  /** $1 ctids, $2 leases: deletes the jobs still under those leases. */
  readonly complete: string;
  /** $1 ctids, $2 leases, $3 delays in seconds: makes the jobs still under those leases delayed again. */
  readonly retry: string;
  /** $1 queue, $2 ids, $3 leases, $4 lease seconds: extends those leases. Returns lease, ctid. */
  readonly renew: string;
  /** $1 queue, $2 id: deletes a waiting or delayed job. */
  readonly remove: string;
  /** $1 queue, $2 offset, $3 limit. Returns id, data of waiting jobs, in the order a lease takes them. */
  readonly list: string;
  /** $1 queue. Returns waiting, delayed, active. */
  readonly counts: string;
  /** $1 queue. Returns ms: milliseconds until the next job not yet visible becomes so (null when none). */
  readonly nextVisibleMs: string;
}

/**
 * Run on each of the queue's connections when it opens: an index scan in `visible_at` order finds the first
 * due jobs without reading the others; a bitmap scan, which stale statistics make look cheaper, reads every
 * due job and sorts them. (A SET rather than a startup option, which connection poolers such as PgBouncer
 * refuse.)
 */
export const jobSessionSetup = "SET enable_bitmapscan = off";

/** Quotes an SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The statements for the job table in `schema`. */
export function jobSql(schema: string): JobSql {
  const s = quoteIdentifier(schema);
  const t = `${s}.stepflow_jobs`;
  const numbers = `${s}.stepflow_job_numbers`;
  // Quoted for nextval's regclass argument, which parses the name again.
  const next = `nextval('${numbers.replaceAll("'", "''")}')`;
  // The rows a consumer holds; lease numbers are unique, so a match is a job whose lease is still ours.
  const held = `t.ctid = ANY ($1::tid[]) AND t.lease = ANY ($2::bigint[]) AND t.leased`;
  return {
    create: [
      `CREATE SCHEMA IF NOT EXISTS ${s}`,
      `CREATE SEQUENCE IF NOT EXISTS ${numbers}`,
      `CREATE TABLE IF NOT EXISTS ${t} (
        queue text NOT NULL,
        id text NOT NULL,
        data json NOT NULL,
        visible_at timestamptz NOT NULL,
        leased boolean NOT NULL DEFAULT false,
        seq bigint NOT NULL,
        lease bigint,
        deliveries integer NOT NULL DEFAULT 0,
        stalls integer NOT NULL DEFAULT 0,
        PRIMARY KEY (queue, id))`,
      `CREATE INDEX IF NOT EXISTS stepflow_jobs_visible ON ${t} (queue, visible_at, seq)`,
    ],
    // `json`, not `jsonb`: the data comes back as it was written (key order, duplicate keys). ON CONFLICT
    // DO NOTHING is the deduplication by id; the NOTIFY commits with the rows, and only when one was added.
    add: `WITH added AS (
        INSERT INTO ${t} (queue, id, data, visible_at, seq)
        SELECT $1, j.e ->> 0, j.e -> 1, now() + make_interval(secs => (j.e ->> 2)::float8 / 1000), ${next}
          FROM json_array_elements($2::json) WITH ORDINALITY AS j (e, n) ORDER BY j.n
        ON CONFLICT DO NOTHING RETURNING 1)
      SELECT pg_notify($3, $4) WHERE EXISTS (SELECT 1 FROM added)`,
    // The rows locked by the subquery cannot change before the UPDATE reaches them, so their ctid holds.
    lease: `UPDATE ${t} t SET visible_at = now() + make_interval(secs => $3), leased = true, lease = ${next},
             deliveries = t.deliveries + 1, stalls = t.stalls + t.leased::int
       WHERE t.ctid = ANY (ARRAY (SELECT ctid FROM ${t} WHERE queue = $1 AND visible_at <= now()
                                  ORDER BY visible_at, seq LIMIT $2 FOR UPDATE SKIP LOCKED))
      RETURNING t.id, t.data, t.deliveries, t.stalls, t.lease::text AS lease, t.seq::text AS seq,
                t.ctid::text AS ctid`,
    complete: `DELETE FROM ${t} t WHERE ${held}`,
    retry: `UPDATE ${t} t SET leased = false,
             visible_at = now() + make_interval(secs => ($3::float8[])[array_position($2::bigint[], t.lease)])
       WHERE ${held}`,
    // Every lockDuration/3 only, so by primary key (the ctids are what it returns).
    renew: `UPDATE ${t} t SET visible_at = now() + make_interval(secs => $4)
       WHERE t.queue = $1 AND t.id = ANY ($2::text[]) AND t.lease = ANY ($3::bigint[]) AND t.leased
      RETURNING t.lease::text AS lease, t.ctid::text AS ctid`,
    remove: `DELETE FROM ${t} WHERE queue = $1 AND id = $2 AND NOT (leased AND visible_at > now())`,
    // "Waiting" as counts says it: due, or leased by a consumer whose lease expired (it died).
    list: `SELECT id, data FROM ${t} WHERE queue = $1 AND visible_at <= now()
            ORDER BY visible_at, seq OFFSET $2 LIMIT $3`,
    counts: `SELECT count(*) FILTER (WHERE visible_at <= now())::int AS waiting,
                    count(*) FILTER (WHERE NOT leased AND visible_at > now())::int AS delayed,
                    count(*) FILTER (WHERE leased AND visible_at > now())::int AS active
               FROM ${t} WHERE queue = $1`,
    nextVisibleMs: `SELECT (extract(epoch FROM min(visible_at) - now()) * 1000)::float8 AS ms
                      FROM ${t} WHERE queue = $1 AND visible_at > now()`,
  };
}
