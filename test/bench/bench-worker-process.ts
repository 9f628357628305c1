// A no-op @stepflow/worker in a process of its own, as workers are deployed (BENCH_WORKER=process in the
// task benchmarks): handler `noop` on BullMQ at BENCH_REDIS_URL / BENCH_PREFIX with BENCH_CONCURRENCY.
// Says "ready" over IPC once consuming; closes and exits on "close".
import { createBullmqTaskQueue } from "@stepflow/engine";
import { Worker } from "@stepflow/worker";

const queue = createBullmqTaskQueue({
  connection: process.env["BENCH_REDIS_URL"]!,
  prefix: process.env["BENCH_PREFIX"]!,
});
const worker = new Worker({
  queue,
  concurrency: Number(process.env["BENCH_CONCURRENCY"]),
  handlers: { noop: () => null },
});
await worker.start();
process.send!("ready");
process.on("message", (message) => {
  if (message !== "close") return;
  void (async () => {
    await worker.close({ timeoutMs: 1000 });
    await queue.close();
    process.exit(0);
  })();
});
