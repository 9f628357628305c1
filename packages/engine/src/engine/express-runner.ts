import { randomUUID } from "node:crypto";
import {
  advance,
  startSnapshot,
  type Command,
  type Json,
  type MachineRegistry,
  type Signal,
  type Snapshot,
} from "@stepflow/asl";
import type { QueueConsumer, TaskQueue } from "../ports/task-queue.ts";
import type { TaskReport } from "../tasks/task-messages.ts";
import { executionEnv, type ExecutionIdentity } from "./execution-env.ts";
import { KeyedMutex } from "./keyed-mutex.ts";
import { executionOfToken } from "../tasks/task-token.ts";

/** An in-memory execution of a synchronous Express workflow. */
interface Live {
  machine: MachineRegistry;
  identity: ExecutionIdentity;
  snapshot: Snapshot;
  timers: Map<string, NodeJS.Timeout>;
  done: (snapshot: Snapshot) => void;
}

/** Sends a synchronous execution's tasks to workers, asking them to reply to this process. */
export type ExpressDispatch = (arn: string, commands: Command[], replyTo: string) => Promise<void>;

/**
 * Runs StartSyncExecution workflows in memory, as AWS runs Express workflows: no durable history, no
 * database writes, tasks still go to workers. Task outcomes come back on a queue of this process only
 * (`replyTo`, a stream), so a sync execution is always advanced by the process that holds it.
 */
export class ExpressRunner {
  private readonly live = new Map<string, Live>();
  private readonly mutex = new KeyedMutex();
  readonly replyQueue = `stepflow-express-${randomUUID()}`;
  private readonly consumer: QueueConsumer;

  constructor(
    queue: TaskQueue,
    private readonly dispatch: ExpressDispatch,
  ) {
    this.consumer = queue.consumeStream(
      this.replyQueue,
      async (entries) => {
        const applied: Promise<void>[] = [];
        for (const entry of entries) {
          const report = entry.data as unknown as TaskReport;
          const arn = this.ownerOf(report.token);
          if (arn) applied.push(this.signal(arn, report));
        }
        await Promise.all(applied);
      },
      { batch: 100, concurrency: 4 },
    );
  }

  /** Runs an execution to its end and resolves to its final snapshot. */
  run(machine: MachineRegistry, identity: ExecutionIdentity, input: Json): Promise<Snapshot> {
    return new Promise((resolve) => {
      const env = executionEnv(identity);
      const live: Live = {
        machine,
        identity,
        snapshot: startSnapshot(input, env),
        timers: new Map(),
        done: resolve,
      };
      this.live.set(identity.arn, live);
      void this.signal(identity.arn, { type: "ExecutionStarted", input });
    });
  }

  /** Applies a signal to a live execution; signals for executions not held here are dropped. */
  signal(arn: string, signal: Signal): Promise<void> {
    return this.mutex.run(arn, async () => {
      const live = this.live.get(arn);
      if (!live) return;
      const result = await advance(live.machine, live.snapshot, signal, executionEnv(live.identity));
      live.snapshot = result.snapshot;
      const tasks: Command[] = [];
      for (const command of result.commands) {
        if (command.type === "StartTimer") {
          clearTimeout(live.timers.get(command.timer));
          const timer = setTimeout(
            () => void this.signal(arn, { type: "TimerFired", timer: command.timer }),
            Math.max(0, command.dueAt - Date.now()),
          );
          live.timers.set(command.timer, timer);
        } else if (command.type === "CancelTimer") {
          clearTimeout(live.timers.get(command.timer));
          live.timers.delete(command.timer);
        } else if (command.type !== "CompleteExecution") {
          tasks.push(command);
        }
      }
      if (tasks.length > 0) await this.dispatch(arn, tasks, this.replyQueue);
      if (live.snapshot.status !== "RUNNING") {
        for (const timer of live.timers.values()) clearTimeout(timer);
        this.live.delete(arn);
        live.done(live.snapshot);
      }
    });
  }

  private ownerOf(token: string): string | undefined {
    try {
      const arn = executionOfToken(token);
      return this.live.has(arn) ? arn : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stops every live execution (ABORTED) and the reply consumer. */
  async close(): Promise<void> {
    await Promise.all(
      [...this.live.keys()].map((arn) =>
        this.signal(arn, { type: "StopRequested", error: "States.Runtime", cause: "The engine shut down" }),
      ),
    );
    await this.consumer.close();
  }
}
