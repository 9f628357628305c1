// CPU time spent by this process, the PostgreSQL backends of one database and the Redis server, for the
// durable benchmarks. On the shared 2-core machine wall-clock rates swing with other sessions' load; CPU time
// per unit of work moves much less, and it counts the work a design puts on PostgreSQL and Redis too.
import { readFileSync } from "node:fs";
import { Redis } from "ioredis";
import type pg from "pg";

/** Milliseconds of CPU time, per component. */
export interface CpuSample {
  node: number;
  postgres: number | undefined;
  redis: number;
}

/** Reads CPU counters; PostgreSQL only when its backends' /proc entries are readable (a local server). */
export interface CpuMeter {
  read(): Promise<CpuSample>;
  close(): Promise<void>;
}

export function cpuMeter(admin: pg.Client, database: string, redisUrl: string): CpuMeter {
  const redis = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 });
  const procMs = (pid: number): number | undefined => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      // utime and stime, in clock ticks (100 per second on Linux).
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return undefined;
    }
  };
  return {
    async read() {
      const usage = process.cpuUsage();
      const { rows } = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = $1",
        [database],
      );
      let postgres: number | undefined = 0;
      for (const { pid } of rows) {
        const ms = procMs(pid);
        if (ms === undefined) postgres = undefined;
        else if (postgres !== undefined) postgres += ms;
      }
      const info = await redis.info("cpu");
      const seconds = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
      return {
        node: (usage.user + usage.system) / 1000,
        postgres,
        redis: (seconds("used_cpu_sys") + seconds("used_cpu_user")) * 1000,
      };
    },
    close() {
      redis.disconnect();
      return Promise.resolve();
    },
  };
}

/** CPU µs per unit between two samples, per component and in total (PostgreSQL left out when unknown). */
export function cpuPerUnit(before: CpuSample, after: CpuSample, units: number) {
  const per = (a: number, b: number) => ((b - a) * 1000) / units;
  const node = per(before.node, after.node);
  const postgres =
    before.postgres === undefined || after.postgres === undefined
      ? undefined
      : per(before.postgres, after.postgres);
  const redis = per(before.redis, after.redis);
  return { node, postgres, redis, total: node + (postgres ?? 0) + redis };
}
