import { type Json, type Signal, stringifyJson } from "@stepflow/asl";
import { checkName, type Arns } from "../arns.ts";
import { EngineError } from "../errors/engine-error.ts";
import type { SqlClient } from "../ports/sql-client.ts";
import type { TaskQueue } from "../ports/task-queue.ts";
import {
  CLAIM_ACTIVITY_TASK,
  INSERT_ACTIVITY,
  INSERT_ACTIVITY_TASK,
  LIST_ACTIVITIES,
  OLD_TAKEN_ACTIVITY_TASKS,
  RELEASE_ACTIVITY_TASK,
} from "./activity-sql.ts";
import { decodeToken, encodeToken, pageSize } from "./pagination.ts";
import { waitingTask, type SnapshotOf } from "../engine/waiting-task.ts";

/** An activity as DescribeActivity returns it. */
export interface ActivityDescription {
  activityArn: string;
  name: string;
  creationDate: Date;
}

/** What GetActivityTask answers: a task, or `{}` when none arrived in time. */
export interface ActivityTask {
  taskToken?: string;
  /** The task's input as JSON text. */
  input?: string;
}

/** Where the command dispatcher puts and removes the tasks of Task states on activities. */
export interface ActivityTaskStore {
  /** Stores a task for pollers; a task on an activity that does not exist fails with States.Runtime. */
  schedule(task: {
    executionArn: string;
    token: string;
    stateName: string;
    activityArn: string;
    input: Json;
  }): Promise<void>;
  /** Removes a task (its execution stopped, or it timed out); a worker that took it learns on SendTask*. */
  cancel(token: string): Promise<void>;
}

/** Tuning, mostly for tests. */
export interface ActivityOptions {
  /** How often a waiting poller looks again in case a wake-up message was lost (default 2 s). */
  recheckMs?: number;
  /** Taken tasks older than this whose execution no longer waits for them are forgotten (default 60 s). */
  purgeAfterSeconds?: number;
}

/** Applies a signal to an execution; resolves to whether it changed anything. */
type SignalFn = (executionArn: string, signal: Signal) => Promise<boolean>;

/** Longest GetActivityTask long poll, as on AWS. */
export const MAX_ACTIVITY_POLL_MS = 60_000;

const ACTIVITY_ARN = /^arn:aws[\w-]*:states:[\w-]*:\d*:activity:([^:]+)$/;
const PURGE_EVERY_MS = 30_000;

/** The pub/sub topic on which new tasks of an activity are announced to pollers in every engine process. */
export function activityTopic(activityArn: string): string {
  return `stepflow-activity:${activityArn}`;
}

/**
 * Activities: CreateActivity, DescribeActivity, DeleteActivity, ListActivities and the GetActivityTask long
 * poll (`api`), and the durable task store the command dispatcher writes to (`tasks`). Tasks live in
 * PostgreSQL; a poller sleeps until a task of its activity is announced on the queue's pub/sub (or a slow
 * re-check finds one), then claims it with SKIP LOCKED and records TaskStarted on the execution.
 * SendTaskSuccess/Failure/Heartbeat work on the token as for any task.
 *
 * @example
 * const { activityArn } = await engine.activities.create({ name: "approve" });
 * const task = await engine.activities.getActivityTask({ activityArn, workerName: "w1" });
 * if (task.taskToken) await engine.tasks.sendTaskSuccess({ taskToken: task.taskToken, output: "{}" });
 */
