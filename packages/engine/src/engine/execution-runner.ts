import {
  advance,
  startSnapshot,
  type AdvanceResult,
  type Command,
  type Json,
  type Signal,
  type Snapshot,
} from "@stepflow/asl";
import { EngineError } from "../errors/engine-error.ts";
import type { SqlClient } from "../ports/sql-client.ts";
import { commitPlan } from "../store/commit-plan.ts";
import { COMMIT_ADVANCE, INSERT_EXECUTION, LOAD_EXECUTION_STATE } from "../store/execution-sql.ts";
import { executionEnv, type ExecutionIdentity } from "./execution-env.ts";
import { KeyedMutex } from "./keyed-mutex.ts";
import type { MachineCache } from "./machine-cache.ts";

/** An execution as the runner holds it between advances. */
interface Loaded extends ExecutionIdentity {
  parentToken: string | undefined;
  snapshot: Snapshot;
  version: number;
  definitionHash: string;
  definition: string;
}

/** What starting an execution needs. */
export interface StartRequest extends ExecutionIdentity {
  type: "STANDARD" | "EXPRESS";
  definitionHash: string;
  definition: string;
  input: Json;
  inputText: string;
  versionArn?: string | undefined;
  aliasArn?: string | undefined;
  parentToken?: string | undefined;
  traceHeader?: string | undefined;
}

/** Hands committed commands to the queue; `outboxIds` are the rows to delete once sent. */
export type Dispatch = (
  executionArn: string,
  commands: Command[],
  outboxIds: number[],
  meta: { parentToken?: string | undefined },
) => Promise<void>;

/** A signal waiting for the next advance of its execution. */
interface PendingSignal {
  signal: Signal;
  fired: string | undefined;
  resolve(applied: boolean): void;
  reject(error: unknown): void;
}

const MAX_CACHED = 20_000;
const MAX_CONFLICTS = 50;

/**
 * Applies signals to executions durably: load (or reuse the cached snapshot), `advance`, then one SQL
 * statement that writes the row (guarded by its version), the history, the outbox and the timers. On a
 * version conflict (another engine process advanced it first) it reloads and tries again.
 */
export class ExecutionRunner {
  private readonly cache = new Map<string, Loaded>();
  private readonly mutex = new KeyedMutex();
  private readonly pending = new Map<string, PendingSignal[]>();

  constructor(
    private readonly sql: SqlClient,
    private readonly machines: MachineCache,
    private readonly dispatch: Dispatch,
  ) {}

  /**
   * Creates an execution and runs it to its first durable point; resolves once that is committed, with its
   * start time, or undefined when the name is taken.
   */
  async start(request: StartRequest): Promise<{ startTime: number } | undefined> {
    const machine = this.machines.get(request.definitionHash, request.definition);
    const env = executionEnv(request);
    const snapshot = startSnapshot(request.input, env);
    const result = await advance(machine, snapshot, { type: "ExecutionStarted", input: request.input }, env);
    const plan = commitPlan(result);
    const s = result.snapshot;
    const { rows } = await this.sql.query<{ inserted: boolean; outbox_ids: (number | string)[] }>(
      INSERT_EXECUTION,
      [
        request.arn,
        request.machineArn,
        request.versionArn ?? null,
        request.aliasArn ?? null,
        request.definitionHash,
        request.name,
        request.type,
        s.status,
        request.inputText,
        outputText(s),
        s.failure?.error ?? null,
        s.failure?.cause ?? null,
        JSON.stringify(s),
        s.startTime,
        plan.events,
        plan.commands,
        plan.timersSet,
        request.parentToken ?? null,
        request.traceHeader ?? null,
        request.roleArn,
      ],
    );
    const row = rows[0]!;
    if (!row.inserted) return undefined;
    this.remember({ ...request, parentToken: request.parentToken, snapshot: s, version: 1 });
    // Not awaited: the caller needs only the commit; the outbox re-sends whatever a crash interrupts here.
    void this.dispatch(request.arn, plan.commandList, row.outbox_ids.map(Number), {
      parentToken: request.parentToken,
    }).catch(() => undefined);
    return { startTime: s.startTime };
  }

