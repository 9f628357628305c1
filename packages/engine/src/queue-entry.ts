// `@stepflow/engine/queue`: what a worker process needs — the task queues and the task message contract —
// without the engine itself (PostgreSQL and PGlite clients, migrations, the interpreter's run loop), so a
// worker starts faster and smaller. `@stepflow/engine` exports all of this too.
export type {
  TaskQueue,
  QueueJob,
  NewJob,
  QueueConsumer,
  ConsumeOptions,
  ListedJob,
  ListJobsOptions,
} from "./ports/task-queue.ts";
export type { TaskStream, StreamEntry, StreamConsumeOptions } from "./ports/task-stream.ts";
export { createMemoryTaskQueue, type MemoryTaskQueueOptions } from "./adapters/memory-task-queue.ts";
export { createBullmqTaskQueue, type BullmqTaskQueueOptions } from "./adapters/bullmq-task-queue.ts";
export { createPostgresTaskQueue, type PostgresTaskQueueOptions } from "./adapters/postgres-task-queue.ts";
export { connectSharedQueue, type QueueEnv, type SharedQueue } from "./queue/connect-queue.ts";
export {
  createBullmqPostgresTaskQueue,
  type BullmqPostgresTaskQueueOptions,
} from "./adapters/bullmq-postgres-task-queue.ts";
export { defaultRetryPolicy, type RetryPolicy } from "./queue/retry-policy.ts";
export {
  CANCEL_TOPIC,
  RESULTS_QUEUE,
  RESULTS_STREAM,
  taskQueueName,
  type TaskJob,
  type TaskReport,
} from "./tasks/task-messages.ts";
export { isLambdaResource, lambdaInvokeResult } from "./tasks/task-route.ts";
