import { randomUUID } from "node:crypto";
import type { Command } from "@stepflow/asl";
import type { SqlClient } from "../ports/sql-client.ts";
import type { TaskQueue } from "../ports/task-queue.ts";
import { integrationQueueName, taskQueueName } from "../tasks/task-messages.ts";
import { routeTask } from "../tasks/task-route.ts";
import { waitingTasks, type SnapshotOf } from "./waiting-task.ts";

const SENTINEL_QUEUE = "stepflow-sentinel";
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;
const PAGE = 500;

/** A page of running executions: $2 of them after ARN $1, in ARN order (index executions_running). */
export const RUNNING_PAGE =
  "SELECT arn FROM executions WHERE status = 'RUNNING' AND arn > $1 ORDER BY arn LIMIT $2";

/**
 * Notices that the queue lost its contents (Redis emptied or replaced) and rebuilds it from PostgreSQL:
 * every pending task is sent again and every timer gets its delayed job back. A far-future sentinel job
 * marks a queue that still holds what we put there. Re-sending is safe: job ids are the task tokens, and
 * results for tokens no longer pending are ignored.
 */
export class QueueRecovery {
  private readonly sentinel = `epoch-${randomUUID()}`;

  constructor(
    private readonly sql: SqlClient,
    private readonly queue: TaskQueue,
    private readonly dispatch: (arn: string, commands: Command[]) => Promise<void>,
    private readonly snapshotOf: SnapshotOf,
  ) {}

  /** Marks the queue as holding this engine's work. */
  async mark(): Promise<void> {
    await this.queue.add(SENTINEL_QUEUE, { id: this.sentinel, data: null, delayMs: TEN_YEARS_MS });
  }

  /** Rebuilds when the sentinel is gone; resolves to whether it did. */
  async check(): Promise<boolean> {
    const counts = await this.queue.counts(SENTINEL_QUEUE);
    if (counts.delayed + counts.waiting > 0) return false;
    await this.mark();
    await this.rebuild();
    return true;
  }

  /** Sends every pending task and timer of every running execution again. */
  async rebuild(): Promise<void> {
    let after = "";
    for (;;) {
      const { rows } = await this.sql.query<{ arn: string }>(RUNNING_PAGE, [after, PAGE]);
      for (const row of rows) {
        const snapshot = await this.snapshotOf(row.arn);
        const tasks = snapshot.status === "RUNNING" ? waitingTasks(snapshot) : [];
        // A partial loss can leave a job's data behind without its place in the queue; adding the same id
        // would then be taken for a duplicate. Remove what is left of it first (a running job stays).
        for (const task of tasks) {
          const route = routeTask(task.resource, task.input);
          if (route.kind === "worker") await this.queue.remove(taskQueueName(route.handler), task.token);
          if (route.kind === "integration") {
            await this.queue.remove(integrationQueueName(route.integration), task.token);
          }
        }
        if (tasks.length > 0) await this.dispatch(row.arn, tasks);
      }
      if (rows.length < PAGE) break;
      after = rows.at(-1)!.arn;
    }
    let cursor: [string, string] = ["", ""];
    for (;;) {
      const { rows } = await this.sql.query<{ execution_arn: string; timer: string; due_ms: number }>(
        `SELECT execution_arn, timer, (extract(epoch from due_at) * 1000)::float8 AS due_ms FROM timers
          WHERE (execution_arn, timer) > ($1, $2) ORDER BY execution_arn, timer LIMIT $3`,
        [cursor[0], cursor[1], PAGE],
      );
      for (const row of rows) {
        await this.dispatch(row.execution_arn, [{ type: "StartTimer", timer: row.timer, dueAt: row.due_ms }]);
      }
      if (rows.length < PAGE) break;
      cursor = [rows.at(-1)!.execution_arn, rows.at(-1)!.timer];
    }
  }
}
