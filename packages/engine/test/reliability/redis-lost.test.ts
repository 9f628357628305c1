import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase, redisPrefix, serviceUrl } from "../../../../test/support/index.ts";
import { openDrill, sleep, type Drill } from "../support/drill.ts";
import { flushPrefix } from "../support/flush-prefix.ts";

// DRILL_REDIS_LOST_EXECUTIONS (150): executions in flight when the queue's keys are deleted.
const executions = Number(process.env["DRILL_REDIS_LOST_EXECUTIONS"] ?? 150);
const available = serviceUrl("DATABASE_URL") !== undefined && serviceUrl("REDIS_URL") !== undefined;

describe.skipIf(!available)(
  "Redis lost drill (PostgreSQL + Redis, engine and worker as child processes)",
  () => {
    let drill: Drill | undefined;
    const cleanups: (() => Promise<unknown>)[] = [];
    afterAll(async () => {
      await drill?.close();
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    });

    it(`every one of ${executions} executions completes after every queue key was deleted mid-run`, async () => {
      const database = await freshDatabase({ label: "redis_lost_drill" });
      cleanups.push(() => database.drop());
      const redis = await redisPrefix({ label: "redis_lost_drill" });
      cleanups.push(() => redis.cleanup());
      drill = await openDrill({
        databaseUrl: database.url,
        redisUrl: serviceUrl("REDIS_URL")!,
        prefix: redis.prefix.replace(/:$/, ""),
        lockDurationMs: 3000,
        stalledIntervalMs: 1500,
        sweepMs: 500,
        concurrency: 16,
        // Journal every execution: the rebuild reads pending tasks from checkpoint + journal.
        journalFromBytes: 0,
      });
      const started = Date.now();
      await drill.start(executions);
      // Mid-run: tasks queued and running, Wait timers and retry timers delayed, reports in flight.
      for (;;) {
        const { rows } = await drill.sql.query<{ tasks: string; timers: string }>(
          `SELECT (SELECT count(*) FROM drill_effects) AS tasks, (SELECT count(*) FROM timers) AS timers`,
        );
        if (Number(rows[0]!.tasks) >= executions * 2 && Number(rows[0]!.timers) > 0) break;
        if (Date.now() - started > 60_000)
          throw new Error("the drill made too little progress to lose Redis");
        await sleep(100);
      }
      const before = {
        running: await drill.running(),
        timers: await drill.sql.query<{ n: string }>("SELECT count(*) AS n FROM timers"),
      };
      // FLUSHALL of everything under this drill's prefix (other sessions share the server).
      const deleted = await flushPrefix(redis.redis, redis.prefix);
      await drill.settled(120_000);
      const report = await drill.check();
      console.log(
        `Redis lost drill: deleted ${deleted} keys with ${before.running} executions running and ` +
          `${before.timers.rows[0]!.n} timers pending; all ${report.executions} done in ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s, ${report.deliveries} handler runs for ${report.tasks} tasks`,
      );
      expect(deleted).toBeGreaterThan(0);
      expect(before.running).toBeGreaterThan(executions / 2);
      expect(report.problems).toEqual([]);
    }, 240_000);
  },
);
