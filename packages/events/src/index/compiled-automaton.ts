import type { AutomatonState } from "./automaton-state.ts";
import type { EventFields } from "./event-fields.ts";
import { LeafKind, type EventLeaf } from "./event-leaf.ts";
import { CompiledField } from "./compiled-field.ts";
import { CheckOp, passes, type LeafCheck } from "./leaf-check.ts";
import type { SharedValues } from "./shared-values.ts";

/** What reporting a payload needs, kept with the automaton so that most matches read no payload object. */
export type PayloadInfo = {
  /** Reported in this order (ascending). */
  readonly order: number;
  /** What is reported. */
  readonly label: string;
  /** Whether the payload can be reported from its label and order alone when no leaf sits in an array. */
  readonly plain: boolean;
};

/*
 * Layout, in 32-bit slots of one Int32Array. A state's record: its stamp, its shape (payload count × 16 +
 * check count, or INDEXED_SHAPE for a state looking its conditions up, followed by their id); then its
 * payloads, PAYLOAD_SLOTS each: number × 2 + plain (1 or 0), order; then its checks, CHECK_SLOTS each:
 * op + path id × 16, argument (the id of a text, set, bounds pair or check), target record. 12 bytes a
 * check, 16 a rule's last state: a source's state and its rules' states fit in a few lines.
 */
const STAMP = 0;
const SHAPE = 1;
const HEADER_SLOTS = 2;
/** A shape's check count meaning "indexed": above any count of checks tested in turn. */
const INDEXED_SHAPE = 15;
const PAYLOAD_SLOTS = 2;
const CHECK_SLOTS = 3;
const OP_PATH = 0;
const ARG = 1;
const TARGET = 2;
/** The op's bits in a check's first slot. */
const OP_MASK = 15;

/** From this many conditions a state looks its leaves up per field; below, it tests them in turn. */
const INDEX_FROM = 12;

/**
 * The automaton as matching reads it: every state a record in one typed array, laid out depth first so a
 * state, its conditions, and the states they lead to (a source's rules) sit in a few adjacent memory
 * lines. With thousands of rules the object graph (a state, its condition table, each condition, its
 * target, boxed numbers) cost an event a cache miss per object; here a state's visit reads its record
 * and, for text conditions, the shared texts. Built from the states whenever the rules changed, and
 * read-only otherwise but for the stamps.
 */
export class CompiledAutomaton<B extends object> {
  private readonly slots: Int32Array;
  private readonly payloads: B[] = [];
  /** By payload number (depth first, so a source's are adjacent). */
  private readonly labels: string[] = [];
  /** Ranges' closed bounds and exact numbers' values (then twice), as comparable values, two per id. */
  private readonly bounds: number[] = [];
  private readonly texts: string[] = [];
  private readonly sets: ReadonlySet<string | number>[] = [];
  private readonly checks: LeafCheck<AutomatonState<B>>[] = [];
  private readonly indexed: CompiledField<B>[][] = [];
  /** States and records reached through indexed conditions, before they are queued. */
  private readonly reachedStates: AutomatonState<B>[] = [];
  private readonly reachedRecords: number[] = [];
  private readonly queue: number[] = [];
  /** The match number the stamps count from: a record's stamp is a match number minus it. */
  private base: number;

  /**
   * @param epoch the number of the last match run (the states' own stamps count matches too)
   * @param shared where the automaton's conditions share their texts and sets
   * @param describe what reporting a payload needs
   */
  constructor(
    root: AutomatonState<B>,
    epoch: number,
    private readonly shared: SharedValues,
    private readonly describe: (payload: B) => PayloadInfo,
  ) {
    this.base = epoch;

    const order = depthFirst(root);
    let size = 0;
    for (const state of order) {
      state.at = size;
      size += recordSlots(state);
    }
    this.slots = new Int32Array(size);
    const textIds = new Map<string, number>();
    const setIds = new Map<ReadonlySet<string | number>, number>();
    for (const state of order) this.write(state, textIds, setIds);
  }

  // A payload found by `run` is named by where it sits in a record (valid until the automaton changes), so
  // that its order and whether it is plain are read from the record the walk just read.

  /** The payload found at `entry`. */
  payload(entry: number): B {
    return this.payloads[this.slots[entry]! >> 1]!;
  }

  order(entry: number): number {
    return this.slots[entry + 1]!;
  }

  /** Whether the payload at `entry` was described as plain (see PayloadInfo). */
  isPlain(entry: number): boolean {
    return (this.slots[entry]! & 1) === 1;
  }

  label(entry: number): string {
    return this.labels[this.slots[entry]! >> 1]!;
  }

