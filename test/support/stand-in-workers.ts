import type { Json } from "@stepflow/asl";
import {
  RESULTS_STREAM,
  taskQueueName,
  type QueueConsumer,
  type TaskJob,
  type TaskQueue,
  type TaskReport,
} from "@stepflow/engine/queue";

/**
 * A worker for engine and server tests, without @stepflow/worker (which depends on them): runs a handler for
 * each task job of its name and reports the outcome as a worker does. A thrown error's name and message
 * become the task's error and cause. `deliveries` counts the jobs each token was delivered in.
 */
export function standInWorkers(queue: () => TaskQueue) {
  const consumers: QueueConsumer[] = [];
  const deliveries = new Map<string, number>();
  return {
    deliveries,
    serve(
      name: string,
      handler: (input: Json, job: TaskJob) => Json | Promise<Json>,
      options: { concurrency?: number } = {},
    ): void {
      consumers.push(
        queue().consume(
          taskQueueName(name),
          async (job) => {
            const task = job.data as unknown as TaskJob;
            deliveries.set(task.token, (deliveries.get(task.token) ?? 0) + 1);
            let report: TaskReport;
            try {
              const output = await handler(task.input, task);
              if (task.callback) return; // .waitForTaskToken: the result comes through SendTaskSuccess
              report = { type: "TaskSucceeded", token: task.token, output };
            } catch (error) {
              report = {
                type: "TaskFailed",
                token: task.token,
                error: (error as Error).name,
                cause: (error as Error).message,
              };
            }
            await queue().append(task.replyTo ?? RESULTS_STREAM, [report]);
          },
          options,
        ),
      );
    },
    close: () => Promise.all(consumers.map((c) => c.close())),
  };
}
