import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../src/engine/create-engine.ts";
import { backends, type Backend } from "./support/engine-backends.ts";
import { standInWorkers } from "../../../test/support/stand-in-workers.ts";
import { until } from "../../../test/support/backends.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

// JSON text on purpose: an object literal would already have turned 1.0 into 1.
const definition = `{"StartAt":"Mark","States":{
  "Mark":{"Type":"Pass","Result":1.0,"ResultPath":"$.r","Next":"Work"},
  "Work":{"Type":"Task","Resource":"${fn("types")}","ResultPath":"$.seen","Next":"Rest"},
  "Rest":{"Type":"Wait","Seconds":1,"Next":"Done"},
  "Done":{"Type":"Pass","End":true}}}`;
const input = '{"a":1.0,"id":12345678901234567890}';

for (const backend of backends) {
  describe.skipIf(!backend.available)(`number lexemes on ${backend.name}`, () => {
    let b: Backend;
    let engine: Engine;
    let reader: Engine;
    const workers = standInWorkers(() => b.queue);

    beforeAll(async () => {
      b = await backend.open();
      engine = await createEngine({ sql: b.sql, queue: b.queue, sweepMs: 200 });
      // A second engine on the same database that applies nothing: it reads executions back from storage.
      reader = await createEngine({ sql: b.sql, queue: b.queue, background: false });
      workers.serve("types", (task) => {
        const { a, id } = task as { a: unknown; id: unknown };
        return Promise.resolve({ a: typeof a, id: typeof id });
      });
    }, 60_000);

    afterAll(async () => {
      await workers.close();
      await reader?.close();
      await engine?.close();
      await b?.close();
    });

    it("keeps input and definition lexemes through snapshots, history and output; workers get plain numbers", async () => {
      const { stateMachineArn } = await engine.stateMachines.create({ name: "lexemes", definition, roleArn });
      const { executionArn } = await engine.executions.start({ stateMachineArn, input });
      const done = await until(async () => {
        const d = await reader.executions.describe(executionArn);
        return d.status === "RUNNING" ? undefined : d;
      }, "the execution to end");
      const expected = '{"a":1.0,"id":12345678901234567890,"r":1.0,"seen":{"a":"number","id":"number"}}';
      expect(done).toMatchObject({ status: "SUCCEEDED", input, output: expected });

      const { events } = await reader.executions.history({ executionArn });
      expect(events[0]?.executionStartedEventDetails?.input).toBe(input);
      expect(events.find((e) => e.type === "WaitStateEntered")?.stateEnteredEventDetails?.input).toBe(
        expected,
      );
      expect(events.at(-1)?.executionSucceededEventDetails?.output).toBe(expected);
      const { rows } = await b.sql.query<{ snapshot: string }>(
        "SELECT snapshot FROM executions WHERE arn = $1",
        [executionArn],
      );
      expect(rows[0]!.snapshot).toContain('"id":12345678901234567890');
    }, 60_000);
  });
}
