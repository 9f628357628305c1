import type { QueueConsumer, QueueJob, TaskQueue } from "../ports/task-queue.ts";
import type { IntegrationOutcome, TaskIntegration } from "./task-integration.ts";
import {
  CANCEL_TOPIC,
  RESULTS_QUEUE,
  integrationQueueName,
  type IntegrationJob,
  type TaskReport,
} from "./task-messages.ts";

/** Why a call in flight was abandoned; only a shutdown leaves the job to be delivered again. */
type AbortReason = "cancelled" | "deadline" | "shutdown";

/**
 * Runs service integrations (`engine.registerIntegration`) as durable tasks. A scheduled call is a queue job
 * whose id is the task token, so a re-sent dispatch adds nothing; the job completes only once its outcome is
 * queued for the engine (RESULTS_QUEUE, or the Express reply queue), so a process that dies mid-call leaves
 * the job to be delivered again: at least once, like a worker task. Outcomes for tokens no longer pending
 * change nothing. Cancellation (CANCEL_TOPIC) and the Task's TimeoutSeconds abort the call's signal.
 */
export class IntegrationRunner {
  private readonly handlers = new Map<string, TaskIntegration>();
  private readonly consumers = new Map<string, QueueConsumer>();
  private readonly inFlight = new Map<string, AbortController>();
  private unsubscribe: (() => Promise<void>) | undefined;

  /** `serve`: consume the queues of registered integrations in this process (false: only schedule). */
  constructor(
    private readonly queue: TaskQueue,
    private readonly serve: boolean,
    private readonly concurrency = 32,
  ) {}

  /** Starts listening for cancellations. */
  async start(): Promise<void> {
    if (!this.serve) return;
    this.unsubscribe = await this.queue.subscribe(CANCEL_TOPIC, (message) => {
      const token = (message as { token?: unknown } | null)?.token;
      if (typeof token === "string") this.abort(token, "cancelled");
    });
  }

  /** Serves integration `name` with `handler` in this process; returns the unregister function. */
  register(name: string, handler: TaskIntegration): () => void {
    this.handlers.set(name, handler);
    if (this.serve && !this.consumers.has(name)) {
      const consumer = this.queue.consume(integrationQueueName(name), (job) => this.run(job), {
        concurrency: this.concurrency,
      });
      this.consumers.set(name, consumer);
    }
    return () => {
      if (this.handlers.get(name) !== handler) return;
      this.handlers.delete(name);
      const consumer = this.consumers.get(name);
      this.consumers.delete(name);
      void consumer?.close();
    };
  }

  /** True when this process has a handler for `name`, so tasks for it can be scheduled. */
  has(name: string): boolean {
    return this.handlers.has(name);
  }

  /** Queues a call; adding a token already queued or running adds nothing. */
  async schedule(job: IntegrationJob): Promise<void> {
    await this.queue.add(integrationQueueName(job.integration), { id: job.token, data: job as never });
  }

  /** The task of `token` ended without the call: drop it if still queued, abort it if running here. */
  async cancel(integration: string, token: string): Promise<void> {
    this.abort(token, "cancelled");
    await this.queue.remove(integrationQueueName(integration), token);
  }

  /** Sends an outcome for a call that could not be scheduled (e.g. no handler for its integration). */
  async fail(job: IntegrationJob, error: string, cause: string): Promise<void> {
    await this.report(job, { error, cause });
  }

  /** Aborts the calls in flight (their jobs are delivered again later) and stops consuming. */
  async close(): Promise<void> {
    for (const token of this.inFlight.keys()) this.abort(token, "shutdown");
    await Promise.all([...this.consumers.values()].map((c) => c.close()));
    this.consumers.clear();
    await this.unsubscribe?.();
  }

  private async run(queued: QueueJob): Promise<void> {
    const job = queued.data as unknown as IntegrationJob;
    const handler = this.handlers.get(job.integration);
    // Unregistered while the job was on its way: leave it to a process that still serves it.
    if (handler === undefined) throw new Error(`The '${job.integration}' integration is not served here`);
    const controller = new AbortController();
    this.inFlight.set(job.token, controller);
    const deadline =
      job.timeoutSeconds === undefined
        ? undefined
        : setTimeout(() => controller.abort("deadline" satisfies AbortReason), job.timeoutSeconds * 1000);
    let outcome: IntegrationOutcome;
    try {
      outcome = await handler({
        executionArn: job.executionArn,
        stateName: job.stateName,
        token: job.token,
        action: job.action,
        callback: job.callback,
        input: job.input,
        purpose: job.purpose,
        signal: controller.signal,
      });
    } catch (error) {
      outcome = { error: "States.TaskFailed", cause: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(deadline);
      if (this.inFlight.get(job.token) === controller) this.inFlight.delete(job.token);
    }
    if (controller.signal.aborted) {
      // A shutdown must not complete the job: another delivery makes the call. A cancelled task, or one
      // whose TimeoutSeconds passed (its durable timer fails it with States.Timeout), needs no answer.
      if (controller.signal.reason === ("shutdown" satisfies AbortReason)) {
        throw new Error("The engine shut down during the call");
      }
      return;
    }
    if ("error" in outcome || !job.callback) await this.report(job, outcome);
  }

  private async report(job: IntegrationJob, outcome: IntegrationOutcome): Promise<void> {
    const report: TaskReport =
      "error" in outcome
        ? { type: "TaskFailed", token: job.token, error: outcome.error, cause: outcome.cause }
        : {
            type: "TaskSucceeded",
            token: job.token,
            output: outcome.output,
            ...(job.purpose === undefined ? {} : { purpose: job.purpose }),
          };
    await this.queue.add(job.replyTo ?? RESULTS_QUEUE, { id: `${job.token}.result`, data: report });
  }

  private abort(token: string, reason: AbortReason): void {
    this.inFlight.get(token)?.abort(reason);
  }
}
