// A worker process for this example's Task handlers (`npm run workers`): takes their tasks from the queue
// `stepflow start` uses — BullMQ on REDIS_URL, or without it the PostgreSQL queue on DATABASE_URL. Run as
// many as you like.
import { runWorkerProcess } from "@stepflow/worker";
import { handlers } from "./handlers.ts";

await runWorkerProcess({ handlers, concurrency: 8 });
