import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../src/engine/create-engine.ts";
import { backends, type Backend } from "./support/engine-backends.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";

for (const backend of backends) {
  describe.skipIf(!backend.available)(`ListExecutions pages on ${backend.name}`, () => {
    let b: Backend;
    let engine: Engine;

    beforeAll(async () => {
      b = await backend.open();
      engine = await createEngine({ sql: b.sql, queue: b.queue, sweepMs: 200 });
    }, 60_000);

    afterAll(async () => {
      await engine?.close();
      await b?.close();
    });

    it("pages through every execution once, newest first, with and without a status filter", async () => {
      const { stateMachineArn } = await engine.stateMachines.create({
        name: "paged",
        roleArn,
        definition: JSON.stringify({
          StartAt: "C",
          States: {
            C: {
              Type: "Choice",
              Choices: [{ Variable: "$.fail", BooleanEquals: true, Next: "F" }],
              Default: "S",
            },
            F: { Type: "Fail", Error: "Nope" },
            S: { Type: "Succeed" },
          },
        }),
      });
      // Started concurrently, so several share a start time and the cursor's ARN breaks the tie.
      const started = await Promise.all(
        Array.from({ length: 23 }, (_, i) =>
          engine.executions.start({
            stateMachineArn,
            name: `e${i}`,
            input: JSON.stringify({ fail: i % 3 === 0 }),
          }),
        ),
      );
      const pages = async (statusFilter?: string) => {
        const seen: { executionArn: string; startDate: Date; status: string }[] = [];
        let nextToken: string | undefined;
        do {
          const page = await engine.executions.list({
            stateMachineArn,
            maxResults: 4,
            ...(statusFilter === undefined ? {} : { statusFilter }),
            ...(nextToken === undefined ? {} : { nextToken }),
          });
          seen.push(...(page.executions as typeof seen));
          nextToken = page.nextToken;
        } while (nextToken !== undefined);
        return seen;
      };

      const all = await pages();
      expect(all.map((e) => e.executionArn).sort()).toEqual(started.map((s) => s.executionArn).sort());
      const order = (a: (typeof all)[number], b: (typeof all)[number]) =>
        b.startDate.getTime() - a.startDate.getTime() || (a.executionArn < b.executionArn ? 1 : -1);
      expect(all).toEqual([...all].sort(order));

      const failed = await pages("FAILED");
      expect(failed.map((e) => e.executionArn)).toEqual(
        all.filter((e) => e.status === "FAILED").map((e) => e.executionArn),
      );
      expect(failed).toHaveLength(8);
    });
  });
}
