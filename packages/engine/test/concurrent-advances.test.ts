import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../src/engine/create-engine.ts";
import { AdvanceBatcher, type AdvanceRow } from "../src/store/advance-batcher.ts";
import { backends, type Backend } from "./support/engine-backends.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";

// Advances of different executions that commit at the same time share one statement (AdvanceBatcher).
// These check what sharing must not change: each row guarded by its own version, and only the rows that
// were written get their history, timers, journal and outbox rows.
for (const backend of backends) {
  describe.skipIf(!backend.available)(`concurrent advance commits on ${backend.name}`, () => {
    let b: Backend;
    let engine: Engine;
    const arns: string[] = [];

    beforeAll(async () => {
      b = await backend.open();
      engine = await createEngine({ sql: b.sql, queue: b.queue, background: false });
      const { stateMachineArn } = await engine.stateMachines.create({
        name: "hold",
        roleArn,
        definition: JSON.stringify({
          StartAt: "Hold",
          States: { Hold: { Type: "Wait", Seconds: 3600, End: true } },
        }),
      });
      for (const name of ["a", "b", "c"]) {
        arns.push((await engine.executions.start({ stateMachineArn, name })).executionArn);
      }
    });
    afterAll(async () => {
      await engine?.close();
      await b?.close();
    });

    const row = (arn: string, expectedVersion: number, extra: Partial<AdvanceRow> = {}): AdvanceRow => ({
      arn,
      expectedVersion,
      journaled: false,
      stored: `{"v":${expectedVersion + 1}}`,
      status: "RUNNING",
      output: null,
      error: null,
      cause: null,
      events: "[]",
      firstEventId: null,
      lastEventId: null,
      redriveCount: 0,
      timersSet: [],
      timersCleared: [],
      commands: [],
      ...extra,
    });
    const read = async (arn: string) => {
      const one = async <R extends object>(text: string) => (await b.sql.query<R>(text, [arn])).rows;
      return {
        execution: (
          await one<{ version: number; snapshot: string; snapshot_version: number | null }>(
            "SELECT version, snapshot, snapshot_version FROM executions WHERE arn = $1",
          )
        )[0]!,
        history: (
          await one<{ first_id: number }>(
            "SELECT first_id FROM history_batches WHERE execution_arn = $1 ORDER BY first_id",
          )
        ).map((r) => r.first_id),
        timers: (
          await one<{ timer: string }>("SELECT timer FROM timers WHERE execution_arn = $1 ORDER BY timer")
        ).map((r) => r.timer),
        outbox: (
          await one<{ command: string }>("SELECT command FROM outbox WHERE execution_arn = $1 ORDER BY id")
        ).map((r) => r.command),
        journal: (
          await one<{ version: number }>("SELECT version FROM execution_journal WHERE execution_arn = $1")
        ).map((r) => r.version),
      };
    };

    it("writes each row only at its expected version, with its own history, timers and outbox", async () => {
      const [a, bArn, c] = arns as [string, string, string];
      const before = { a: await read(a), b: await read(bArn), c: await read(c) };
      const batcher = new AdvanceBatcher(b.sql, 10, 1);
      const events = (id: number) => ({ events: `[{"id":${id}}]`, firstEventId: id, lastEventId: id });
      // The first commit goes alone; the next three queue behind it and go together; the last advances `a`
      // again, so it waits for a statement of its own (never two advances of one execution in one statement).
      const results = await Promise.all([
        batcher.commit(row(a, 1, events(10))),
        batcher.commit(
          row(bArn, 1, {
            ...events(10),
            timersSet: [{ timer: "extra", dueAt: Date.now() + 60_000 }],
            commands: ['{"type":"first"}', '{"type":"second","n":1.0}'],
          }),
        ),
        batcher.commit(row(c, 7, { ...events(10), commands: ['{"type":"lost"}'] })),
        batcher.commit(row(a, 2, { ...events(11), journaled: true, stored: '{"signals":[]}' })),
      ]);
      expect(results.map((r) => r.updated)).toEqual([true, true, false, true]);
      expect(results[1].outboxIds).toHaveLength(2);
      expect(results[1].outboxIds[0]!).toBeLessThan(results[1].outboxIds[1]!);
      expect(results[2].outboxIds).toEqual([]);

      const after = { a: await read(a), b: await read(bArn), c: await read(c) };
      // a: a checkpoint at version 2, then a journal entry at version 3 that leaves the snapshot alone.
      expect(after.a.execution).toMatchObject({ version: 3, snapshot: '{"v":2}', snapshot_version: 2 });
      expect(after.a.journal).toEqual([3]);
      expect(after.a.history).toEqual([...before.a.history, 10, 11]);
      expect(after.b.execution).toMatchObject({ version: 2, snapshot: '{"v":2}', snapshot_version: null });
      expect(after.b.history).toEqual([...before.b.history, 10]);
      expect(after.b.timers).toEqual([...before.b.timers, "extra"].sort());
      // Commands keep their text (the number lexeme too) and their order.
      expect(after.b.outbox.slice(-2)).toEqual(['{"type":"first"}', '{"type":"second","n":1.0}']);
      // c lost its version check: nothing of its row was written.
      expect(after.c).toEqual(before.c);

      // A checkpoint clears the journal and the timers it was told to clear.
      const [cleared] = await Promise.all([
        batcher.commit(row(a, 3, { timersCleared: before.a.timers, stored: '{"v":4}' })),
        batcher.commit(row(bArn, 2, { timersCleared: ["extra"], stored: '{"v":3}' })),
      ]);
      expect(cleared.updated).toBe(true);
      const last = { a: await read(a), b: await read(bArn) };
      expect(last.a.execution).toMatchObject({ version: 4, snapshot: '{"v":4}', snapshot_version: null });
      expect(last.a.journal).toEqual([]);
      expect(last.a.timers).toEqual([]);
      expect(last.b.timers).toEqual(before.b.timers);
    });
  });
}
