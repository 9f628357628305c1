import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../src/engine/create-engine.ts";
import { backends, type Backend } from "./support/engine-backends.ts";
import { standInWorkers } from "../../../test/support/stand-in-workers.ts";
import { until } from "../../../test/support/backends.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const ITEMS = 300;

/** A Map of Tasks wide enough that its snapshot (≈ 0.5 KB per waiting iteration) is journaled by default. */
const wideMap = JSON.stringify({
  StartAt: "Fan",
  States: {
    Fan: {
      Type: "Map",
      ItemsPath: "$.items",
      ItemProcessor: {
        StartAt: "Work",
        States: {
          Work: {
            Type: "Task",
            Resource: fn("work"),
            Retry: [{ ErrorEquals: ["Flaky"], IntervalSeconds: 1, MaxAttempts: 2 }],
            End: true,
          },
        },
      },
      Next: "Rest",
    },
    Rest: { Type: "Wait", Seconds: 1, Next: "Sum" },
    Sum: { Type: "Pass", Parameters: { "count.$": "States.ArrayLength($)", "first.$": "$[0]" }, End: true },
  },
});

for (const backend of backends) {
  describe.skipIf(!backend.available)(`execution journal on ${backend.name}`, () => {
    let b: Backend;
    let engine: Engine;
    let reader: Engine;
    const workers = standInWorkers(() => b.queue);
    const held: (() => void)[] = [];
    const failedOnce = new Set<number>();

    beforeAll(async () => {
      b = await backend.open();
      engine = await createEngine({ sql: b.sql, queue: b.queue, sweepMs: 200 });
      // A second engine on the same database that applies nothing: it reads executions back from storage.
      reader = await createEngine({ sql: b.sql, queue: b.queue, background: false });
      workers.serve(
        "work",
        async (input) => {
          const n = input as number;
          if (n % 50 === 7 && !failedOnce.has(n)) {
            failedOnce.add(n);
            throw Object.assign(new Error(`item ${n} failed once`), { name: "Flaky" });
          }
          if (n >= ITEMS / 2) await new Promise<void>((resolve) => held.push(resolve));
          return { n, doubled: n * 2 };
        },
        { concurrency: ITEMS },
      );
    }, 60_000);

    afterAll(async () => {
      for (const release of held) release();
      await workers.close();
      await reader?.close();
      await engine?.close();
      await b?.close();
    });

    it("journals a wide Map instead of rewriting it, and a cold read replays to the same snapshot", async () => {
      const { stateMachineArn } = await engine.stateMachines.create({
        name: "wide",
        definition: wideMap,
        roleArn,
      });
      const input = JSON.stringify({ items: Array.from({ length: ITEMS }, (_, i) => i) });
      const { executionArn } = await engine.executions.start({ stateMachineArn, input });
      const succeeded = async () => {
        const { rows } = await b.sql.query<{ n: string }>(
          "SELECT count(*) AS n FROM history_events WHERE execution_arn = $1 AND event->>'type' = 'LambdaFunctionSucceeded'",
          [executionArn],
        );
        return Number(rows[0]!.n);
      };
      await until(
        async () => ((await succeeded()) === ITEMS / 2 ? true : undefined),
        "half of the items",
        60_000,
      );
      await until(() => (held.length === ITEMS / 2 ? true : undefined), "the held items to reach the worker");

      const { rows } = await b.sql.query<{
        snapshot_version: number | null;
        version: number;
        entries: string;
      }>(
        `SELECT snapshot_version, version, (SELECT count(*) FROM execution_journal j WHERE j.execution_arn = e.arn) AS entries
           FROM executions e WHERE arn = $1`,
        [executionArn],
      );
      const row = rows[0]!;
      expect(row.snapshot_version).not.toBeNull();
      expect(Number(row.entries)).toBe(row.version - row.snapshot_version!);
      expect(Number(row.entries)).toBeGreaterThan(0);
      // The live engine's cached snapshot and one rebuilt from the checkpoint + journal are the same.
      expect(await reader.snapshot(executionArn)).toEqual(await engine.snapshot(executionArn));

      for (const release of held.splice(0)) release();
      const done = await until(
        async () => {
          const d = await engine.executions.describe(executionArn);
          return d.status === "RUNNING" ? undefined : d;
        },
        "the Map to finish",
        60_000,
      );
      expect(done.status).toBe("SUCCEEDED");
      expect(JSON.parse(done.output!)).toEqual({ count: ITEMS, first: { n: 0, doubled: 0 } });
      const { rows: history } = await b.sql.query<{ n: string; last: number; failed: string }>(
        `SELECT count(*) AS n, max(id) AS last, count(*) FILTER (WHERE event->>'type' = 'LambdaFunctionFailed') AS failed
           FROM history_events WHERE execution_arn = $1`,
        [executionArn],
      );
      expect(Number(history[0]!.n)).toBe(Number(history[0]!.last));
      expect(Number(history[0]!.failed)).toBe(failedOnce.size);
      // The end is a checkpoint: nothing is left to replay.
      const { rows: after } = await b.sql.query<{ n: string }>(
        "SELECT count(*) AS n FROM execution_journal WHERE execution_arn = $1",
        [executionArn],
      );
      expect(Number(after[0]!.n)).toBe(0);
    }, 120_000);
  });
}
