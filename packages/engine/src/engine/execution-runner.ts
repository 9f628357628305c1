import {
  advance,
  type AdvanceResult,
  type Command,
  type Json,
  parseJson,
  type Signal,
  type Snapshot,
  startSnapshot,
  readSnapshot,
  snapshotText as storedSnapshotText,
  stringifyJson,
} from "@stepflow/asl";
import { EngineError } from "../errors/engine-error.ts";
import type { SqlClient } from "../ports/sql-client.ts";
import { commitPlan } from "../store/commit-plan.ts";
import { StartBatcher } from "../store/start-batcher.ts";
import { AdvanceBatcher } from "../store/advance-batcher.ts";
import { LOAD_EXECUTION_STATE } from "../store/execution-sql.ts";
import {
  concatDraws,
  JournalMismatch,
  emptyEntry,
  recordingEnv,
  replayEnv,
  type JournalEntry,
} from "../store/journal.ts";
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
  /** Size of the stored checkpoint, and of the journal written since (JSON text). */
  checkpointBytes: number;
  journalBytes: number;
  /**
   * Signals applied since the last commit that wrote nothing (no events, no commands). They go into the next
   * journal entry, so a replay sees every signal the cached snapshot saw.
   */
  unwritten: JournalEntry;
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

/** How the runner stores snapshots. */
export interface RunnerOptions {
  /**
   * Executions whose checkpoint is at least this many bytes of JSON are journaled: an advance appends its
   * signals instead of rewriting the snapshot, until the journal is as large as the checkpoint (so a load
   * replays at most about one snapshot's worth). Smaller ones are rewritten whole. Default 32 KiB.
   */
  journalFromBytes?: number;
  /** false: read the execution back from the database before every advance (tests of the journal). */
  cacheSnapshots?: boolean;
}

/**
 * Applies signals to executions durably: load (or reuse the cached snapshot), `advance`, then one SQL
 * statement that writes the row (guarded by its version), the history, the outbox and the timers. On a
 * version conflict (another engine process advanced it first) it reloads and tries again.
 *
 * A large snapshot (a Map with thousands of iterations) is not rewritten by every advance, which would make
 * a wide Map quadratic: the advance's signals and the env answers they used are appended to a journal
 * instead, and loading replays them on the last checkpoint (`advance` is deterministic given its env).
 */
export class ExecutionRunner {
  private readonly cache = new Map<string, Loaded>();
  private readonly mutex = new KeyedMutex();
  private readonly pending = new Map<string, PendingSignal[]>();
  private readonly starts: StartBatcher;
  private readonly commits: AdvanceBatcher;

  private readonly journalFromBytes: number;
  private readonly cacheSnapshots: boolean;

