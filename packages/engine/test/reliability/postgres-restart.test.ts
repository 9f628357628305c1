import { afterAll, describe, expect, it } from "vitest";
import { redisPrefix, serviceUrl } from "../../../../test/support/index.ts";
import { openDrill, sleep, type Drill } from "../support/drill.ts";
import { postgresBinDir, startPrivatePostgres, type PrivatePostgres } from "../support/private-postgres.ts";

// DRILL_PG_RESTART_EXECUTIONS (150). The shared PostgreSQL of DATABASE_URL is never restarted: the drill
// runs on a private server of its own (initdb + pg_ctl), which it restarts twice mid-run.
const executions = Number(process.env["DRILL_PG_RESTART_EXECUTIONS"] ?? 150);
const available = serviceUrl("REDIS_URL") !== undefined && (await postgresBinDir()) !== undefined;

describe.skipIf(!available)(
  "PostgreSQL restart drill (private server, engine and worker as child processes)",
  () => {
    let drill: Drill | undefined;
    let server: PrivatePostgres | undefined;
    const cleanups: (() => Promise<unknown>)[] = [];
    afterAll(async () => {
      await drill?.close();
      await server?.destroy();
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    });

    it(`every one of ${executions} executions completes across two PostgreSQL restarts`, async () => {
      server = await startPrivatePostgres();
      const redis = await redisPrefix({ label: "pg_restart_drill" });
      cleanups.push(() => redis.cleanup());
      drill = await openDrill({
        databaseUrl: server.url,
        redisUrl: serviceUrl("REDIS_URL")!,
        prefix: redis.prefix.replace(/:$/, ""),
        lockDurationMs: 3000,
        stalledIntervalMs: 1500,
        sweepMs: 500,
        concurrency: 16,
        // The default: these executions are small, so every commit rewrites the snapshot.
        journalFromBytes: 32 * 1024,
      });
      const started = Date.now();
      await drill.start(executions);
      const progress = async () => {
        const { rows } = await drill!.sql.query<{ n: string }>("SELECT count(*) AS n FROM drill_effects");
        return Number(rows[0]!.n);
      };
      const log: string[] = [];
      // `pg_ctl restart -m fast` once while the first tasks run, once while the Waits and Parallels do.
      for (const threshold of [executions, executions * 3]) {
        while ((await progress()) < threshold) {
          if (Date.now() - started > 90_000) throw new Error("the drill made too little progress to restart");
          await sleep(100);
        }
        const running = await drill.running();
        const at = Date.now();
        await server.restart();
        log.push(
          `restart at ${((at - started) / 1000).toFixed(1)} s with ${running} running took ${Date.now() - at} ms`,
        );
      }
      const before = await progress();
      await drill.settled(120_000);
      const report = await drill.check();
      console.log(
        `PostgreSQL restart drill: ${log.join("; ")}; all ${report.executions} done in ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s (${report.tasks - report.retries - before} of ${report.tasks - report.retries} task effects after the last restart)`,
      );
      expect(report.problems).toEqual([]);
      // The same engine and worker processes went on: nobody restarted them.
      expect(drill.engineProcess.starts).toBe(1);
      expect(drill.workerProcess.starts).toBe(1);
      expect(drill.engineProcess.running && drill.workerProcess.running).toBe(true);
    }, 240_000);
  },
);
