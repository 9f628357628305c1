/** What the drill's child processes read from their environment. */
export interface DrillEnv {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  /** BullMQ lock duration: how long a killed process's active jobs stay invisible. */
  lockDurationMs: number;
  stalledIntervalMs: number;
  sweepMs: number;
  concurrency: number;
  /** The engine process's `journalFromBytes` (0: every execution is journaled). */
  journalFromBytes: number;
}

/** Reads the drill's settings (set by the test that spawns the process). */
export function drillEnv(env: NodeJS.ProcessEnv = process.env): DrillEnv {
  const required = (name: string): string => {
    const value = env[name];
    if (value === undefined || value === "") throw new Error(`${name} is not set (the drill test sets it)`);
    return value;
  };
  return {
    databaseUrl: required("DRILL_DATABASE_URL"),
    redisUrl: required("DRILL_REDIS_URL"),
    prefix: required("DRILL_PREFIX"),
    lockDurationMs: Number(env["DRILL_LOCK_MS"] ?? 4000),
    stalledIntervalMs: Number(env["DRILL_STALLED_MS"] ?? 2000),
    sweepMs: Number(env["DRILL_SWEEP_MS"] ?? 500),
    concurrency: Number(env["DRILL_CONCURRENCY"] ?? 16),
    journalFromBytes: Number(env["DRILL_JOURNAL_FROM_BYTES"] ?? 0),
  };
}

/** Environment that makes a child process a drill participant. */
export function drillEnvVars(env: DrillEnv): Record<string, string> {
  return {
    DRILL_DATABASE_URL: env.databaseUrl,
    DRILL_REDIS_URL: env.redisUrl,
    DRILL_PREFIX: env.prefix,
    DRILL_LOCK_MS: String(env.lockDurationMs),
    DRILL_STALLED_MS: String(env.stalledIntervalMs),
    DRILL_SWEEP_MS: String(env.sweepMs),
    DRILL_CONCURRENCY: String(env.concurrency),
    DRILL_JOURNAL_FROM_BYTES: String(env.journalFromBytes),
  };
}
