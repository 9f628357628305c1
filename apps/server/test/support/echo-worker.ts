// A worker process as a user deploys one (for cli-no-redis.test.ts): takes its tasks from the queue the
// environment names (connectSharedQueue), runs handler `echo`, and stops on SIGTERM.
import process from "node:process";
import { connectSharedQueue } from "@stepflow/engine/queue";
import { createWorker } from "@stepflow/worker";

const shared = connectSharedQueue(process.env);
if (shared === undefined) throw new Error("neither REDIS_URL nor DATABASE_URL is set");
const worker = await createWorker({
  queue: shared.queue,
  handlers: { echo: (input: unknown) => ({ echoed: input, pid: process.pid }) },
});
process.stdout.write("ready\n");
process.once("SIGTERM", () => {
  void worker.close().then(() => shared.queue.close());
});