  constructor(
    private readonly sql: SqlClient,
    private readonly machines: MachineCache,
    private readonly dispatch: Dispatch,
    options: RunnerOptions = {},
  ) {
    this.journalFromBytes = options.journalFromBytes ?? 32 * 1024;
    this.cacheSnapshots = options.cacheSnapshots ?? true;
    this.starts = new StartBatcher(sql);
    this.commits = new AdvanceBatcher(sql);
  }

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
    const snapshotText = storedSnapshotText(s);
    const row = await this.starts.insert({
      arn: request.arn,
      machineArn: request.machineArn,
      versionArn: request.versionArn ?? null,
      aliasArn: request.aliasArn ?? null,
      definitionHash: request.definitionHash,
      name: request.name,
      type: request.type,
      status: s.status,
      input: request.inputText,
      output: outputText(s),
      error: s.failure?.error ?? null,
      cause: s.failure?.cause ?? null,
      snapshot: snapshotText,
      startMs: s.startTime,
      parentToken: request.parentToken ?? null,
      traceHeader: request.traceHeader ?? null,
      roleArn: request.roleArn,
      firstEventId: plan.firstEventId,
      lastEventId: plan.lastEventId,
      events: plan.events,
      timers: plan.timersToSet,
      commands: plan.commands,
    });
    if (!row.inserted) return undefined;
    this.remember({
      ...request,
      parentToken: request.parentToken,
      snapshot: s,
      version: 1,
      checkpointBytes: snapshotText.length,
      journalBytes: 0,
      unwritten: emptyEntry(),
    });
    // Not awaited: the caller needs only the commit; the outbox re-sends whatever a crash interrupts here.
    void this.dispatch(request.arn, plan.commandList, row.outboxIds, {
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

  /**
   * Advances once per signal in memory, then commits them all as one row of a batched statement (shared with
   * other executions' advances committing at the same time).
   */
  private async applyBatch(arn: string, batch: readonly PendingSignal[]): Promise<boolean[]> {
    const fired = batch.flatMap((item) => (item.fired === undefined ? [] : [item.fired]));
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      const execution = this.cache.get(arn) ?? (await this.load(arn));
      const machine = this.machines.get(execution.definitionHash, execution.definition);
      // advance takes the snapshot over; if anything below fails, the cached copy is no longer trustworthy.
      this.cache.delete(arn);
      const recorder = recordingEnv(executionEnv(execution));
      const events: AdvanceResult["events"] = [];
      const commands: Command[] = [];
      const applied: boolean[] = [];
      let s = execution.snapshot;
      for (const item of batch) {
        const result = await advance(machine, s, item.signal, recorder.env);
        s = result.snapshot;
        applied.push(result.events.length > 0 || result.commands.length > 0);
        events.push(...result.events);
        commands.push(...result.commands);
      }
      execution.snapshot = s;
      // Below the journal size every commit is a checkpoint, which holds whatever the signals did.
      const entry: JournalEntry | undefined =
        execution.checkpointBytes >= this.journalFromBytes
          ? {
              signals: [...execution.unwritten.signals, ...batch.map((item) => item.signal)],
              draws: concatDraws(execution.unwritten.draws, recorder.draws),
            }
          : undefined;
      if (events.length === 0 && commands.length === 0) {
        if (entry) execution.unwritten = entry;
        this.remember(execution);
        if (fired.length > 0) {
          await this.sql.query("DELETE FROM timers WHERE execution_arn = $1 AND timer = ANY ($2::text[])", [
            arn,
            fired,
          ]);
        }
        return applied;
      }
      const stored = this.storedForm(execution, entry);
      const plan = commitPlan({ events, commands }, fired);
      const row = await this.commits.commit({
        arn,
        expectedVersion: execution.version,
        journaled: stored.journaled,
        stored: stored.text,
        status: s.status,
        output: outputText(s),
        error: s.failure?.error ?? null,
        cause: s.failure?.cause ?? null,
        events: plan.events,
        firstEventId: plan.firstEventId,
        lastEventId: plan.lastEventId,
        redriveCount: s.redrive?.count ?? 0,
        timersSet: plan.timersToSet,
        timersCleared: plan.timersCleared,
        commands: plan.commands,
      });
      // On a version conflict another process advanced it since we read it: our advances are void; reload.
      if (!row.updated) continue;
      execution.version += 1;
      if (stored.journaled) execution.journalBytes += stored.text.length;
      else Object.assign(execution, { checkpointBytes: stored.text.length, journalBytes: 0 });
      execution.unwritten = emptyEntry();
      this.remember(execution);
      await this.dispatch(arn, plan.commandList, row.outboxIds, {
        parentToken: execution.parentToken,
      });
      return applied;
    }
    throw new EngineError("ConflictException", `Execution ${arn} is being advanced concurrently; try again`);
  }

  /**
   * What the commit writes: a journal entry while the execution is large, running, and its journal is still
   * smaller than its checkpoint; otherwise the whole snapshot, as a new checkpoint.
   */
  private storedForm(
    execution: Loaded,
    entry: JournalEntry | undefined,
  ): { journaled: boolean; text: string } {
    if (entry && execution.snapshot.status === "RUNNING") {
      const text = stringifyJson(entry)!;
      if (execution.journalBytes + text.length <= execution.checkpointBytes) return { journaled: true, text };
    }
    return { journaled: false, text: storedSnapshotText(execution.snapshot) };
  }

  /** The current snapshot of an execution (from the cache or the database). */
  snapshot(arn: string): Promise<Snapshot> {
    return this.mutex.run(arn, async () => (this.cache.get(arn) ?? (await this.load(arn))).snapshot);
  }

  /** Forgets cached snapshots (tests, and after the database was restored). */
  forget(): void {
    this.cache.clear();
  }

  /** Reads an execution's checkpoint and replays the journal written after it. */
  private async load(arn: string): Promise<Loaded> {
    const { rows } = await this.sql.query<{
      snapshot: string;
      version: number;
      snapshot_version: number;
      journal: string[];
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
      // A checkpoint an earlier version wrote may hold older shapes: converted before any replay.
      snapshot: readSnapshot(row.snapshot),
      version: Number(row.version),
      definitionHash: row.definition_hash,
      definition: row.definition,
      parentToken: row.parent_token ?? undefined,
      checkpointBytes: row.snapshot.length,
      journalBytes: 0,
      unwritten: emptyEntry(),
    };
    if (row.journal.length !== loaded.version - Number(row.snapshot_version)) {
      throw new JournalMismatch(
        `${arn}: version ${loaded.version}, checkpoint at ${row.snapshot_version}, ${row.journal.length} journal entries`,
      );
    }
    const machine = this.machines.get(loaded.definitionHash, loaded.definition);
    for (const text of row.journal) {
      const entry = parseJson(text) as unknown as JournalEntry;
      const replay = replayEnv(executionEnv(loaded), entry.draws);
      for (const signal of entry.signals) {
        loaded.snapshot = (await advance(machine, loaded.snapshot, signal, replay.env)).snapshot;
      }
      replay.assertUsedUp();
      loaded.journalBytes += text.length;
    }
    this.remember(loaded);
    return loaded;
  }

  /**
   * Keeps a running execution's snapshot for its next signal, unless all it waits for is Wait states: those
   * usually wait long (10,000 executions in a one-hour Wait would otherwise hold ~50 MB), and the timer's
   * firing reads the execution back at the cost of one query.
   */
  private remember(execution: Loaded): void {
    this.cache.delete(execution.arn);
    if (execution.snapshot.status !== "RUNNING" || !this.cacheSnapshots) return;
    // A large execution is always kept: reloading replays its journal, and looking through its thousands of
    // frames after every advance cost a wide Map more than its commits.
    if (execution.checkpointBytes < this.journalFromBytes && onlyInWaitStates(execution.snapshot)) return;
    this.cache.set(execution.arn, execution);
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** Whether every running frame waits on a Wait state's timer (or on child frames that do). */
function onlyInWaitStates(s: Snapshot): boolean {
  let waiting = false;
  for (const frame of Object.values(s.frames)) {
    const wait = frame.at.wait;
    if (wait?.kind === "children") continue;
    if (wait?.kind !== "timer" || wait.purpose !== "wait") return false;
    waiting = true;
  }
  return waiting;
}

function outputText(s: Snapshot): string | null {
  return s.status === "SUCCEEDED" ? stringifyJson(s.output ?? null)! : null;
}
