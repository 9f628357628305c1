import { reach, removeOne, type Reachable } from "./reachable.ts";

/** A closed interval of comparable values (±Infinity for an open end) and the state it leads to. */
type Interval<T> = { readonly low: number; readonly high: number; readonly target: T };

/** A node of a centred interval tree: the intervals containing `center`, sorted both ways. */
type TreeNode<T> = {
  center: number;
  byLow: Interval<T>[];
  byHigh: Interval<T>[];
  left: TreeNode<T> | undefined;
  right: TreeNode<T> | undefined;
};

/** Below this many intervals a scan beats the tree. */
const SCAN_LIMIT = 16;

/**
 * Numeric-range conditions of one field. A value finds the intervals containing it in O(log n + hits)
 * through a centred interval tree, rebuilt on the first lookup after a change (rules change rarely,
 * events often).
 */
export class IntervalIndex<T extends Reachable> {
  private readonly intervals: Interval<T>[] = [];
  private tree: TreeNode<T> | undefined;
  private stale = false;

  get size(): number {
    return this.intervals.length;
  }

  add(low: number, high: number, target: T): void {
    // An empty interval (`> 1` and `< 1.000001`) contains nothing; leaving it out keeps the tree's invariant.
    if (low > high) return;
    this.intervals.push({ low, high, target });
    this.stale = true;
  }

  remove(low: number, high: number, target: T): void {
    const found = this.intervals.find((i) => i.low === low && i.high === high && i.target === target);
    if (found !== undefined) removeOne(this.intervals, found);
    this.stale = true;
  }

  /** Queues the targets of every interval containing `value`. */
  collect(value: number, epoch: number, out: T[]): void {
    if (this.intervals.length <= SCAN_LIMIT) {
      for (const i of this.intervals) if (i.low <= value && value <= i.high) reach(i.target, epoch, out);
      return;
    }
    if (this.stale) {
      this.tree = buildTree(this.intervals);
      this.stale = false;
    }
    for (let node = this.tree; node !== undefined;) {
      if (value < node.center) {
        for (const i of node.byLow) {
          if (i.low > value) break;
          reach(i.target, epoch, out);
        }
        node = node.left;
      } else if (value > node.center) {
        for (const i of node.byHigh) {
          if (i.high < value) break;
          reach(i.target, epoch, out);
        }
        node = node.right;
      } else {
        for (const i of node.byLow) reach(i.target, epoch, out);
        return;
      }
    }
  }
}

function buildTree<T>(intervals: readonly Interval<T>[]): TreeNode<T> | undefined {
  if (intervals.length === 0) return undefined;
  // Every numeric condition has at least one finite bound, and the median finite bound belongs to an
  // interval containing it, so each node keeps at least one interval and the recursion ends.
  const ends = intervals.flatMap((i) => [i.low, i.high].filter(Number.isFinite)).sort((a, b) => a - b);
  const center = ends[ends.length >> 1]!;
  const here: Interval<T>[] = [];
  const left: Interval<T>[] = [];
  const right: Interval<T>[] = [];
  for (const i of intervals) {
    if (i.high < center) left.push(i);
    else if (i.low > center) right.push(i);
    else here.push(i);
  }
  return {
    center,
    byLow: [...here].sort((a, b) => a.low - b.low),
    byHigh: [...here].sort((a, b) => b.high - a.high),
    left: buildTree(left),
    right: buildTree(right),
  };
}
