import { StatesError, type Failure } from "../errors.ts";
import type { Json } from "../json.ts";
import type { ChildrenOptions, Outcome } from "../states/state-handler.ts";
import type { ChildrenProgress, Frame, KeptChild, Snapshot } from "./snapshot.ts";

/** What fan-out needs from the run it belongs to. */
export interface FanoutHost {
  readonly snapshot: Snapshot;
  emit(frame: Frame, type: string, details?: Record<string, Json>): number;
  /** Creates a child frame and queues it to start at its machine's StartAt. */
  spawn(machine: string, parent: { frame: string; index: number }, lastEventId: number, input: Json): void;
  /** Queues the parent to continue with an outcome. */
  resume(frame: Frame, step: () => Promise<Outcome>): void;
  /** Queues the parent state's handler for when every child has settled. */
  childrenDone(frame: Frame): void;
  /** Queues the parent state's handler for when the children failed beyond what it tolerates. */
  childrenFailed(frame: Frame, failure: Failure): void;
  abortChildren(parent: Frame): void;
}

/**
 * Parallel branches and Map iterations (ASL "Parallel State", "Map State"): starts children up to
 * MaxConcurrency, collects their outputs by index, applies the tolerated-failure thresholds, and fails the
 * parent (stopping the other children) on the first failure it cannot tolerate.
 */
export class Fanout {
  constructor(private readonly host: FanoutHost) {}

  start(frame: Frame, machineIds: (index: number) => string, count: number, options: ChildrenOptions): void {
    const machines =
      options.kind === "Map" ? [machineIds(0)] : Array.from({ length: count }, (_, i) => machineIds(i));
    frame.at.wait = {
      kind: "children",
      children: {
        kind: options.kind,
        machines,
        inputs: options.inputs,
        results: options.inputs.map(() => null),
        running: 0,
        nextIndex: 0,
        done: 0,
        failed: 0,
        maxConcurrency: options.maxConcurrency,
        toleratedFailureCount: options.toleratedFailureCount,
        toleratedFailurePercentage: options.toleratedFailurePercentage,
      },
    };
    if (frame.at.kept) keep(frame.at.wait.children, frame.at.kept);
    delete frame.at.kept;
    this.settled(frame);
  }

  /** A child frame ended successfully. */
  succeeded(child: Frame, output: Json): void {
    const parent = this.parentOf(child);
    if (!parent) return;
    const progress = parent.progress;
    const index = child.parent!.index;
    progress.results[index] = output;
    progress.done += 1;
    progress.running -= 1;
    if (progress.kind === "Map")
      this.host.emit(parent.frame, "MapIterationSucceeded", { name: parent.frame.at.name, index });
    this.settled(parent.frame);
  }

  /** A child frame failed: tolerated (Map thresholds), or the parent state fails. */
  failed(child: Frame, failure: Failure): void {
    const parent = this.parentOf(child);
    if (!parent) return;
    const { frame, progress } = parent;
    const index = child.parent!.index;
    progress.running -= 1;
    progress.failed += 1;
    const runtime = failure.error === StatesError.Runtime;
    if (progress.kind === "Map") {
      this.host.emit(frame, "MapIterationFailed", { name: frame.at.name, index });
      progress.results[index] = { Error: failure.error ?? null, Cause: failure.cause ?? null };
      if (tolerated(progress) && !runtime) {
        (progress.toleratedIndexes ??= []).push(index);
        return this.settled(frame);
      }
      progress.failedIndex = index;
    }
    const kept = this.keptChildren(frame, index);
    if (kept.length > 0) frame.at.kept = kept;
    this.host.abortChildren(frame);
    progress.running = 0;
    const hasThreshold = progress.toleratedFailureCount > 0 || progress.toleratedFailurePercentage > 0;
    const final: Failure =
      progress.kind === "Map" && hasThreshold && !runtime
        ? {
            error: StatesError.ExceedToleratedFailureThreshold,
            cause: "The specified tolerated failure threshold was exceeded",
          }
        : failure;
    this.host.emit(frame, `${progress.kind}StateFailed`);
    this.host.childrenFailed(frame, final);
  }

  /** Starts what concurrency allows; when every child has settled, hands over to the state's handler. */
  private settled(frame: Frame): void {
    if (frame.at.wait?.kind !== "children") return;
    const progress = frame.at.wait.children;
    const limit = progress.maxConcurrency > 0 ? progress.maxConcurrency : Infinity;
    const order = progress.order;
    const count = order?.length ?? progress.inputs.length;
    while (progress.running < limit && progress.nextIndex < count) {
      const position = progress.nextIndex++;
      const index = order ? order[position]! : position;
      const lastEventId =
        progress.kind === "Map"
          ? this.host.emit(frame, "MapIterationStarted", { name: frame.at.name, index })
          : frame.lastEventId;
      progress.running += 1;
      this.host.spawn(
        progress.machines[progress.kind === "Map" ? 0 : index]!,
        { frame: frame.id, index },
        lastEventId,
        progress.inputs[index]!,
      );
    }
    if (progress.done + progress.failed === progress.inputs.length) this.host.childrenDone(frame);
  }

  /**
   * The children of a Parallel/Map frame that have succeeded so far (not `failing`, not still running),
   * which a redrive keeps.
   */
  keptChildren(frame: Frame, failing?: number): KeptChild[] {
    if (frame.at.wait?.kind !== "children") return [];
    const unfinished = new Set<number>(failing === undefined ? [] : [failing]);
    for (const child of Object.values(this.host.snapshot.frames)) {
      if (child.parent?.frame === frame.id) unfinished.add(child.parent.index);
    }
    return succeededChildren(frame.at.wait.children, unfinished);
  }

  private parentOf(child: Frame): { frame: Frame; progress: ChildrenProgress } | undefined {
    const frame = child.parent ? this.host.snapshot.frames[child.parent.frame] : undefined;
    return frame?.at.wait?.kind === "children" ? { frame, progress: frame.at.wait.children } : undefined;
  }
}

function tolerated(progress: ChildrenProgress): boolean {
  if (progress.toleratedFailureCount > 0 && progress.failed <= progress.toleratedFailureCount) return true;
  return (
    progress.toleratedFailurePercentage > 0 &&
    (progress.failed * 100) / progress.inputs.length <= progress.toleratedFailurePercentage
  );
}

/** The children that had succeeded when their Parallel/Map state failed, with their outputs. */
function succeededChildren(progress: ChildrenProgress, unfinished: Set<number>): KeptChild[] {
  const { order, nextIndex, inputs, results } = progress;
  const notStarted = new Set(order?.slice(nextIndex));
  const tolerated = new Set(progress.toleratedIndexes);
  const kept: KeptChild[] = [];
  for (let index = 0; index < (order ? inputs.length : nextIndex); index++) {
    if (notStarted.has(index) || unfinished.has(index) || tolerated.has(index)) continue;
    kept.push([index, results[index] ?? null]);
  }
  return kept;
}

/** A redriven Parallel/Map state: kept children count as done; only the others run again. */
function keep(progress: ChildrenProgress, kept: KeptChild[]): void {
  const indexes = new Set<number>();
  for (const [index, output] of kept) {
    if (index >= progress.inputs.length) continue;
    progress.results[index] = output;
    indexes.add(index);
  }
  progress.done = indexes.size;
  progress.order = progress.inputs.map((_, index) => index).filter((index) => !indexes.has(index));
}
