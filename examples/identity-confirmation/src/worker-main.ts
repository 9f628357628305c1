// A worker process for this example's Task handlers (`npm run workers`): takes their tasks from the queue
// `stepflow start` uses — BullMQ on REDIS_URL, or without it the PostgreSQL queue on DATABASE_URL. Run as
// many as you like.
import console from "node:console";
import process from "node:process";
import { connectSharedQueue } from "@stepflow/engine/queue";
import { createWorker } from "@stepflow/worker";
import { handlers } from "./handlers.ts";

const shared = connectSharedQueue(process.env);
if (shared === undefined) {
  console.error(
    "Neither REDIS_URL nor DATABASE_URL is set: a worker process takes its tasks from Redis " +
      "(e.g. redis://127.0.0.1:6379) or from PostgreSQL (e.g. postgres://postgres@127.0.0.1:5432/stepflow)",
  );
  process.exit(2);
}
const { queue } = shared;
const worker = await createWorker({ queue, handlers, concurrency: 8 });
console.log(`worker ${process.pid}: running ${Object.keys(handlers).join(", ")}`);
const stop = async () => {
  await worker.close();
  await queue.close();
  console.log(`worker ${process.pid}: stopped`);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
