import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../src/engine/create-engine.ts";
import { StartBatcher, type NewExecution } from "../src/store/start-batcher.ts";
import { backends, type Backend } from "./support/engine-backends.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";

// StartExecution calls that arrive together share one INSERT statement (StartBatcher). These check what
// sharing must not change: idempotent names, one history per execution, and a failing row failing alone.
for (const backend of backends) {
  describe.skipIf(!backend.available)(`concurrent StartExecution on ${backend.name}`, () => {
    let b: Backend;
    let engine: Engine;
    let machineArn: string;

    beforeAll(async () => {
      b = await backend.open();
      engine = await createEngine({ sql: b.sql, queue: b.queue, background: false });
      ({ stateMachineArn: machineArn } = await engine.stateMachines.create({
        name: "burst",
        roleArn,
        definition: JSON.stringify({
          StartAt: "Hold",
          States: { Hold: { Type: "Wait", Seconds: 3600, End: true } },
        }),
      }));
    });
    afterAll(async () => {
      await engine?.close();
      await b?.close();
    });

    it("starts each name once when many calls for few names arrive together", async () => {
      const calls = Array.from({ length: 120 }, (_, i) => ({
        stateMachineArn: machineArn,
        name: `burst-${i % 12}`,
        input: JSON.stringify({ n: i % 12 }),
      }));
      const started = await Promise.all(calls.map((call) => engine.executions.start(call)));

      const arns = new Set(started.map((s) => s.executionArn));
      expect(arns.size).toBe(12);
      const { rows } = await b.sql.query<{ name: string }>(
        "SELECT name FROM executions WHERE state_machine_arn = $1 AND name LIKE 'burst-%' ORDER BY name",
        [machineArn],
      );
      expect(rows.map((r) => r.name)).toEqual([...new Set(calls.map((c) => c.name))].sort());
      for (const arn of arns) {
        const { events } = await engine.executions.history({ executionArn: arn });
        expect(events.map((e) => [e.id, e.type])).toEqual([
          [1, "ExecutionStarted"],
          [2, "WaitStateEntered"],
        ]);
      }
    });

    it("rejects a name reused with another input while the same name and input returns the execution", async () => {
      const call = { stateMachineArn: machineArn, name: "same-input", input: '{"a":1}' };
      const [first, again, other] = await Promise.allSettled([
        engine.executions.start(call),
        engine.executions.start(call),
        engine.executions.start({ ...call, input: '{"a":2}' }),
      ]);
      expect(first.status, String((first as PromiseRejectedResult).reason)).toBe("fulfilled");
      expect(again).toEqual(first);
      expect(other).toMatchObject({ status: "rejected", reason: { name: "ExecutionAlreadyExists" } });
    });

    it("fails only the row the database refuses when rows share a statement", async () => {
      const batcher = new StartBatcher(b.sql, 10, 1);
      const row = (name: string, startMs: number): NewExecution => ({
        arn: `arn:aws:states:us-east-1:123456789012:execution:burst:${name}`,
        machineArn,
        versionArn: null,
        aliasArn: null,
        definitionHash: "not-checked",
        name,
        type: "STANDARD",
        status: "SUCCEEDED",
        input: "{}",
        output: "{}",
        error: null,
        cause: null,
        snapshot: "{}",
        startMs,
        parentToken: null,
        traceHeader: null,
        roleArn,
        firstEventId: null,
        lastEventId: null,
        events: "[]",
        timers: [],
        commands: ['{"type":"CompleteExecution"}'],
      });
      // The first call goes alone; the next three queue behind it and go together, one with a start time
      // PostgreSQL cannot store.
      const results = await Promise.allSettled([
        batcher.insert(row("lone", Date.now())),
        batcher.insert(row("good-1", Date.now())),
        batcher.insert(row("bad", Number.NaN)),
        batcher.insert(row("good-2", Date.now())),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
      const ids = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.outboxIds.length] : []));
      expect(ids).toEqual([1, 1, 1]);
      const { rows } = await b.sql.query<{ name: string }>(
        "SELECT name FROM executions WHERE name IN ('lone', 'good-1', 'bad', 'good-2') ORDER BY name",
      );
      expect(rows.map((r) => r.name)).toEqual(["good-1", "good-2", "lone"]);
    });
  });
}
