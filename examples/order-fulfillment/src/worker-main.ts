// A worker process for this example's Task handlers (`npm run workers`): takes their tasks from BullMQ on
// REDIS_URL, under the same `stepflow` prefix as `stepflow start`. Run as many as you like.
import console from "node:console";
import process from "node:process";
import { createBullmqTaskQueue } from "@stepflow/engine/queue";
import { createWorker } from "@stepflow/worker";
import { handlers } from "./handlers.ts";

const url = process.env.REDIS_URL;
if (url === undefined || url === "") {
  console.error(
    "REDIS_URL is not set: a worker process takes its tasks from Redis (e.g. redis://127.0.0.1:6379)",
  );
  process.exit(2);
}
const queue = createBullmqTaskQueue({ connection: url, prefix: "stepflow" });
const worker = await createWorker({ queue, handlers, concurrency: 8 });
console.log(`worker ${process.pid}: running ${Object.keys(handlers).join(", ")}`);
const stop = async () => {
  await worker.close();
  await queue.close();
  console.log(`worker ${process.pid}: stopped`);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