  /**
   * Adds to `out` the payloads (entries, see above) of the branches whose every field `fields` satisfies
   * (arrays aside).
   * @param match the match's number, above every earlier one's
   */
  run(fields: EventFields, match: number, out: number[]): void {
    // A stamp is an int32: before it would overflow, the stamps are cleared and count from this match.
    if (match - this.base >= 0x7fffffff) this.resetStamps(match - 1);
    const epoch = match - this.base;
    const slots = this.slots;
    const queue = this.queue;
    slots[STAMP] = epoch;
    queue.push(0);
    while (queue.length > 0) {
      const at = queue.pop()!;
      const shape = slots[at + SHAPE]!;
      const checks = shape & 15;
      let slot = at + HEADER_SLOTS + (checks === INDEXED_SHAPE ? 1 : 0);
      for (let i = shape >> 4; i > 0; i--, slot += PAYLOAD_SLOTS) out.push(slot);
      if (checks === INDEXED_SHAPE) {
        this.visitIndexed(this.indexed[slots[at + HEADER_SLOTS]!]!, fields, match, epoch);
        continue;
      }
      const end = slot + checks * CHECK_SLOTS;
      for (; slot < end; slot += CHECK_SLOTS) {
        const op = slots[slot + OP_PATH]! & OP_MASK;
        const pathId = slots[slot + OP_PATH]! >> 4;
        if (op === CheckOp.Absent) {
          if (isPossiblyAbsent(fields, pathId)) this.reach(slots[slot + TARGET]!, epoch);
          continue;
        }
        for (const leaf of fields.leaves(pathId)) {
          if (this.test(op, slot, leaf)) {
            this.reach(slots[slot + TARGET]!, epoch);
            break;
          }
        }
      }
    }
  }

  private reach(target: number, epoch: number): void {
    if (this.slots[target + STAMP] === epoch) return;
    this.slots[target + STAMP] = epoch;
    this.queue.push(target);
  }

  /** A state with many conditions looks its leaves up per field (see FieldTransitions). */
  private visitIndexed(indexed: CompiledField<B>[], fields: EventFields, match: number, epoch: number): void {
    const states = this.reachedStates;
    const records = this.reachedRecords;
    // The value indexes stamp the states themselves, with the match number.
    for (const field of indexed) field.collect(fields, match, records, states);
    for (let state = states.pop(); state !== undefined; state = states.pop()) this.reach(state.at, epoch);
    for (let at = records.pop(); at !== undefined; at = records.pop()) this.reach(at, epoch);
  }

  /** `passes` (leaf-check.ts) on the check at `slot`, reading the record instead of a LeafCheck. */
  private test(op: number, slot: number, leaf: EventLeaf): boolean {
    switch (op) {
      case CheckOp.ExactString:
        return leaf.kind === LeafKind.String && leaf.text === this.texts[this.slots[slot + ARG]!];
      case CheckOp.ExactLiteral:
        return leaf.kind === LeafKind.Literal && leaf.text === this.texts[this.slots[slot + ARG]!];
      case CheckOp.ExactNumberText:
        return leaf.kind === LeafKind.Number && leaf.text === this.texts[this.slots[slot + ARG]!];
      case CheckOp.FoldedEquals:
        return leaf.kind === LeafKind.String && leaf.folded === this.texts[this.slots[slot + ARG]!];
      case CheckOp.Prefix:
        return leaf.kind === LeafKind.String && leaf.text.startsWith(this.texts[this.slots[slot + ARG]!]!);
      case CheckOp.FoldedPrefix:
        return leaf.kind === LeafKind.String && leaf.folded.startsWith(this.texts[this.slots[slot + ARG]!]!);
      case CheckOp.Suffix:
        return leaf.kind === LeafKind.String && leaf.text.endsWith(this.texts[this.slots[slot + ARG]!]!);
      case CheckOp.FoldedSuffix:
        return leaf.kind === LeafKind.String && leaf.folded.endsWith(this.texts[this.slots[slot + ARG]!]!);
      // A literal's comparable value is a function of its text, so equal values (or, outside ±5e9, equal
      // texts) are exactly matchesLeaf's "same text or same comparable value".
      case CheckOp.ExactNumberValue:
        return leaf.kind === LeafKind.Number && leaf.comparable === this.bounds[this.slots[slot + ARG]! * 2];
      case CheckOp.Range: {
        const value = leaf.comparable;
        const low = this.slots[slot + ARG]! * 2;
        return value !== undefined && this.bounds[low]! <= value && value <= this.bounds[low + 1]!;
      }
      case CheckOp.AnyLeaf:
        return true;
      case CheckOp.AnythingButStrings:
        return leaf.kind !== LeafKind.String || !this.sets[this.slots[slot + ARG]!]!.has(leaf.text);
      case CheckOp.AnythingButNumbers: {
        const value = leaf.kind === LeafKind.Number ? leaf.comparable : undefined;
        return value === undefined || !this.sets[this.slots[slot + ARG]!]!.has(value);
      }
      default:
        return passes(this.checks[this.slots[slot + ARG]!]!, leaf);
    }
  }

