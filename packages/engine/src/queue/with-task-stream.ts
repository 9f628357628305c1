import type { TaskQueue } from "../ports/task-queue.ts";
import type { TaskStream } from "../ports/task-stream.ts";

/** A queue without its stream half, as the BullMQ core builds it. */
export type JobQueue = Omit<TaskQueue, keyof TaskStream>;

/** Joins a job queue and a stream into one {@link TaskQueue}; `close()` closes the stream's consumers first. */
export function withTaskStream(jobs: JobQueue, stream: TaskStream & { close(): Promise<void> }): TaskQueue {
  return {
    ...jobs,
    append: (name, entries) => stream.append(name, entries),
    consumeStream: (name, handler, options) => stream.consumeStream(name, handler, options),
    streamLength: (name) => stream.streamLength(name),
    async close() {
      await stream.close();
      await jobs.close();
    },
  };
}
