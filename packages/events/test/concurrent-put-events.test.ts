import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { QueueJob } from "@stepflow/engine";
import { createEventBus, type EventBus } from "../src/index.ts";
import { backends, until, type Backend } from "./support/backends.ts";

// Concurrent PutEvents calls share statements (EventCommitter on StatementBatcher). These check that
// sharing changes nothing a caller can see: each call gets its own answer, idempotency keys hold across the
// calls of one statement and against keys accepted before it, and each accepted event is delivered once.
for (const backend of backends) {
  describe.skipIf(!backend.available)(`concurrent PutEvents on ${backend.name}`, () => {
    let b: Backend;
    let bus: EventBus;
    const received: QueueJob[] = [];
    const close: (() => Promise<void>)[] = [];
    let commits = 0;

    beforeAll(async () => {
      b = await backend.open();
      // Counts the statements that commit events (they claim idempotency keys first).
      const sql = new Proxy(b.sql, {
        get(target, property) {
          const value = Reflect.get(target, property, target) as unknown;
          if (property !== "query" || typeof value !== "function") return value;
          return (text: string, params?: readonly unknown[]) => {
            if (text.includes("INSERT INTO event_idempotency_keys")) commits++;
            return target.query(text, params);
          };
        },
      });
      bus = await createEventBus({ sql, queue: b.queue, sweepMs: 200 });
      const consumer = b.queue.consume("burst", (job) => Promise.resolve(void received.push(job)));
      close.push(() => consumer.close());
      await bus.putRule({ Name: "burst", EventPattern: '{"source": ["burst"]}' });
      await bus.putTargets({ Rule: "burst", Targets: [{ Id: "q", Arn: bus.arns.queue("burst") }] });
    });

    afterAll(async () => {
      for (const fn of close) await fn();
      await bus?.close();
      await b?.close();
    });

    test("a burst of calls: own answers, keys deduplicated across calls and against earlier ones, one delivery per event", async () => {
      const entry = (n: number, key?: string) => ({
        Source: "burst",
        DetailType: "Burst",
        Detail: JSON.stringify({ n, ...(key === undefined ? {} : { metadata: { "idempotency-key": key } }) }),
      });
      const earlier = await bus.putEvents({ Entries: [entry(-1, "accepted-before")] });
      commits = 0;
      const calls = Array.from({ length: 24 }, (_, call) =>
        bus.putEvents({
          Entries: [
            ...Array.from({ length: 7 }, (_, k) => entry(call * 10 + k)),
            entry(call * 10 + 7, "shared-by-all"),
            entry(call * 10 + 8, "accepted-before"),
            // Invalid entries fail alone, in their own slot of their own call.
            { Source: "burst", DetailType: "Burst", Detail: "[1]" },
          ],
        }),
      );
      const answers = await Promise.all(calls);
      // All 24 calls are submitted before the first statement returns: two go alone, the rest share.
      expect(commits).toBeLessThanOrEqual(4);
      for (const answer of answers) {
        expect(answer.FailedEntryCount).toBe(1);
        expect(answer.Entries[9]).toMatchObject({ ErrorCode: "MalformedDetail" });
        expect(answer.Entries[8]!.EventId).toBe(earlier.Entries[0]!.EventId);
      }
      const shared = new Set(answers.map((answer) => answer.Entries[7]!.EventId));
      expect(shared.size).toBe(1);
      const own = answers.flatMap((answer) => answer.Entries.slice(0, 7).map((e) => e.EventId!));
      expect(new Set(own).size).toBe(24 * 7);

      // The earlier event, the shared key's first event and each call's seven own events.
      const expected = new Set([earlier.Entries[0]!.EventId!, ...shared, ...own]);
      await until(() => (received.length >= expected.size ? true : undefined), "every delivery", 20_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const ids = received.map((job) => (job.data as { id: string }).id);
      expect(ids.length).toBe(expected.size);
      expect(new Set(ids)).toEqual(expected);
      await until(async () => {
        const { rows } = await b.sql.query<{ n: string | number }>(
          "SELECT count(*) AS n FROM event_deliveries",
        );
        return Number(rows[0]!.n) === 0 ? true : undefined;
      }, "the delivered rows to be deleted");
    }, 40_000);
  });
}
