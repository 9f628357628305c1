// An upgrade must not break running executions: a snapshot stored by the version before compact task waits
// (each waiting task holding its token three times and its whole ScheduleTask command, plus the `waits`
// index) is loaded by a restarted engine, and the execution continues to the same end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSnapshot, taskCommand, taskToken, type Snapshot } from "@stepflow/asl";
import { createEngine, type Engine } from "../src/engine/create-engine.ts";
import { backends, type Backend } from "./support/engine-backends.ts";
import { standInWorkers } from "../../../test/support/stand-in-workers.ts";
import { until } from "../../../test/support/backends.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
const ITEMS = 3;

const mapOfTasks = JSON.stringify({
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
            Resource: "arn:aws:lambda:us-east-1:123456789012:function:work",
            Parameters: { "n.$": "$" },
            TimeoutSeconds: 300,
            End: true,
          },
        },
      },
      End: true,
    },
  },
});

/** The snapshot as the earlier version wrote it (JSON text). */
function olderShape(snapshot: Snapshot): string {
  const frames = Object.fromEntries(
    Object.entries(snapshot.frames).map(([id, frame]): [string, unknown] => {
      const wait = frame.at.wait;
      if (wait?.kind !== "task") return [id, frame];
      const old = {
        kind: "task",
        token: taskToken(frame.at, wait),
        timers: wait.timers ?? [],
        schedule: taskCommand(frame),
      };
      return [id, { ...frame, at: { ...frame.at, wait: wait.started ? { ...old, started: true } : old } }];
    }),
  );
  return JSON.stringify({ ...snapshot, frames, waits: Object.fromEntries(snapshot.waits) });
}

for (const backend of backends) {
  describe.skipIf(!backend.available)(`snapshots of an earlier version on ${backend.name}`, () => {
    let b: Backend;
    let engine: Engine | undefined;
    const workers = standInWorkers(() => b.queue);
    const held: (() => void)[] = [];

    beforeAll(async () => {
      b = await backend.open();
      workers.serve(
        "work",
        async (input) => {
          await new Promise<void>((resolve) => held.push(resolve));
          return (input as { n: number }).n * 2;
        },
        { concurrency: ITEMS },
      );
    }, 60_000);

    afterAll(async () => {
      for (const release of held) release();
      await workers.close();
      await engine?.close();
      await b?.close();
    });

    it("load after a restart and the execution continues to the same end", async () => {
      engine = await createEngine({ sql: b.sql, queue: b.queue, sweepMs: 200 });
      const { stateMachineArn } = await engine.stateMachines.create({
        name: "fan",
        definition: mapOfTasks,
        roleArn,
      });
      const input = JSON.stringify({ items: Array.from({ length: ITEMS }, (_, i) => i) });
      const { executionArn } = await engine.executions.start({ stateMachineArn, input });
      await until(() => (held.length === ITEMS ? true : undefined), "every task to reach the worker");

      // The engine stops; the row is rewritten as the earlier version stored it; a new engine takes over.
      await engine.close();
      const { rows } = await b.sql.query<{ snapshot: string }>(
        "SELECT snapshot FROM executions WHERE arn = $1",
        [executionArn],
      );
      const current = readSnapshot(rows[0]!.snapshot);
      const old = olderShape(current);
      expect(old).toContain('"schedule":{"type":"ScheduleTask"');
      await b.sql.query("UPDATE executions SET snapshot = $2 WHERE arn = $1", [executionArn, old]);
      engine = await createEngine({ sql: b.sql, queue: b.queue, sweepMs: 200 });
      expect(await engine.snapshot(executionArn)).toEqual(current);

      for (const release of held.splice(0)) release();
      const done = await until(
        async () => {
          const d = await engine!.executions.describe(executionArn);
          return d.status === "RUNNING" ? undefined : d;
        },
        "the Map to finish",
        60_000,
      );
      expect(done.status).toBe("SUCCEEDED");
      expect(JSON.parse(done.output!)).toEqual([0, 2, 4]);
      const { rows: after } = await b.sql.query<{ snapshot: string }>(
        "SELECT snapshot FROM executions WHERE arn = $1",
        [executionArn],
      );
      expect(after[0]!.snapshot).not.toContain("ScheduleTask");
    }, 120_000);
  });
}
