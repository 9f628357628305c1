import { randomUUID } from "node:crypto";
import {
  isLambdaResource,
  lambdaInvokeResult,
  RESULTS_STREAM,
  type TaskJob,
  type TaskReport,
} from "@stepflow/engine/queue";
import { failureOf, FailureStyle } from "./failure-of.ts";
import { INVALID_RESULT_ERROR, jsonResult } from "./json-result.ts";
import type { ReportBatcher } from "./report-batcher.ts";
import { TaskAborted, TaskAbortKind } from "./task-aborted.ts";
import type { AnyTaskHandler, TaskContext } from "./task-handler.ts";

/** What a run needs from its worker. */
export interface TaskRunDeps {
  /** Appends reports to the engine's stream, batched per event-loop turn. */
  readonly reports: ReportBatcher;
  /** Set to report TaskStarted with this worker name before the handler runs. */
  readonly startedBy: string | undefined;
}

/**
 * One delivery of one task: runs the handler with its context, then reports the outcome on the results
 * stream. `done` is what the queue consumer awaits: it resolves when the job is finished with (reported,
 * or nothing to report), and rejects when the queue must deliver the task again (a report could not be
 * queued, or the worker abandoned the run at its shutdown deadline).
 */
export class TaskRun {
  readonly token: string;
  readonly done: Promise<void>;
  readonly #task: TaskJob;
  readonly #deps: TaskRunDeps;
  /**
   * Created when the handler first reads `ctx.signal`: an AbortSignal is an EventTarget, costly enough to
   * show in a profile of thousands of no-op tasks a second, and most handlers never look at it.
   */
  #controller: AbortController | undefined;
  #abortReason: TaskAborted | undefined;
  #handlerRunning = true;
  #timeout: NodeJS.Timeout | undefined;
  #settle!: { resolve: () => void; reject: (error: unknown) => void };

  constructor(task: TaskJob, handler: AnyTaskHandler, deps: TaskRunDeps) {
    this.token = task.token;
    this.#task = task;
    this.#deps = deps;
    this.done = new Promise<void>((resolve, reject) => {
      this.#settle = { resolve, reject };
    });
    if (task.timeoutSeconds !== undefined && task.timeoutSeconds > 0) {
      this.#timeout = setTimeout(() => this.abort(TaskAbortKind.TimedOut), task.timeoutSeconds * 1000);
    }
    this.#execute(handler).then(this.#settle.resolve, this.#settle.reject);
  }

  /** Fires the run's AbortSignal (once); the handler's outcome will not be reported. */
  abort(kind: TaskAbortKind): void {
    if (this.#abortReason !== undefined) return;
    clearTimeout(this.#timeout);
    this.#abortReason = new TaskAborted(kind, this.token);
    this.#controller?.abort(this.#abortReason);
  }

  #signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#abortReason !== undefined) this.#controller.abort(this.#abortReason);
    }
    return this.#controller.signal;
  }

  /**
   * At the worker's shutdown deadline: a handler still running is aborted and its job handed back to the
   * queue for redelivery; a cancelled or timed-out one is finished with, since the engine has settled it;
   * a run already reporting is left to finish.
   */
  abandon(): void {
    if (!this.#handlerRunning) return;
    if (this.#abortReason !== undefined) {
      this.#settle.resolve();
      return;
    }
    this.abort(TaskAbortKind.Shutdown);
    this.#settle.reject(this.#abortReason);
  }

  async #execute(handler: AnyTaskHandler): Promise<void> {
    const task = this.#task;
    if (this.#deps.startedBy !== undefined) {
      await this.#report({
        type: "TaskStarted",
        token: task.token,
        workerName: this.#deps.startedBy,
      });
    }
    let outcome: { ok: true; value: unknown } | { ok: false; thrown: unknown };
    try {
      outcome = { ok: true, value: await handler(task.input, this.#context()) };
    } catch (thrown) {
      outcome = { ok: false, thrown };
    } finally {
      this.#handlerRunning = false;
      clearTimeout(this.#timeout);
    }
    // Once aborted the engine owns the outcome (States.Timeout, a stopped execution, a redelivery); a
    // late report here could beat the engine's timer and fail the task with the handler's AbortError.
    if (this.#abortReason !== undefined) return;
    if (!outcome.ok) {
      const lambda = task.lambdaInvoke === true || isLambdaResource(task.resource);
      const failure = failureOf(outcome.thrown, lambda ? FailureStyle.Lambda : FailureStyle.Plain);
      await this.#report({ type: "TaskFailed", token: task.token, ...failure });
      return;
    }
    // A callback task completes through SendTaskSuccess/SendTaskFailure with its token.
    if (task.callback === true) return;
    const result = jsonResult(outcome.value);
    if (!result.ok) {
      await this.#report({
        type: "TaskFailed",
        token: task.token,
        error: INVALID_RESULT_ERROR,
        cause: result.problem,
      });
      return;
    }
    const output = task.lambdaInvoke === true ? lambdaInvokeResult(result.json, randomUUID()) : result.json;
    await this.#report({ type: "TaskSucceeded", token: task.token, output });
  }

  #context(): TaskContext {
    const task = this.#task;
    const signal = () => this.#signal();
    return {
      taskToken: task.token,
      executionArn: task.executionArn,
      stateName: task.stateName,
      resource: task.resource,
      attempt: task.attempt,
      get signal() {
        return signal();
      },
      heartbeat: async () => {
        if (this.#abortReason !== undefined) throw this.#abortReason;
        if (!this.#handlerRunning) {
          throw new Error(`heartbeat() was called after the handler of task ${task.token} returned`);
        }
        await this.#report({
          type: "TaskHeartbeat",
          token: task.token,
        });
      },
    };
  }

  #report(report: TaskReport): Promise<void> {
    return this.#deps.reports.send(this.#task.replyTo ?? RESULTS_STREAM, report);
  }
}
