import type { Json } from "@stepflow/asl";
import type { TaskQueue, TaskReport } from "@stepflow/engine/queue";

/** Most reports per append (one round trip each). */
const MAX_BATCH = 500;

interface Pending {
  readonly reports: Json[];
  readonly settle: { resolve: () => void; reject: (error: unknown) => void }[];
}

/**
 * Sends the reports of one event-loop turn to their stream together: 64 handlers finishing at once cost
 * one append (one pipelined round trip), not 64. Each `send` resolves once its report is appended, and
 * rejects if the append failed, so its task is delivered again.
 */
export class ReportBatcher {
  readonly #queue: TaskQueue;
  readonly #pending = new Map<string, Pending>();
  #scheduled = false;

  constructor(queue: TaskQueue) {
    this.#queue = queue;
  }

  send(stream: string, report: TaskReport): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let pending = this.#pending.get(stream);
      if (pending === undefined) this.#pending.set(stream, (pending = { reports: [], settle: [] }));
      pending.reports.push(report);
      pending.settle.push({ resolve, reject });
      if (pending.reports.length >= MAX_BATCH) this.#flush(stream);
      else if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => {
          this.#scheduled = false;
          for (const name of [...this.#pending.keys()]) this.#flush(name);
        });
      }
    });
  }

  #flush(stream: string): void {
    const pending = this.#pending.get(stream);
    if (pending === undefined) return;
    this.#pending.delete(stream);
    this.#queue.append(stream, pending.reports).then(
      () => pending.settle.forEach((s) => s.resolve()),
      (error: unknown) => pending.settle.forEach((s) => s.reject(error)),
    );
  }
}
