import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase, redisPrefix, serviceUrl } from "../../../../test/support/index.ts";
import { seededRandom } from "../../../../test/support/seeded-random.ts";
import { openDrill, sleep, type Drill } from "../support/drill.ts";
import type { DrillProcess } from "../../../../test/support/drill-process.ts";

// Sizes: DRILL_EXECUTIONS (500), DRILL_KILLS (kills of each process, 4), DRILL_SEED (the kill schedule).
const executions = Number(process.env["DRILL_EXECUTIONS"] ?? 500);
const killsEach = Number(process.env["DRILL_KILLS"] ?? 4);
const seed = Number(process.env["DRILL_SEED"] ?? Math.floor(Math.random() * 1e9));
const available = serviceUrl("DATABASE_URL") !== undefined && serviceUrl("REDIS_URL") !== undefined;

describe.skipIf(!available)("crash drill (PostgreSQL + Redis, engine and worker as child processes)", () => {
  let drill: Drill | undefined;
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    await drill?.close();
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it(`every one of ${executions} executions survives ${killsEach} kill -9 of the engine and of the worker`, async () => {
    const database = await freshDatabase({ label: "crash_drill" });
    cleanups.push(() => database.drop());
    const redis = await redisPrefix({ label: "crash_drill" });
    cleanups.push(() => redis.cleanup());
    drill = await openDrill({
      databaseUrl: database.url,
      redisUrl: serviceUrl("REDIS_URL")!,
      prefix: redis.prefix.replace(/:$/, ""),
      lockDurationMs: 3000,
      stalledIntervalMs: 1500,
      sweepMs: 500,
      concurrency: 16,
      // Journal every execution: the engine is killed between checkpoint, journal and replay.
      journalFromBytes: 0,
    });
    const d = drill;
    const random = seededRandom(seed);
    const started = Date.now();
    const starting = d.start(executions);

    // Kill one of the two (or both at once, one round in five) at a random moment, keep it down for a
    // random while, start it again; until each was killed `killsEach` times.
    const log: string[] = [];
    const victims = (): DrillProcess[] => {
      const open = [d.engineProcess, d.workerProcess].filter((p) => p.kills < killsEach);
      if (open.length === 2 && random() < 0.2) return open;
      return open.length === 0 ? [] : [open[Math.floor(random() * open.length)]!];
    };
    for (let round = 0; ; round++) {
      const chosen = victims();
      if (chosen.length === 0) break;
      await sleep(1000 + random() * 4000);
      const runningNow = await d.running();
      await Promise.all(chosen.map((p) => p.kill()));
      log.push(
        `${((Date.now() - started) / 1000).toFixed(1)}s kill ${chosen.map((p) => p.label).join("+")} (${runningNow} running)`,
      );
      await sleep(100 + random() * 1500);
      await Promise.all(chosen.map((p) => p.start()));
      log.push(`${((Date.now() - started) / 1000).toFixed(1)}s restarted`);
    }
    await starting;
    await d.settled(Number(process.env["DRILL_SETTLE_MS"] ?? 150_000));
    const took = (Date.now() - started) / 1000;
    const report = await d.check();
    console.log(
      `crash drill seed=${seed}: ${report.executions} executions in ${took.toFixed(1)} s, ${report.events} events, ` +
        `${report.tasks} tasks (${report.retries} retried), ${report.deliveries} handler runs, ` +
        `${report.redeliveredTokens} tokens delivered more than once; engine started ${d.engineProcess.starts}×, ` +
        `worker ${d.workerProcess.starts}×\n  ${log.join("\n  ")}`,
    );
    expect(report.problems).toEqual([]);
    expect(report.executions).toBe(executions);
    expect(d.engineProcess.kills).toBe(killsEach);
    expect(d.workerProcess.kills).toBe(killsEach);
    expect(report.retries).toBeGreaterThan(0);
    expect(report.redeliveredTokens).toBeGreaterThan(0);
  }, 240_000);
});