  private write(
    state: AutomatonState<B>,
    textIds: Map<string, number>,
    setIds: Map<ReadonlySet<string | number>, number>,
  ): void {
    const slots = this.slots;
    const at = state.at;
    const payloads = payloadsOf(state);
    const indexed = state.checks.length >= INDEX_FROM;
    slots[at + SHAPE] = payloads.length * 16 + (indexed ? INDEXED_SHAPE : state.checks.length);
    let slot = at + HEADER_SLOTS + (indexed ? 1 : 0);
    for (const payload of payloads) {
      const { order, label, plain } = this.describe(payload);
      slots[slot] = this.payloads.length * 2 + (plain ? 1 : 0);
      slots[slot + 1] = order;
      this.payloads.push(payload);
      this.labels.push(label);
      slot += PAYLOAD_SLOTS;
    }
    if (indexed) {
      slots[at + HEADER_SLOTS] = this.indexed.length;
      const pathIds = [...new Set(state.checks.map((check) => check.pathId))];
      this.indexed.push(
        pathIds.map(
          (pathId) =>
            new CompiledField(
              pathId,
              state.checks.filter((check) => check.pathId === pathId),
              this.shared,
            ),
        ),
      );
      return;
    }
    for (const check of state.checks) {
      slots[slot + OP_PATH] = check.op + check.pathId * 16;
      slots[slot + TARGET] = check.target.at;
      slots[slot + ARG] = this.argumentOf(check, textIds, setIds);
      slot += CHECK_SLOTS;
    }
  }

  private argumentOf(
    check: LeafCheck<AutomatonState<B>>,
    textIds: Map<string, number>,
    setIds: Map<ReadonlySet<string | number>, number>,
  ): number {
    if (check.op === CheckOp.Other) return this.checks.push(check) - 1;
    if (check.op === CheckOp.Range || check.op === CheckOp.ExactNumberValue) {
      return this.bounds.push(check.low, check.op === CheckOp.Range ? check.high : check.low) / 2 - 1;
    }
    if (check.excluded !== undefined) return idOf(setIds, this.sets, check.excluded);
    return idOf(textIds, this.texts, check.text);
  }

  private resetStamps(base: number): void {
    const slots = this.slots;
    for (let at = 0; at < slots.length; at += recordSlotsAt(slots, at)) slots[at + STAMP] = 0;
    this.base = base;
  }
}

/**
 * Absent, or possibly absent: when every leaf of the field sits in an array, they may all lie in other
 * elements than the ones the branch's other fields matched in (the caller re-checks such matches).
 */
function isPossiblyAbsent(fields: EventFields, pathId: number): boolean {
  return fields.arrayLeaves(pathId) === fields.leaves(pathId).length;
}

function payloadsOf<B extends object>(state: AutomatonState<B>): readonly B[] {
  const accepting = state.accepting;
  if (accepting === undefined) return [];
  return Array.isArray(accepting) ? accepting : [accepting];
}

function recordSlots<B extends object>(state: AutomatonState<B>): number {
  const payloads = payloadsOf(state).length;
  const checks = state.checks.length >= INDEX_FROM ? INDEXED_SHAPE : state.checks.length;
  return slotsOf(payloads * 16 + checks);
}

function recordSlotsAt(slots: Int32Array, at: number): number {
  return slotsOf(slots[at + SHAPE]!);
}

function slotsOf(shape: number): number {
  const checks = shape & 15;
  const payloads = shape >> 4;
  if (checks === INDEXED_SHAPE) return HEADER_SLOTS + 1 + payloads * PAYLOAD_SLOTS;
  return HEADER_SLOTS + payloads * PAYLOAD_SLOTS + checks * CHECK_SLOTS;
}

/** The states in depth-first preorder from `root`, each after the state whose condition leads to it. */
function depthFirst<B extends object>(root: AutomatonState<B>): AutomatonState<B>[] {
  const order: AutomatonState<B>[] = [];
  const pending = [root];
  for (let state = pending.pop(); state !== undefined; state = pending.pop()) {
    order.push(state);
    const children = new Set(state.checks.map((check) => check.target));
    pending.push(...[...children].reverse());
  }
  return order;
}

function idOf<V>(ids: Map<V, number>, values: V[], value: V): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = values.push(value) - 1;
    ids.set(value, id);
  }
  return id;
}
