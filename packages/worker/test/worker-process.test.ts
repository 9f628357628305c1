import { createPostgresTaskQueue } from "@stepflow/engine";
import { afterEach, describe, expect, test, vi } from "vitest";
import { freshDatabase, serviceUrl, type FreshDatabase } from "../../../test/support/index.ts";
import { runWorkerProcess, type WorkerProcess } from "../src/index.ts";
import { WorkerHarness } from "./support/worker-harness.ts";

afterEach(() => {
  process.exitCode = undefined;
});

test("without REDIS_URL or DATABASE_URL it says why and sets exit code 2", async () => {
  const log = { log: vi.fn(), error: vi.fn() };
  expect(await runWorkerProcess({ handlers: { a: () => 1 }, env: {}, log })).toBeUndefined();
  expect(process.exitCode).toBe(2);
  expect(log.error.mock.calls[0]![0]).toContain("Neither REDIS_URL nor DATABASE_URL is set");
});

// The PostgreSQL branch of the shared queue: a fresh database is this test's own, where the Redis branch
// would use the fixed `stepflow` prefix that other runs share.
describe.skipIf(serviceUrl("DATABASE_URL") === undefined)("on DATABASE_URL alone", () => {
  let database: FreshDatabase | undefined;
  let running: WorkerProcess<{ double: (input: { n: number }) => { n: number } }> | undefined;
  let harness: WorkerHarness | undefined;
  afterEach(async () => {
    await running?.stop();
    await harness?.dispose();
    await database?.drop();
  });

  test("runs the handlers on the PostgreSQL queue the server shares, and stops once", async () => {
    const log = { log: vi.fn(), error: vi.fn() };
    database = await freshDatabase({ label: "worker_process" });
    running = await runWorkerProcess({
      handlers: { double: (input: { n: number }) => ({ n: input.n * 2 }) },
      env: { DATABASE_URL: database.url },
      stopOnSignals: false,
      log,
    });
    expect(running?.queue.kind).toBe("postgres");
    // The engine's side, on its own connection to the same schema (as `stepflow start` would be).
    const engineSide = createPostgresTaskQueue({ url: database.url, schema: "stepflow_queue" });
    harness = new WorkerHarness({ queue: engineSide, dispose: () => engineSide.close() });
    const job = await harness.dispatch("double", { input: { n: 21 } });
    expect(await harness.result(job.token)).toMatchObject({ type: "TaskSucceeded", output: { n: 42 } });
    await Promise.all([running!.stop(), running!.stop()]);
    await expect(running!.worker.start()).rejects.toThrow("it is closed");
  });
});