  /**
   * Applies a signal. Signals that no longer apply (finished execution, unknown token) change nothing.
   * `fired` names the timer whose firing this is, so its row is removed. Resolves to whether the signal
   * changed the execution.
   *
   * Signals that arrive for an execution while one of its advances is committing are applied together in
   * the next one: 64 task results in flight cost one commit, not 64 (a wide Map would otherwise rewrite
   * its snapshot once per item).
   */
  signal(arn: string, signal: Signal, fired?: string): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      const waiting = this.pending.get(arn);
      const item: PendingSignal = { signal, fired, resolve, reject };
      if (waiting) {
        waiting.push(item);
        return;
      }
      this.pending.set(arn, [item]);
      void this.mutex.run(arn, () => this.drain(arn));
    });
  }

  private async drain(arn: string): Promise<void> {
    for (;;) {
      const batch = this.pending.get(arn) ?? [];
      if (batch.length === 0) {
        this.pending.delete(arn);
        return;
      }
      this.pending.set(arn, []);
      try {
        const applied = await this.applyBatch(arn, batch);
        batch.forEach((item, i) => item.resolve(applied[i] ?? false));
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
  }

  /** Advances once per signal in memory, then commits them all with one statement. */
  private async applyBatch(arn: string, batch: readonly PendingSignal[]): Promise<boolean[]> {
    const fired = batch.flatMap((item) => (item.fired === undefined ? [] : [item.fired]));
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      const execution = this.cache.get(arn) ?? (await this.load(arn));
      const machine = this.machines.get(execution.definitionHash, execution.definition);
      // advance takes the snapshot over; if anything below fails, the cached copy is no longer trustworthy.
      this.cache.delete(arn);
      const env = executionEnv(execution);
      const events: AdvanceResult["events"] = [];
      const commands: Command[] = [];
      const applied: boolean[] = [];
      let s = execution.snapshot;
      for (const item of batch) {
        const result = await advance(machine, s, item.signal, env);
        s = result.snapshot;
        applied.push(result.events.length > 0 || result.commands.length > 0);
        events.push(...result.events);
        commands.push(...result.commands);
      }
      execution.snapshot = s;
      if (events.length === 0 && commands.length === 0) {
        this.remember(execution);
        if (fired.length > 0) {
          await this.sql.query("DELETE FROM timers WHERE execution_arn = $1 AND timer = ANY ($2::text[])", [
            arn,
            fired,
          ]);
        }
        return applied;
      }
      const plan = commitPlan({ events, commands }, fired);
      const { rows } = await this.sql.query<{ updated: boolean; outbox_ids: (number | string)[] }>(
        COMMIT_ADVANCE,
        [
          arn,
          execution.version,
          JSON.stringify(s),
          s.status,
          outputText(s),
          s.failure?.error ?? null,
          s.failure?.cause ?? null,
          plan.events,
          plan.commands,
          plan.timersSet,
          plan.timersCleared,
          s.redrive?.count ?? 0,
        ],
      );
      const row = rows[0]!;
      // On a version conflict another process advanced it since we read it: our advances are void; reload.
      if (!row.updated) continue;
      execution.version += 1;
      this.remember(execution);
      await this.dispatch(arn, plan.commandList, row.outbox_ids.map(Number), {
        parentToken: execution.parentToken,
      });
      return applied;
    }
    throw new EngineError("ConflictException", `Execution ${arn} is being advanced concurrently; try again`);
  }

  /** The current snapshot of an execution (from the cache or the database). */
  snapshot(arn: string): Promise<Snapshot> {
    return this.mutex.run(arn, async () => (this.cache.get(arn) ?? (await this.load(arn))).snapshot);
  }

  /** Forgets cached snapshots (tests, and after the database was restored). */
  forget(): void {
    this.cache.clear();
  }

  /**
   * Whether the task of `token` has its TaskStarted in history already. A task redelivered to a worker
   * (its first worker died) is reported started again, and AWS records one TaskStarted per task. While a
   * frame waits for a task, its last event is that task's TaskScheduled or TaskStarted.
   */
  private async load(arn: string): Promise<Loaded> {
    const { rows } = await this.sql.query<{
      snapshot: Snapshot | string;
      version: number;
      definition_hash: string;
      definition: string;
      name: string;
      role_arn: string;
      state_machine_arn: string;
      parent_token: string | null;
    }>(LOAD_EXECUTION_STATE, [arn]);
    const row = rows[0];
    if (!row) throw new EngineError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
    const loaded: Loaded = {
      arn,
      name: row.name,
      roleArn: row.role_arn,
      machineArn: row.state_machine_arn,
      machineName: row.state_machine_arn.slice(row.state_machine_arn.lastIndexOf(":") + 1),
      snapshot: typeof row.snapshot === "string" ? (JSON.parse(row.snapshot) as Snapshot) : row.snapshot,
      version: Number(row.version),
      definitionHash: row.definition_hash,
      definition: row.definition,
      parentToken: row.parent_token ?? undefined,
    };
    this.remember(loaded);
    return loaded;
  }

  private remember(execution: Loaded): void {
    this.cache.delete(execution.arn);
    if (execution.snapshot.status !== "RUNNING") return;
    this.cache.set(execution.arn, execution);
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
  }
}

function outputText(s: Snapshot): string | null {
  return s.status === "SUCCEEDED" ? JSON.stringify(s.output ?? null) : null;
}