export function createActivities(
  sql: SqlClient,
  arns: Arns,
  queue: TaskQueue,
  signal: SignalFn,
  snapshotOf: SnapshotOf,
  options: ActivityOptions = {},
) {
  const recheckMs = options.recheckMs ?? 2_000;
  const purgeAfterSeconds = options.purgeAfterSeconds ?? 60;
  const waiters = new Waiters(queue);
  let lastPurge = 0;

  async function exists(
    activityArn: string,
  ): Promise<{ arn: string; name: string; created_at: Date | string }> {
    parseActivityArn(activityArn);
    const { rows } = await sql.query<{ arn: string; name: string; created_at: Date | string }>(
      "SELECT arn, name, created_at FROM activities WHERE arn = $1",
      [activityArn],
    );
    if (!rows[0]) throw new EngineError("ActivityDoesNotExist", `Activity Does Not Exist: '${activityArn}'`);
    return rows[0];
  }

  /** Claims the oldest pending task and records TaskStarted; skips (and drops) tasks no longer pending. */
  async function claim(
    activityArn: string,
    workerName: string | undefined,
  ): Promise<ActivityTask | undefined> {
    for (;;) {
      const { rows } = await sql.query<{ token: string; execution_arn: string; input: string }>(
        CLAIM_ACTIVITY_TASK,
        [activityArn, workerName ?? null],
      );
      const row = rows[0];
      if (!row) return undefined;
      const started: Signal = { type: "TaskStarted", token: row.token };
      if (workerName !== undefined) started.workerName = workerName;
      let pending: boolean;
      try {
        pending = await signal(row.execution_arn, started);
      } catch (error) {
        if (!(error instanceof EngineError && error.code === "ExecutionDoesNotExist")) {
          // Nobody has the task yet: put it back for the next poller rather than losing it.
          await sql.query(RELEASE_ACTIVITY_TASK, [row.token]).catch(() => undefined);
          throw error;
        }
        pending = false;
      }
      if (pending) return { taskToken: row.token, input: row.input };
      // The execution no longer waits for it (stopped, timed out, answered): a leftover row.
      await sql.query("DELETE FROM activity_tasks WHERE token = $1", [row.token]);
    }
  }

  async function purge(): Promise<void> {
    if (Date.now() - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = Date.now();
    const { rows } = await sql.query<{ token: string; execution_arn: string }>(OLD_TAKEN_ACTIVITY_TASKS, [
      purgeAfterSeconds,
      500,
    ]);
    const done: string[] = [];
    for (const row of rows) {
      if (!(await waitingTask(snapshotOf, row.execution_arn, row.token))) done.push(row.token);
    }
    if (done.length > 0) await sql.query("DELETE FROM activity_tasks WHERE token = ANY ($1::text[])", [done]);
  }

  const tasks: ActivityTaskStore = {
    async schedule(task) {
      const { rows } = await sql.query<{ activity_exists: boolean; inserted: boolean }>(
        INSERT_ACTIVITY_TASK,
        [task.token, task.activityArn, task.executionArn, stringifyJson(task.input)],
      );
      const row = rows[0]!;
      if (!row.activity_exists) {
        // As on AWS: a Task on a missing activity fails the execution with States.Runtime (which no Catch
        // matches). Not awaited: we run inside this execution's advance, and the failure is its next one.
        const failed: Signal = {
          type: "TaskFailed",
          token: task.token,
          error: "States.Runtime",
          cause: `An error occurred while executing the state '${task.stateName}'. The activity ${task.activityArn} does not exist.`,
        };
        setImmediate(() => void signal(task.executionArn, failed).catch(() => undefined));
        return;
      }
      if (row.inserted) await queue.publish(activityTopic(task.activityArn), { token: task.token });
    },

    async cancel(token) {
      await sql.query("DELETE FROM activity_tasks WHERE token = $1", [token]);
    },
  };

  const api = {
    /** CreateActivity: idempotent on the name (tags of a repeated request are ignored, as on AWS). */
    async create(input: {
      name: string;
      tags?: readonly { key: string; value: string }[];
    }): Promise<{ activityArn: string; creationDate: Date }> {
      checkName(input.name, "activity");
      const arn = arns.activity(input.name);
      return sql.transaction(async (tx) => {
        const { rows } = await tx.query<{ created_at: Date | string }>(INSERT_ACTIVITY, [arn, input.name]);
        if (rows[0]) {
          for (const tag of input.tags ?? [])
            await tx.query(
              "INSERT INTO tags (resource_arn, key, value) VALUES ($1, $2, $3) ON CONFLICT (resource_arn, key) DO UPDATE SET value = EXCLUDED.value",
              [arn, tag.key, tag.value],
            );
          return { activityArn: arn, creationDate: new Date(rows[0].created_at) };
        }
        const existing = await tx.query<{ created_at: Date | string }>(
          "SELECT created_at FROM activities WHERE arn = $1",
          [arn],
        );
        return { activityArn: arn, creationDate: new Date(existing.rows[0]!.created_at) };
      });
    },

    /** DescribeActivity. */
    async describe(activityArn: string): Promise<ActivityDescription> {
      const row = await exists(activityArn);
      return { activityArn: row.arn, name: row.name, creationDate: new Date(row.created_at) };
    },

    /**
     * DeleteActivity: succeeds for an activity that does not exist. Tasks already scheduled on it stay
     * until their execution stops or times out; they are handed out again if the activity is re-created.
     */
    async delete(activityArn: string): Promise<void> {
      parseActivityArn(activityArn);
      await sql.transaction(async (tx) => {
        await tx.query("DELETE FROM activities WHERE arn = $1", [activityArn]);
        await tx.query("DELETE FROM tags WHERE resource_arn = $1", [activityArn]);
      });
    },

    /** ListActivities, by name. */
    async list(input: { maxResults?: number; nextToken?: string } = {}) {
      const limit = pageSize(input.maxResults);
      const after = decodeToken<string>(input.nextToken) ?? "";
      const { rows } = await sql.query<{ arn: string; name: string; created_at: Date | string }>(
        LIST_ACTIVITIES,
        [after, limit + 1],
      );
      const page = rows.slice(0, limit);
      const result: { activities: ActivityDescription[]; nextToken?: string } = {
        activities: page.map((r) => ({
          activityArn: r.arn,
          name: r.name,
          creationDate: new Date(r.created_at),
        })),
      };
      if (rows.length > limit) result.nextToken = encodeToken(page.at(-1)!.name);
      return result;
    },

    /**
     * GetActivityTask: waits up to `waitMs` (default and maximum 60 s, as on AWS) for a task of the activity
     * and answers `{ taskToken, input }`, or `{}` when none arrived, when `signal` aborts (the client went
     * away) or when the API is closed. Taking a task records TaskStarted (with `workerName`) in its history.
     */
    async getActivityTask(
      input: { activityArn: string; workerName?: string },
      call: { waitMs?: number; signal?: AbortSignal } = {},
    ): Promise<ActivityTask> {
      if (input.workerName !== undefined && (input.workerName.length < 1 || input.workerName.length > 80)) {
        throw new EngineError(
          "ValidationException",
          `1 validation error detected: Value '${input.workerName}' at 'workerName' failed to satisfy constraint: Member must have length between 1 and 80`,
        );
      }
      await exists(input.activityArn);
      const waitMs = Math.min(Math.max(call.waitMs ?? MAX_ACTIVITY_POLL_MS, 0), MAX_ACTIVITY_POLL_MS);
      const deadline = Date.now() + waitMs;
      await purge().catch(() => undefined);
      const poller = await waiters.join(input.activityArn);
      try {
        for (;;) {
          if (call.signal?.aborted || waiters.closed) return {};
          const task = await claim(input.activityArn, input.workerName);
          if (task) return task;
          const left = deadline - Date.now();
          if (left <= 0) return {};
          await poller.sleep(Math.min(left, recheckMs), call.signal);
        }
      } finally {
        poller.leave();
      }
    },

    /** Ends every long poll in flight with `{}` and stops listening for task announcements. */
    close: () => waiters.close(),
  };

  return { api, tasks };
}

/** The activity API the engine exposes. */
export type ActivityApi = ReturnType<typeof createActivities>["api"];

function parseActivityArn(arn: string): string {
  const match = ACTIVITY_ARN.exec(arn);
  if (!match) throw new EngineError("InvalidArn", `Invalid Arn: '${arn}' is not an activity ARN`);
  return match[1]!;
}

/** The pollers of one activity in this process. */
interface Waiting {
  sleepers: Set<() => void>;
  pollers: number;
  /** Announcements that arrived while no poller slept: that many sleeps return at once. */
  wakes: number;
}

/**
 * Parks pollers until a task of their activity is announced. Each announcement wakes one sleeping poller
 * (a wake-up that finds everyone busy claiming is kept, so the next one to sleep claims again instead);
 * a poller that loses the race to another process just sleeps again.
 */
class Waiters {
  private readonly byArn = new Map<string, Waiting>();
  private readonly subscriptions = new Map<string, Promise<(() => Promise<void>) | undefined>>();
  closed = false;

  constructor(private readonly queue: TaskQueue) {}

  async join(activityArn: string) {
    let waiting = this.byArn.get(activityArn);
    if (!waiting) this.byArn.set(activityArn, (waiting = { sleepers: new Set(), pollers: 0, wakes: 0 }));
    waiting.pollers += 1;
    const entry = waiting;
    // One subscription per activity for the life of the process: pollers come and go every minute, and
    // re-subscribing for each would cost a round trip and open a window for missed announcements.
    let subscribed = this.subscriptions.get(activityArn);
    if (!subscribed) {
      subscribed = this.queue
        .subscribe(activityTopic(activityArn), () => this.wake(activityArn))
        .catch(() => {
          // The re-check still finds tasks; try to subscribe again with the next poller.
          this.subscriptions.delete(activityArn);
          return undefined;
        });
      this.subscriptions.set(activityArn, subscribed);
    }
    await subscribed;
    return {
      sleep: (ms: number, signal: AbortSignal | undefined) => this.sleep(entry, ms, signal),
      leave: () => {
        entry.pollers -= 1;
        if (entry.pollers === 0 && this.byArn.get(activityArn) === entry) this.byArn.delete(activityArn);
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.byArn.values()) for (const wake of [...waiting.sleepers]) wake();
    const subscriptions = [...this.subscriptions.values()];
    this.subscriptions.clear();
    for (const subscribed of subscriptions) await (await subscribed)?.().catch(() => undefined);
  }

  private wake(activityArn: string): void {
    const waiting = this.byArn.get(activityArn);
    if (!waiting) return;
    const [first] = waiting.sleepers;
    if (first) first();
    else waiting.wakes = Math.min(waiting.wakes + 1, waiting.pollers);
  }

  private sleep(waiting: Waiting, ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (waiting.wakes > 0) {
      waiting.wakes -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        waiting.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener("abort", done);
      waiting.sleepers.add(done);
    });
  }
}
