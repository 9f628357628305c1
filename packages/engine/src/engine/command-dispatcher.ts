import { plainNumbers, type Command, type Signal } from "@stepflow/asl";
import type { ActivityTaskStore } from "../api/activities.ts";
import type { ChildExecutions } from "../tasks/child-executions.ts";
import type { IntegrationRunner } from "../tasks/integration-runner.ts";
import { executionOfToken } from "../tasks/task-token.ts";
import type { TaskQueue } from "../ports/task-queue.ts";
import {
  CANCEL_TOPIC,
  TIMERS_QUEUE,
  taskQueueName,
  type IntegrationJob,
  type TaskJob,
} from "../tasks/task-messages.ts";
import { routeTask } from "../tasks/task-route.ts";
import { JobAdder, JobBatch } from "./job-batch.ts";
import type { OutboxCleaner } from "./outbox-cleaner.ts";

/** Listener for finished executions (SSE, parent executions, the event bus). */
export type CompletionListener = (
  executionArn: string,
  command: Extract<Command, { type: "CompleteExecution" }>,
) => void;

/** Timer job ids carry the due time, so a moved timer gets a new job and the old one is recognised as stale. */
export function timerJobId(executionArn: string, timer: string, dueAt: number): string {
  return `${executionArn}#${timer}#${dueAt}`;
}

/**
 * Carries out the commands of a committed advance: tasks to worker queues, timers to delayed jobs,
 * cancellations to workers. Every job id is deterministic, so the outbox relay can re-send after a crash.
 */
export class CommandDispatcher {
  private readonly listeners = new Set<CompletionListener>();
  private readonly adder: JobAdder;

  constructor(
    private readonly queue: TaskQueue,
    private readonly cleaner: OutboxCleaner,
    private readonly signal: (arn: string, signal: Signal) => Promise<unknown>,
    private readonly activities: ActivityTaskStore,
    private readonly children: ChildExecutions,
    private readonly integrations: IntegrationRunner,
    private readonly recordMapRun: (
      mapRunArn: string,
      executionArn: string,
      stateName: string,
    ) => Promise<void>,
  ) {
    this.adder = new JobAdder(queue);
  }

  onCompletion(listener: CompletionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * `meta.parentToken` marks a child execution whose parent waits for it (`.sync`); `replyTo` sends task
   * outcomes to a queue of one process (synchronous Express executions).
   */
  async dispatch(
    executionArn: string,
    commands: Command[],
    outboxIds: number[],
    meta: { parentToken?: string | undefined; replyTo?: string } = {},
  ): Promise<void> {
    // Worker tasks and timers are added in bulk at the end (or before a cancellation, which must not
    // overtake the add of the task it cancels).
    const jobs = new JobBatch(this.adder);
    for (const command of commands) {
      switch (command.type) {
        case "ScheduleTask": {
          const route = routeTask(command.resource, command.input);
          if (route.kind === "unsupported") {
            // Not awaited: we run inside this execution's advance, and the failure is its next advance.
            const failed: Signal = {
              type: "TaskFailed",
              token: command.token,
              error: "States.Runtime",
              cause: route.reason,
            };
            setImmediate(() => void this.signal(executionArn, failed).catch(() => undefined));
            break;
          }
          if (route.kind === "startExecution") {
            // Not awaited: starting the child (and, when async, answering the parent) are other advances.
            const { token } = command;
            setImmediate(
              () =>
                void this.children.start(executionArn, token, route.mode, route.input).catch(() => undefined),
            );
            break;
          }
          if (route.kind === "integration") {
            const job: IntegrationJob = {
              integration: route.integration,
              action: route.action,
              token: command.token,
              executionArn,
              stateName: command.stateName,
              callback: route.callback,
              input: route.input,
            };
            if (command.timeoutSeconds !== undefined) job.timeoutSeconds = command.timeoutSeconds;
            if (command.purpose !== undefined) job.purpose = command.purpose;
            if (meta.replyTo !== undefined) job.replyTo = meta.replyTo;
            if (this.integrations.has(route.integration)) await this.integrations.schedule(job);
            else await this.integrations.fail(job, "States.Runtime", unavailable(route.integration));
            break;
          }
          if (route.kind === "activity") {
            const { token, stateName } = command;
            await this.activities.schedule({
              executionArn,
              token,
              stateName,
              activityArn: route.activityArn,
              input: route.input,
            });
            break;
          }
          const job: TaskJob = {
            token: command.token,
            executionArn,
            stateName: command.stateName,
            handler: route.handler,
            resource: command.resource,
            // Handlers get plain numbers on every queue (BullMQ's JSON would print 1.0 as 1 anyway).
            input: plainNumbers(route.input),
            attempt: command.attempt,
          };
          if (command.heartbeatSeconds !== undefined) job.heartbeatSeconds = command.heartbeatSeconds;
          if (command.timeoutSeconds !== undefined) job.timeoutSeconds = command.timeoutSeconds;
          if (route.lambdaInvoke) job.lambdaInvoke = true;
          if (route.callback) job.callback = true;
          if (meta.replyTo !== undefined) job.replyTo = meta.replyTo;
          jobs.push(taskQueueName(route.handler), { id: command.token, data: job as never });
          break;
        }
        case "CancelTask": {
          await jobs.flush();
          const route = routeTask(command.resource, null);
          if (route.kind === "worker") await this.queue.remove(taskQueueName(route.handler), command.token);
          if (route.kind === "activity") await this.activities.cancel(command.token);
          if (route.kind === "startExecution") await this.children.cancel(command.token);
          if (route.kind === "integration") await this.integrations.cancel(route.integration, command.token);
          await this.queue.publish(CANCEL_TOPIC, { token: command.token });
          break;
        }
        case "StartTimer":
          jobs.push(TIMERS_QUEUE, {
            id: timerJobId(executionArn, command.timer, command.dueAt),
            data: { executionArn, timer: command.timer, dueAt: command.dueAt },
            delayMs: Math.max(0, command.dueAt - Date.now()),
          });
          break;
        case "RecordMapRun":
          // Synchronous Express executions are not stored, so neither are their Map Runs.
          if (meta.replyTo === undefined)
            await this.recordMapRun(command.mapRunArn, executionArn, command.stateName);
          break;
        case "CancelTimer":
          // The timer row is gone with the commit; its delayed job, if it fires, finds no row and does nothing.
          break;
        case "CompleteExecution": {
          for (const listener of this.listeners) listener(executionArn, command);
          const parentToken = meta.parentToken;
          if (parentToken !== undefined) {
            setImmediate(
              () =>
                void this.children
                  .finished(executionArn, parentToken, executionOfToken(parentToken))
                  .catch(() => undefined),
            );
          }
          break;
        }
      }
    }
    await jobs.flush();
    this.cleaner.add(outboxIds);
  }
}

/** Why a task of an integration no process here serves fails. */
function unavailable(name: string): string {
  return `The '${name}' integration is not available in this Stepflow engine (register it with engine.registerIntegration, e.g. by creating an event bus on this engine)`;
}
